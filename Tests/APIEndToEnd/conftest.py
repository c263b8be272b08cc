"""Starts flexprice-console-api on a free loopback port for the suite.

The binary is FLEXPRICE_CONSOLE_API_BIN (set by the Swift test that runs this suite), else the
newest debug build under the package. The server gets a new database in a temporary folder and
two keys, one per environment.
"""
import os
import pathlib
import subprocess
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
KEY_A = "sk_e2e_environment_a_00000001"
KEY_B = "sk_e2e_environment_b_00000002"


def server_binary():
    explicit = os.environ.get("FLEXPRICE_CONSOLE_API_BIN")
    if explicit:
        return explicit
    candidates = [p for p in ROOT.glob(".build*/debug/flexprice-console-api") if p.is_file()]
    if not candidates:
        pytest.exit("flexprice-console-api is not built: run swift build --product flexprice-console-api", 2)
    return str(max(candidates, key=lambda p: p.stat().st_mtime))


class Server:
    def __init__(self, process, port, folder):
        self.process = process
        self.port = port
        self.folder = folder
        self.base_url = f"http://127.0.0.1:{port}"
        self.api_url = self.base_url + "/v1"

    def log(self):
        return (pathlib.Path(self.folder) / "server.log").read_text(errors="replace")


@pytest.fixture(scope="session")
def server():
    folder = tempfile.mkdtemp(prefix="api-e2e-")
    env = dict(os.environ)
    env["FLEXPRICE_API_KEYS"] = f"env_e2e_a={KEY_A},env_e2e_b={KEY_B}"
    env["XDG_CONFIG_HOME"] = folder  # no config file of the machine's user
    env.pop("FLEXPRICE_DB", None)
    log = open(os.path.join(folder, "server.log"), "wb")
    process = subprocess.Popen(
        [server_binary(), "--port", "0", "--db", os.path.join(folder, "customers.sqlite")],
        stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL, env=env)
    line = process.stdout.readline().decode()
    if "listening on" not in line:
        process.kill()
        raise RuntimeError(f"server did not start: {line!r}")
    server = Server(process, int(line.rsplit(":", 1)[1]), folder)
    yield server
    process.terminate()
    process.wait(timeout=120)
    log.close()
