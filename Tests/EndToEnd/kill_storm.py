"""Writers creating customers in one store while some of their runs are ended with kill -9:
the harness the store reliability tests share.

Nothing here is timed. The storm goes on until enough creates were acknowledged and enough
runs were killed (counts, not seconds), and a run is killed at a random point of its life as
measured on this machine in this storm: on a busy machine runs take longer, and the kills
land later, so they still fall during the writes rather than before them. Only a safety
bound turns a storm that can never reach its counts into a failure."""

import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import threading
import time

from console_driver import SAFETY_S, console_binary


class Writer:
    """A loop of `flexprice-console [args] customers create` runs."""

    def __init__(self, name, args=(), env=None, killable=True):
        self.name = name
        self.args = list(args)
        self.env = env or {}
        self.killable = killable


def storm(workspace, writers, *, acknowledged_at_least=21, kills_at_least=11, seed=1, kill_share=0.5,
          safety_s=5 * SAFETY_S):
    """Runs the writers concurrently until at least `acknowledged_at_least` creates were
    acknowledged (at least one from each writer) and `kills_at_least` runs were killed with
    SIGKILL while still running. About `kill_share` of the killable writers' runs are picked
    to be killed, each after a random part of the time that writer's unkilled runs have taken
    (the median of its last few). Returns (acknowledged {external id: customer id}, failures
    of runs not killed, kill count, whether the counts were reached before `safety_s`)."""
    rng = random.Random(seed)
    lock = threading.Lock()
    acknowledged, failures = {}, []
    lifetimes = {w.name: [] for w in writers}
    per_writer = {w.name: 0 for w in writers}
    kills = [0]
    give_up = time.monotonic() + safety_s

    def reached():
        return (len(acknowledged) >= acknowledged_at_least and kills[0] >= kills_at_least
                and all(per_writer.values()))

    def finished():
        with lock:
            return reached() or bool(failures) or time.monotonic() > give_up

    def kill_after(writer):
        """None (let the run finish), or when to kill it, in seconds after its start."""
        with lock:
            measured = lifetimes[writer.name]
            if not writer.killable or len(measured) < 3 or rng.random() >= kill_share:
                return None  # a writer's first runs measure how long a run takes here, now
            return rng.uniform(0, statistics.median(measured[-9:]))

    def write(writer):
        n = 0
        env = {**workspace.env, **writer.env}
        while not finished():
            n += 1
            external = f"{writer.name}-{n}"
            body = json.dumps({"external_id": external, "name": f"Writer {writer.name} #{n}", "metadata": {"n": str(n)}})
            deadline = kill_after(writer)
            started = time.monotonic()
            proc = subprocess.Popen([console_binary(), *writer.args, "customers", "create", "--file", "-", "--json"],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    env=env, text=True)
            try:
                out, err = proc.communicate(body, timeout=SAFETY_S if deadline is None else deadline)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)  # picked for a kill, or hung past the safety bound
                out, err = proc.communicate()
                if deadline is None:
                    err = f"still running after {SAFETY_S} s; killed\n{err}"
            took = time.monotonic() - started
            with lock:
                if proc.returncode == 0:
                    acknowledged[external] = json.loads(out)["id"]
                    per_writer[writer.name] += 1
                    if deadline is None:
                        lifetimes[writer.name].append(took)
                elif proc.returncode == -signal.SIGKILL and deadline is not None:
                    kills[0] += 1
                else:
                    failures.append((writer.name, proc.returncode, err))

    threads = [threading.Thread(target=write, args=(w,)) for w in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return acknowledged, failures, kills[0], reached()


def assert_storm(test, result, acknowledged_at_least=21, kills_at_least=11):
    """No run that was not killed failed, and the storm reached its counts."""
    acknowledged, failures, kills, reached = result
    test.assertEqual(failures, [], "a writer that was not killed reported an error")
    test.assertTrue(reached, f"the storm never reached {acknowledged_at_least} acknowledged creates and "
                             f"{kills_at_least} kills ({len(acknowledged)} and {kills}): writes stopped getting through")
    test.assertGreaterEqual(kills, kills_at_least)
    test.assertGreaterEqual(len(acknowledged), acknowledged_at_least)


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
