"""Helpers for the end-to-end tests: run the real console in a pseudo-terminal through
ttydrive (committed beside this file), and the real CLI, against a private store."""

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TTYDRIVE = os.path.join(HERE, "ttydrive")


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
            self.process.wait(timeout=10)
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
                              env={**self.env, **(extra_env or {})}, timeout=60)
        if check and done.returncode != 0:
            raise AssertionError(f"CLI {args} failed ({done.returncode}): {done.stderr}")
        return done.returncode, done.stdout, done.stderr

    def cli_json(self, *args, stdin=None):
        _, out, _ = self.cli(*args, "--json", stdin=stdin)
        return json.loads(out) if out.strip() else None

    def create(self, body):
        return self.cli_json("customers", "create", "--file", "-", stdin=json.dumps(body))

    def drive(self, script, *, cols=80, rows=24, term="xterm-256color", record=None, extra_env=None,
              timeout_s=60, args=()):
        """Runs the console under ttydrive with `script`; returns (exit code, report, human output)."""
        report_path = os.path.join(self.root, "report.json")
        console_args = list(args)
        args = [sys.executable, TTYDRIVE, "--cols", str(cols), "--rows", str(rows), "--term", term,
                "--clean-env", "--json-out", report_path, "--keys-inline", script]
        for key, value in {**self.env, "ESCDELAY": "25", **(extra_env or {})}.items():
            args += ["--env", f"{key}={value}"]
        if record:
            args += ["--record", record]
        args += ["--", console_binary(), *console_args]
        done = subprocess.run(args, capture_output=True, text=True, timeout=timeout_s)
        report = None
        if os.path.exists(report_path):
            with open(report_path) as handle:
                report = json.load(handle)
            os.remove(report_path)
        return done.returncode, report, done.stdout + done.stderr
