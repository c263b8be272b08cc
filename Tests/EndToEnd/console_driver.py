"""Helpers for the end-to-end tests: run the real console in a pseudo-terminal through
ttydrive (committed beside this file), and the real CLI, against a private store."""

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TTYDRIVE = os.path.join(HERE, "ttydrive")

# How long a wait for an event (text on the screen, a file, the program's exit) may take
# before it counts as never coming. Waits end as soon as their event happens, so this costs
# nothing when all is well; it is only the bound that turns a hang into a failure, far beyond
# what any busy machine needs (a test never bets on how fast the machine is).
SAFETY_S = 120


def console_binary():
    """The binary under test: FLEXPRICE_CONSOLE_BIN, else the debug build of this checkout."""
    path = os.environ.get("FLEXPRICE_CONSOLE_BIN")
    if not path:
        path = os.path.join(HERE, "..", "..", ".build", "debug", "flexprice-console")
    path = os.path.abspath(path)
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"no console binary at {path}; run `swift build` first")
    return path


def api_binary():
    """The API server: FLEXPRICE_API_BIN, else the one built beside the console."""
    path = os.environ.get("FLEXPRICE_API_BIN") or os.path.join(os.path.dirname(console_binary()), "flexprice-console-api")
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"no API server at {path}; run `swift build` first")
    return path


class ApiServer:
    """flexprice-console-api on a free loopback port, serving a workspace's store; the key is
    bound to the store's default environment, so local and remote clients see the same rows."""

    KEY = "sk_e2e_reliability_0000000001"

    def __init__(self, workspace):
        env = dict(workspace.env, FLEXPRICE_API_KEYS=f"env_local={self.KEY}")
        self.log = open(os.path.join(workspace.root, "api.log"), "wb")
        self.process = subprocess.Popen([api_binary(), "--port", "0", "--db", workspace.db],
                                        stdout=subprocess.PIPE, stderr=self.log, stdin=subprocess.DEVNULL, env=env)
        line = self.process.stdout.readline().decode()
        if "listening on" not in line:
            self.process.kill()
            raise RuntimeError(f"API server did not start: {line!r}")
        self.url = f"http://127.0.0.1:{int(line.rsplit(':', 1)[1])}/v1"
        # Flags and variables that make a console or CLI talk to this server.
        self.remote_args = ["--backend", "remote", "--url", self.url]
        self.remote_env = {"FLEXPRICE_API_KEY": self.KEY}

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=SAFETY_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class Workspace:
    """A private HOME and XDG folders, so tests never touch the operator's store or config."""

    def __init__(self):
        self._dir = tempfile.TemporaryDirectory(prefix="fx-e2e-")
        self.root = self._dir.name
        self.db = os.path.join(self.root, "customers.sqlite")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.root,
            "USER": "e2e-operator",
            "XDG_CONFIG_HOME": os.path.join(self.root, "config"),
            "XDG_DATA_HOME": os.path.join(self.root, "data"),
            "XDG_STATE_HOME": os.path.join(self.root, "state"),
            "FLEXPRICE_DB": self.db,
        }

    def close(self):
        self._dir.cleanup()

    def cli(self, *args, stdin=None, check=True, extra_env=None):
        """Runs `flexprice-console ARGS`; returns (exit code, stdout, stderr)."""
        done = subprocess.run([console_binary(), *args], input=stdin, capture_output=True, text=True,
                              env={**self.env, **(extra_env or {})}, timeout=SAFETY_S)
        if check and done.returncode != 0:
            raise AssertionError(f"CLI {args} failed ({done.returncode}): {done.stderr}")
        return done.returncode, done.stdout, done.stderr

    def cli_json(self, *args, stdin=None):
        _, out, _ = self.cli(*args, "--json", stdin=stdin)
        return json.loads(out) if out.strip() else None

    def create(self, body):
        return self.cli_json("customers", "create", "--file", "-", stdin=json.dumps(body))

    def drive(self, script, *, cols=80, rows=24, term="xterm-256color", record=None, extra_env=None,
              timeout_s=10 * SAFETY_S, args=()):
        """Runs the console under ttydrive with `script`; returns (exit code, report, human output).

        Every wait in the script is for an event (`expect`, `expect-gone`, `await-file`, the
        console's exit after the script), each bounded only by SAFETY_S."""
        report_path = os.path.join(self.root, "report.json")
        console_args = list(args)
        safety_ms = str(SAFETY_S * 1000)
        args = [sys.executable, TTYDRIVE, "--cols", str(cols), "--rows", str(rows), "--term", term,
                "--clean-env", "--json-out", report_path, "--keys-inline", script,
                "--startup-timeout-ms", safety_ms, "--ready-timeout-ms", safety_ms,
                "--expect-timeout-ms", safety_ms, "--write-timeout-ms", safety_ms,
                "--exit-timeout-ms", safety_ms, "--kill-timeout-ms", "10000", "--max-time", str(timeout_s)]
        for key, value in {**self.env, "ESCDELAY": "25", **(extra_env or {})}.items():
            args += ["--env", f"{key}={value}"]
        if record:
            args += ["--record", record]
        args += ["--", console_binary(), *console_args]
        done = subprocess.run(args, capture_output=True, text=True, timeout=timeout_s + 2 * SAFETY_S)
        report = None
        if os.path.exists(report_path):
            with open(report_path) as handle:
                report = json.load(handle)
            os.remove(report_path)
        return done.returncode, report, done.stdout + done.stderr


class Rendezvous:
    """A meeting point between a ttydrive script and the test: the script touches `here` once
    the console is where the test needs it, then waits (await-file) for `done`; a thread runs
    `action` (another process's write, say) as soon as `here` appears, then makes `done`. So
    the other write lands exactly between two steps of the script, on any machine."""

    def __init__(self, workspace, action):
        self.here = os.path.join(workspace.root, "rendezvous-here")
        self.done = os.path.join(workspace.root, "rendezvous-done")
        self.error = None
        self._action = action
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)
        self._thread.start()

    @property
    def script(self):
        """The two script lines: say the console is there, wait until the action is done."""
        return f"touch {self.here}\nawait-file {self.done}"

    def _run(self):
        while not os.path.exists(self.here):
            if self._stop.wait(0.02):
                return  # the script ended without reaching the meeting point
        try:
            self._action()
        except BaseException as error:  # reported by join()
            self.error = error
        finally:
            open(self.done, "a").close()

    def join(self):
        """Ends the wait (if the script never got there) and reports the action's failure."""
        self._stop.set()
        self._thread.join()
        if self.error is not None:
            raise self.error


def wait_for(condition, what, safety_s=SAFETY_S):
    """Waits until `condition()` is true (checking every 20 ms); fails after `safety_s`."""
    end = time.monotonic() + safety_s
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"{what} did not happen within {safety_s} s")
        time.sleep(0.02)


class ConsoleTestCase(unittest.TestCase):
    """A test with a private workspace, and `drive` that fails with ttydrive's output unless
    the script ran through and the console exited cleanly."""

    def setUp(self):
        self.ws = Workspace()
        # A cleanup, not tearDown: cleanups run last-added first, so every session a test
        # opened (and the console in it, which may still be writing a draft) is closed before
        # its workspace is removed. tearDown ran before them, and rmtree met a new draft file.
        self.addCleanup(self.ws.close)

    def console(self, cols=100, rows=30, **env):
        """The console in a pseudo-terminal of its own (pty_session), in this workspace; closed
        with the test. `env` adds to or overrides the variables (LANG=C, TMUX=...)."""
        from pty_session import PtySession  # pty_session imports this module
        session = PtySession([console_binary()], {**self.ws.env, "TERM": "xterm-256color", "LANG": "C.UTF-8",
                                                  "ESCDELAY": "25", **env}, cols=cols, rows=rows)
        self.addCleanup(session.close)
        return session

    def drive(self, script, **kw):
        code, report, output = self.ws.drive(script, **kw)
        self.assertEqual(code, 0, f"ttydrive failed:\n{output}")
        self.assertEqual(report["exit_status"], 0, f"console did not exit cleanly:\n{output}")
        return report
