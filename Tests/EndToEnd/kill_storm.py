"""Writers creating customers in one store while a killer kill -9s some of them at random:
the harness the store reliability tests share."""

import json
import os
import random
import signal
import sqlite3
import subprocess
import threading
import time

from console_driver import console_binary


class Writer:
    """A loop of `flexprice-console [args] customers create` runs."""

    def __init__(self, name, args=(), env=None, killable=True):
        self.name = name
        self.args = list(args)
        self.env = env or {}
        self.killable = killable


def storm(workspace, writers, seconds=6, seed=1, pause=(0.03, 0.12)):
    """Runs the writers for `seconds` while SIGKILLing killable ones every `pause` seconds.
    Returns (acknowledged {external id: customer id}, failures of runs not killed, kill count)."""
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    acknowledged, failures, running, killed = {}, [], {}, set()

    def write(writer):
        n = 0
        env = {**workspace.env, **writer.env}
        while time.monotonic() < deadline:
            n += 1
            external = f"{writer.name}-{n}"
            body = json.dumps({"external_id": external, "name": f"Writer {writer.name} #{n}", "metadata": {"n": str(n)}})
            proc = subprocess.Popen([console_binary(), *writer.args, "customers", "create", "--file", "-", "--json"],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    env=env, text=True)
            with lock:
                if writer.killable:
                    running[proc.pid] = proc
            out, err = proc.communicate(body, timeout=60)
            with lock:
                running.pop(proc.pid, None)
                was_killed = proc.pid in killed
            if proc.returncode == 0:
                with lock:
                    acknowledged[external] = json.loads(out)["id"]
            elif not was_killed:
                with lock:
                    failures.append((writer.name, proc.returncode, err))

    def kill():
        while time.monotonic() < deadline:
            time.sleep(rng.uniform(*pause))
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

    threads = [threading.Thread(target=write, args=(w,)) for w in writers] + [threading.Thread(target=kill)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return acknowledged, failures, len(killed)


def assert_store_intact(test, workspace, acknowledged):
    """SQLite's integrity check passes and every acknowledged create is there (read through the
    store's own listing), and the store still takes writes."""
    with sqlite3.connect(workspace.db) as db:
        test.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
    listed, offset = {}, 0
    while True:
        page = workspace.cli_json("customers", "list", "--limit", "1000", "--offset", str(offset))
        listed.update({c["external_id"]: c["id"] for c in page["items"]})
        offset += 1000
        if offset >= page["pagination"]["total"]:
            break
    test.assertEqual({e: i for e, i in acknowledged.items() if listed.get(e) != i}, {},
                     "acknowledged creates are missing after kill -9")
    workspace.create({"external_id": "after-the-storm", "name": "After the storm"})
