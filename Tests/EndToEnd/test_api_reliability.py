"""Issue 5 through the API server: a rival edit made through the server is not silently lost
by a console on the remote backend, and the store holds up when the server writes it together
with other processes."""

import json
import os
import random
import signal
import sqlite3
import subprocess
import threading
import time
import unittest

from console_driver import ApiServer, Workspace, console_binary


class ThroughTheApiServer(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace()
        self.ws.create({"external_id": "seed", "name": "Seed"})
        self.server = ApiServer(self.ws)

    def tearDown(self):
        self.server.stop()
        self.ws.close()

    def remote_cli(self, *args, stdin=None):
        return self.ws.cli(*self.server.remote_args, *args, stdin=stdin, extra_env=self.server.remote_env)

    def test_a_rival_edit_through_the_server_is_not_lost(self):
        _, out, _ = self.remote_cli("customers", "create", "--file", "-", "--json",
                                    stdin=json.dumps({"external_id": "api-rival", "name": "Remote Co",
                                                      "email": "old@remote.example", "metadata": {}}))
        created = json.loads(out)

        def rival_edit():
            time.sleep(1.5)
            self.remote_cli("customers", "update", created["id"], "--file", "-",
                            stdin='{"email": "new@remote.example"}')

        rival = threading.Thread(target=rival_edit)
        rival.start()
        try:
            code, report, output = self.ws.drive("""
expect Remote Co
key Down
expect Remote Co
key Home
type /
type remote co
key Enter
type e
expect Edit Remote Co
key Tab
key Ctrl-U
type Remote AS
wait 3000
key Ctrl-S
expect Changed by someone else
expect new@remote.example
type o
expect Saved Remote AS
type q
""", args=self.server.remote_args, extra_env=self.server.remote_env)
            self.assertEqual(code, 0, output)
        finally:
            rival.join()
        final = json.loads(self.remote_cli("customers", "get", created["id"], "--json")[1])
        self.assertEqual((final["name"], final["email"]), ("Remote AS", "new@remote.example"))

    def test_the_server_and_local_writers_share_one_store_through_kill_minus_nine(self):
        rng = random.Random(5)
        deadline = time.monotonic() + 6
        lock = threading.Lock()
        acknowledged, failures, running, killed = {}, [], {}, set()

        def writer(name, remote):
            n = 0
            extra = self.server.remote_args if remote else []
            env = {**self.ws.env, **(self.server.remote_env if remote else {})}
            while time.monotonic() < deadline:
                n += 1
                external = f"{name}-{n}"
                proc = subprocess.Popen([console_binary(), *extra, "customers", "create", "--file", "-", "--json"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env=env, text=True)
                with lock:
                    if not remote:
                        running[proc.pid] = proc
                out, err = proc.communicate(json.dumps({"external_id": external, "name": name}), timeout=30)
                with lock:
                    running.pop(proc.pid, None)
                    was_killed = proc.pid in killed
                if proc.returncode == 0:
                    with lock:
                        acknowledged[external] = json.loads(out)["id"]
                elif not was_killed:
                    with lock:
                        failures.append((name, proc.returncode, err))

        def killer():
            while time.monotonic() < deadline:
                time.sleep(rng.uniform(0.03, 0.12))
                with lock:
                    victims = list(running.values())
                if victims:
                    victim = rng.choice(victims)
                    with lock:
                        killed.add(victim.pid)
                    try:
                        os.kill(victim.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass

        threads = [threading.Thread(target=writer, args=("local-a", False)),
                   threading.Thread(target=writer, args=("local-b", False)),
                   threading.Thread(target=writer, args=("server", True)),
                   threading.Thread(target=killer)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        print(f"\nshared store: {len(acknowledged)} acknowledged creates "
              f"({sum(1 for e in acknowledged if e.startswith('server'))} through the server), {len(killed)} kill -9")
        self.assertEqual(failures, [], "a writer that was not killed reported an error")
        self.assertTrue(any(e.startswith("server") for e in acknowledged))
        with sqlite3.connect(self.ws.db) as db:
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        listed, offset = {}, 0
        while True:
            page = self.ws.cli_json("customers", "list", "--limit", "1000", "--offset", str(offset))
            listed.update({c["external_id"]: c["id"] for c in page["items"]})
            offset += 1000
            if offset >= page["pagination"]["total"]:
                break
        self.assertEqual({e: i for e, i in acknowledged.items() if listed.get(e) != i}, {})


if __name__ == "__main__":
    unittest.main()
