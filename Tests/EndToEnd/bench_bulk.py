#!/usr/bin/env python3
"""Bulk import and export against their budgets (BENCHMARKS.md, "Bulk import and export").

Every ratio is to a peer measured in the same run on the same machine:
  - import of N rows into an empty local store vs. the store's own bulk seeding
    (flexprice-store-bench --seed-only) of the same synthetic customers: >= 0.5x the rate;
  - peak RSS of the import: <= 64 MB;
  - dry run of the same file (into an empty store): <= 1/4 of the import's time;
  - re-import of the same file (every row unchanged): <= the first import's time;
  - export of the N customers to CSV vs. `sqlite3 -csv` writing the same columns from the same
    file: <= 3x the time;
  - import through the API server on loopback vs. wrk's create rate against the same server:
    >= 0.5x.

Usage (from the package root, after `swift build -c release --static-swift-stdlib --scratch-path .build-bench`):
  python3 Tests/EndToEnd/bench_bulk.py --bin .build-bench/release --rows 1000000
  python3 Tests/EndToEnd/bench_bulk.py --bin .build-bench/release --rows 1000000 --only export
    (the export against sqlite3 alone, from the seeded store; a seeded file left by an earlier
    run with the same --rows and --work is used again)
"""
import argparse
import csv
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

TEXT_COLUMNS = ["external_id", "name", "email", "address_line1", "address_line2", "address_city", "address_state",
                "address_postal_code", "address_country", "contact", "timezone"]


def run(argv, env=None, stdout=subprocess.DEVNULL):
    """Runs argv to its end; returns (seconds, peak RSS in MB, exit status)."""
    started = time.monotonic()
    child = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode(errors="replace")
    if child.returncode not in (0,):
        sys.stderr.write(f"{' '.join(argv)} exited {child.returncode}\n{err[-2000:]}\n")
    return seconds, usage.ru_maxrss / 1024, child.returncode


def fresh(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build-bench/release")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--api-rows", type=int, default=20_000)
    parser.add_argument("--api-concurrency", type=int, default=16)
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--work", default="/tmp/bench-bulk")
    parser.add_argument("--only", choices=["all", "export"], default="all")
    args = parser.parse_args()
    console = os.path.join(args.bin, "flexprice-console")
    bench = os.path.join(args.bin, "flexprice-store-bench")
    api = os.path.join(args.bin, "flexprice-console-api")
    os.makedirs(args.work, exist_ok=True)
    state = os.path.join(args.work, "state")
    shutil.rmtree(state, ignore_errors=True)
    env = dict(os.environ, XDG_STATE_HOME=state, XDG_CONFIG_HOME=os.path.join(args.work, "config"), LANG="C.UTF-8")
    results = []

    if args.only == "export":
        # Seeded into the environment the console opens by default (the local store has one per file).
        seed_db = os.path.join(args.work, f"seed-{args.rows}-env_local.sqlite")
        if not os.path.exists(seed_db):
            subprocess.run([bench, "--customers", str(args.rows), "--db", seed_db, "--seed-only", "--environment-id", "env_local"],
                           check=True, stdout=subprocess.DEVNULL)
        results.append(export_result(console, seed_db, args.work, env))
        return report(results)

    csv_file = os.path.join(args.work, f"customers-{args.rows}.csv")
    if not os.path.exists(csv_file):
        subprocess.run([bench, "--customers", str(args.rows), "--write-csv", csv_file], check=True, stdout=subprocess.DEVNULL)
    print(f"file: {csv_file}, {os.path.getsize(csv_file) / 1e6:.0f} MB, {args.rows} rows")

    # The peer: the store's own bulk seeding of the same customers.
    seed_db = fresh(os.path.join(args.work, "seed.sqlite"))
    out = subprocess.run([bench, "--customers", str(args.rows), "--db", seed_db, "--seed-only"], check=True,
                         capture_output=True, text=True).stdout
    seed_rate = float(re.search(r"seed \d+ customers\s+[\d.]+ s, (\d+) rows/s", out).group(1))

    imp_db = fresh(os.path.join(args.work, "import.sqlite"))
    seconds, rss, status = run([console, "customers", "import", csv_file, "--db", imp_db, "--json"], env)
    import_rate = args.rows / seconds
    results.append(("import into an empty store", f"{seconds:.1f} s, {import_rate:,.0f} rows/s (exit {status})",
                    f"seeding {seed_rate:,.0f} rows/s: {import_rate / seed_rate:.2f}x", import_rate / seed_rate >= 0.5))
    results.append(("peak RSS of the import", f"{rss:.0f} MB", "<= 64 MB", rss <= 64))

    dry_db = fresh(os.path.join(args.work, "dry.sqlite"))
    dry, _, _ = run([console, "customers", "import", csv_file, "--db", dry_db, "--dry-run", "--json"], env)
    results.append(("dry run (empty store)", f"{dry:.1f} s", f"{dry / seconds:.2f}x the import (<= 0.25)", dry <= seconds / 4))

    again, _, status = run([console, "customers", "import", csv_file, "--db", imp_db, "--json"], env)
    results.append(("re-import, every row unchanged", f"{again:.1f} s (exit {status})", f"{again / seconds:.2f}x the import (<= 1)",
                    again <= seconds))

    results.append(export_result(console, imp_db, args.work, env))

    # Through the API server on loopback, against wrk's create rate on the same server.
    port = free_port()
    api_db = fresh(os.path.join(args.work, "api.sqlite"))
    key = "bench-bulk-key-0123456789abcdef"
    server = subprocess.Popen([api, "--port", str(port), "--db", api_db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=dict(env, FLEXPRICE_API_KEYS=f"env_local={key}"))
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        head = subprocess.run(["head", "-n", str(args.api_rows + 1), csv_file], capture_output=True, check=True).stdout
        api_csv = os.path.join(args.work, "api.csv")
        open(api_csv, "wb").write(head)
        remote = dict(env, FLEXPRICE_API_KEY=key, FLEXPRICE_ENVIRONMENT_ID="env_local")
        api_seconds, _, status = run([console, "customers", "import", api_csv, "--backend", "remote", "--url",
                                      f"http://127.0.0.1:{port}/v1", "--concurrency", str(args.api_concurrency), "--json"], remote)
        api_rate = args.api_rows / api_seconds
        wrk = subprocess.run(["wrk", "-t1", f"-c{args.api_concurrency}", f"-d{args.wrk_seconds}s", "-s",
                              "Tests/APIEndToEnd/bench_create.lua", f"http://127.0.0.1:{port}"],
                             capture_output=True, text=True, env=dict(env, API_KEY=key, RUN_ID=f"bulk{int(time.time())}"))
        wrk_rate = float(re.search(r"Requests/sec:\s+([\d.]+)", wrk.stdout).group(1))
        results.append((f"import through the API ({args.api_rows} rows, {args.api_concurrency} in flight)",
                        f"{api_seconds:.1f} s, {api_rate:,.0f} rows/s (exit {status})",
                        f"wrk creates {wrk_rate:,.0f}/s: {api_rate / wrk_rate:.2f}x (>= 0.5)", api_rate >= 0.5 * wrk_rate))
    finally:
        server.terminate()
        server.wait()

    return report(results)

def export_result(console, db, work, env):
    """The console's CSV export of every published customer of db, against sqlite3 -csv of the same columns."""
    export_file = os.path.join(work, "export.csv")
    exported, erss, _ = run([console, "customers", "export", "--db", db, "--output", export_file], env)
    columns = ",".join(TEXT_COLUMNS + ["metadata"])
    with open(os.path.join(work, "sqlite3.csv"), "w") as sink:
        peer, _, _ = run(["sqlite3", "-csv", "-header", db,
                          f"SELECT {columns} FROM customers WHERE status = 'published' ORDER BY seq"], env, stdout=sink)
    # Fast only counts if complete: one record per published customer, after the header.
    expected = int(subprocess.run(["sqlite3", db, "SELECT count(*) FROM customers WHERE status = 'published'"],
                                  capture_output=True, text=True, check=True).stdout)
    with open(export_file, newline="", encoding="utf-8") as exported_csv:
        records = sum(1 for _ in csv.reader(exported_csv)) - 1
    return ("export to CSV", f"{exported:.1f} s, {records:,} of {expected:,} customers, peak RSS {erss:.0f} MB",
            f"sqlite3 -csv {peer:.1f} s: {exported / peer:.2f}x (<= 3)", exported <= 3 * peer and records == expected)


def report(results):
    width = max(len(r[0]) for r in results)
    failures = 0
    for name, value, budget, ok in results:
        failures += 0 if ok else 1
        print(f"{name:<{width}}  {value:<40}  {budget:<44}  {'PASS' if ok else 'FAIL'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
