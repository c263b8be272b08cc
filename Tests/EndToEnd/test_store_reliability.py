"""The local store holds up: several processes writing one store at once see no errors and
lose no rows, and kill -9 in the middle of writes leaves a store that passes SQLite's
integrity check with every acknowledged write present."""

import json
import os
import random
import signal
import sqlite3
import subprocess
import threading
import time
import unittest

from console_driver import Workspace, console_binary


class StoreReliability(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace()
        self.ws.create({"external_id": "seed", "name": "Seed"})  # the file and schema exist first

    def tearDown(self):
        self.ws.close()

    def test_concurrent_writers_and_kill_minus_nine(self):
        rng = random.Random(20261122)
        deadline = time.monotonic() + 6
        lock = threading.Lock()
        acknowledged = {}      # external id -> customer id, for creates whose output arrived
        failures = []          # (writer, exit code, stderr) of runs that were not killed
        running = {}           # pid -> Popen
        killed = set()

        def writer(name):
            n = 0
            while time.monotonic() < deadline:
                n += 1
                external = f"{name}-{n}"
                body = json.dumps({"external_id": external, "name": f"Writer {name} #{n}", "metadata": {"n": str(n)}})
                proc = subprocess.Popen([console_binary(), "customers", "create", "--file", "-", "--json"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env=self.ws.env, text=True)
                with lock:
                    running[proc.pid] = proc
                out, err = proc.communicate(body, timeout=30)
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

        threads = [threading.Thread(target=writer, args=(w,)) for w in ("a", "b", "c")]
        threads.append(threading.Thread(target=killer))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        print(f"\nwriters: {len(acknowledged)} acknowledged creates, {len(killed)} writers killed with SIGKILL")
        self.assertEqual(failures, [], "a writer that was not killed reported an error")
        self.assertGreater(len(killed), 10, "the test killed too few writers to prove anything")
        self.assertGreater(len(acknowledged), 20, "too few writes got through")

        with sqlite3.connect(self.ws.db) as db:
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        # Every acknowledged create is there, through the store's own reading path.
        listed = {}
        offset = 0
        while True:
            page = self.ws.cli_json("customers", "list", "--limit", "1000", "--offset", str(offset))
            listed.update({c["external_id"]: c["id"] for c in page["items"]})
            offset += 1000
            if offset >= page["pagination"]["total"]:
                break
        missing = {e: i for e, i in acknowledged.items() if listed.get(e) != i}
        self.assertEqual(missing, {}, "acknowledged creates are missing after kill -9")
        # And the store still takes writes.
        self.ws.create({"external_id": "after", "name": "After the storm"})


if __name__ == "__main__":
    unittest.main()
