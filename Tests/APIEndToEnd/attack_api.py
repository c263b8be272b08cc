#!/usr/bin/env python3
"""Tries to break a running flexprice-console-api the way issue 9 did, and prints what it saw.

Not part of CI: run it by hand against the release build (see RELIABILITY.md, "The API server
under attack"). Every loop is bounded in count and time and talks to loopback only.

    attack_api.py --port 18090 --key-a KEY --key-b KEY --pid PID [scenario ...]

Scenarios: idle, slowloris, abandon, limits, deadline (default: all). `--pid` lets it read the
server's descriptor count and CPU time from /proc.
"""
import argparse
import json
import os
import socket
import statistics
import threading
import time
import urllib.error
import urllib.request

ARGS = None


def url(path):
    return f"http://127.0.0.1:{ARGS.port}{path}"


def request(method, path, key=None, body=None, timeout=120):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url(path), data=data, method=method)
    if key:
        req.add_header("x-api-key", key)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    start = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as reply:
            payload = reply.read()
            return reply.status, payload, time.monotonic() - start
    except urllib.error.HTTPError as error:
        return error.code, error.read(), time.monotonic() - start
    except OSError as error:
        return None, str(error).encode(), time.monotonic() - start


def descriptors():
    if not ARGS.pid:
        return None
    return len(os.listdir(f"/proc/{ARGS.pid}/fd"))


def cpu_seconds():
    if not ARGS.pid:
        return None
    fields = open(f"/proc/{ARGS.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def connect():
    s = socket.create_connection(("127.0.0.1", ARGS.port), timeout=60)
    return s


def read_all(s, limit=60):
    s.settimeout(limit)
    chunks = []
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    except (ConnectionResetError, socket.timeout):
        pass
    return b"".join(chunks)


def legit_latency(key, path="/v1/customers?limit=10", count=5):
    times = []
    statuses = []
    for _ in range(count):
        status, _, elapsed = request("GET", path, key)
        statuses.append(status)
        times.append(elapsed)
    return statuses, times


class Sampler(threading.Thread):
    """Every quarter second: the server's descriptor count and one legit request's answer."""

    def __init__(self, path, key=None):
        super().__init__(daemon=True)
        self.path, self.key = path, key
        self.samples = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            status, _, elapsed = request("GET", self.path, self.key, timeout=10)
            self.samples.append((descriptors(), status, elapsed))
            time.sleep(0.25)

    def report(self, label):
        self.stop.set()
        self.join()
        fds = [s[0] for s in self.samples if s[0] is not None]
        statuses = {}
        for _, status, _ in self.samples:
            statuses[status] = statuses.get(status, 0) + 1
        times = [s[2] for s in self.samples if s[1] == 200]
        print(f"   {label}: {len(self.samples)} requests, statuses {statuses}; "
              + (f"200s took median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms; "
                 if times else "")
              + (f"server descriptors at most {max(fds)}" if fds else ""))


def idle():
    """Thousands of sockets that send nothing."""
    n = ARGS.idle_sockets
    print(f"== idle: opening {n} sockets that send nothing (server descriptors before: {descriptors()})")
    sampler = Sampler("/v1/customers?limit=1", ARGS.key_b)
    sampler.start()
    sockets = []
    start = time.monotonic()
    for _ in range(n):
        try:
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex(("127.0.0.1", ARGS.port))
            sockets.append(s)
        except OSError as error:
            print(f"   socket failed after {len(sockets)}: {error}")
            break
    refused = closed = 0
    pending = set(range(len(sockets)))
    while pending and time.monotonic() - start < 40:
        for index in list(pending):
            try:
                data = sockets[index].recv(64)
                if data.startswith(b"HTTP/1.1 503"):
                    refused += 1
                else:
                    closed += 1
                pending.discard(index)
            except BlockingIOError:
                pass
            except OSError:
                closed += 1
                pending.discard(index)
        time.sleep(0.05)
    elapsed = time.monotonic() - start
    print(f"   of {len(sockets)}: {refused} answered 503, {closed} closed silently (header timeout), "
          f"{len(pending)} still open after {elapsed:.1f} s")
    sampler.report("a legit client of env B meanwhile")
    for s in sockets:
        s.close()


def slowloris():
    """Sockets that trickle a header line every second, never finishing the head."""
    n = ARGS.slow_sockets
    print(f"== slowloris: {n} connections trickling one header line a second")
    sockets = [connect() for _ in range(n)]
    for s in sockets:
        s.sendall(b"GET /v1/customers HTTP/1.1\r\nHost: x\r\n")
    start = time.monotonic()
    alive = list(sockets)
    closed_at = []
    answers = {"408": 0, "other": 0}
    latencies = []
    while alive and time.monotonic() - start < 60:
        for s in list(alive):
            try:
                s.sendall(b"X-Slow: y\r\n")
                s.setblocking(False)
                data = s.recv(64)
                if data.startswith(b"HTTP/1.1 408"):
                    answers["408"] += 1
                elif data:
                    answers["other"] += 1
                alive.remove(s)
                closed_at.append(time.monotonic() - start)
            except BlockingIOError:
                pass
            except (BrokenPipeError, ConnectionResetError):
                alive.remove(s)
                closed_at.append(time.monotonic() - start)
            finally:
                s.setblocking(True)
        status, _, elapsed = request("GET", "/v1/customers?limit=10", ARGS.key_a)
        latencies.append(elapsed)
        time.sleep(1)
    print(f"   closed by the server: {len(closed_at)} of {n}, after {min(closed_at, default=0):.1f} to "
          f"{max(closed_at, default=0):.1f} s; 408 read back: {answers['408']}")
    print(f"   a legit list meanwhile: median {statistics.median(latencies) * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms")
    for s in sockets:
        s.close()


def abandon():
    """Clients that ask environment A for its largest page and hang up; B lists meanwhile."""
    n = ARGS.abandoners
    what = "a search that reads every row" if ARGS.heavy else "GET /v1/customers?limit=1000"
    print(f"== abandon: {n} clients ask env A for {what} and hang up after "
          f"{ARGS.give_up} s; env B lists meanwhile")
    cpu_before = cpu_seconds()
    if ARGS.heavy:
        # A case-insensitive search on a column without a folded copy reads every row (~1 s on a
        # million customers): 500 of them queue far longer than their clients wait.
        body = json.dumps({"filters": [{"field": "address_city", "operator": "contains", "data_type": "string",
                                        "value": {"string": "zz"}}], "limit": 1000}).encode()
        request_bytes = (f"POST /v1/customers/search HTTP/1.1\r\nHost: x\r\nx-api-key: {ARGS.key_a}\r\n"
                         f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
    else:
        request_bytes = (f"GET /v1/customers?limit=1000 HTTP/1.1\r\nHost: x\r\nx-api-key: {ARGS.key_a}\r\n\r\n").encode()
    sockets = []
    for _ in range(n):
        s = connect()
        s.sendall(request_bytes)
        sockets.append(s)
    b_times = []
    b_statuses = []
    start = time.monotonic()
    while time.monotonic() - start < ARGS.give_up:
        status, _, elapsed = request("GET", "/v1/customers?limit=50", ARGS.key_b, timeout=60)
        b_statuses.append(status)
        b_times.append(elapsed)
    for s in sockets:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.close()
    gave_up = time.monotonic()
    cpu_at_give_up = cpu_seconds()
    # How long the server keeps working for clients that are gone: CPU used per second after.
    samples = []
    for _ in range(5):
        before = cpu_seconds()
        time.sleep(1)
        samples.append(cpu_seconds() - before)
    print(f"   env B during the storm: {len(b_times)} lists, statuses {sorted(set(b_statuses))}, "
          f"median {statistics.median(b_times) * 1000:.1f} ms, max {max(b_times) * 1000:.1f} ms")
    if cpu_before is not None:
        print(f"   server CPU: {cpu_at_give_up - cpu_before:.1f} s during the {ARGS.give_up} s storm; "
              f"per second after the clients left: {', '.join(f'{x:.2f}' for x in samples)}")
    status, _, elapsed = request("GET", "/v1/customers?limit=50", ARGS.key_b)
    print(f"   env B right after: {status} in {elapsed * 1000:.1f} ms ({time.monotonic() - gave_up:.1f} s after)")


def limits():
    """The issue's limit cases, inside and just past each limit."""
    print("== limits")

    def condition(i):
        return {"field": "address_city", "operator": "not_contains", "data_type": "string",
                "value": {"string": f"nowhere {i}"}}
    cases = [
        ("998 filters", {"filters": [condition(i) for i in range(998)], "limit": 1}),
        ("1000 filters", {"filters": [condition(i) for i in range(1000)], "limit": 1}),
        ("1001 filters", {"filters": [condition(i) for i in range(1001)], "limit": 1}),
        ("990 metadata pairs", {"metadata": {f"k{i}": f"v{i}" for i in range(990)}, "limit": 1}),
        ("1000 metadata pairs", {"metadata": {f"k{i}": f"v{i}" for i in range(1000)}, "limit": 1}),
        ("1001 metadata pairs", {"metadata": {f"k{i}": f"v{i}" for i in range(1001)}, "limit": 1}),
        ("1000 sort keys", {"sort": [{"field": ["name", "email", "external_id"][i % 3]} for i in range(1000)],
                            "limit": 1}),
        ("1001 sort keys", {"sort": [{"field": "name"}] * 1001, "limit": 1}),
        ("10 x 1000 in values", {"filters": [{"field": f, "operator": "in", "data_type": "array",
                                              "value": {"array": [f"x{i}" for i in range(1000)]}}
                                             for f in ["id", "name", "email", "contact", "timezone",
                                                       "address_line1", "address_line2", "address_city",
                                                       "address_state", "address_country"]]}),
        ("10,001 values", {"external_ids": ["e"], "filters": [{"field": "id", "operator": "in", "data_type": "array",
                                                              "value": {"array": [f"x{i}" for i in range(1000)]}}] * 10}),
    ]
    for name, body in cases:
        status, payload, elapsed = request("POST", "/v1/customers/search", ARGS.key_a, body)
        text = payload.decode(errors="replace")
        detail = json.loads(text).get("details") if status and status >= 400 and text.startswith("{") else None
        print(f"   {name}: {status} in {elapsed * 1000:.0f} ms {detail or ''}")


def deadline():
    """A search far too heavy for the request timeout: 503, and the work stops."""
    print("== deadline: 1,000 case-insensitive conditions on a column without a folded copy")
    body = {"filters": [{"field": "address_line1", "operator": "not_contains", "data_type": "string",
                         "value": {"string": f"nowhere {i}"}} for i in range(1000)], "limit": 1}
    cpu_before = cpu_seconds()
    status, payload, elapsed = request("POST", "/v1/customers/search", ARGS.key_a, body)
    print(f"   {status} after {elapsed:.1f} s: {payload.decode(errors='replace')[:200]}")
    if cpu_before is not None:
        time.sleep(0.5)
        before = cpu_seconds()
        time.sleep(2)
        print(f"   server CPU in the 2 s after the answer: {cpu_seconds() - before:.2f} s")


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--key-a", required=True)
    parser.add_argument("--key-b", required=True)
    parser.add_argument("--pid", type=int)
    parser.add_argument("--idle-sockets", type=int, default=5000)
    parser.add_argument("--slow-sockets", type=int, default=300)
    parser.add_argument("--abandoners", type=int, default=500)
    parser.add_argument("--give-up", type=float, default=10)
    parser.add_argument("--heavy", action="store_true", help="abandon: a search that reads every row")
    parser.add_argument("scenarios", nargs="*", default=["limits", "idle", "slowloris", "abandon", "deadline"])
    ARGS = parser.parse_args()
    for name in ARGS.scenarios:
        globals()[name]()


if __name__ == "__main__":
    main()
