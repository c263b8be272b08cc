#!/usr/bin/env bash
# Load benchmark of flexprice-console-api on loopback with wrk, over a store of 1,000,000
# customers: GET /v1/customers/{id} (random ids) and POST /v1/customers (unique external ids).
# Budgets: GET >= 10,000 requests/s with p99 <= 10 ms; creates >= 2,000/s.
#
# Needs wrk (Debian: apt-get install wrk) and python3. Not part of CI.
#
#   Tests/APIEndToEnd/bench_api.sh                 # defaults below
#   SEEDED=/tmp/bench.sqlite DURATION=30s Tests/APIEndToEnd/bench_api.sh
#
# SEEDED is a store file with 1,000,000 customers in environment env_bench, as
# `flexprice-store-bench --customers 1000000 --db FILE` makes it (made here if missing). Each run
# works on a fresh copy of it, so the creates of one run do not change the next.
set -euo pipefail
cd "$(dirname "$0")/../.."

SEEDED=${SEEDED:-/tmp/bench.sqlite}
WORK=${WORK:-/tmp/api-bench-run.sqlite}
DURATION=${DURATION:-20s}
PORT=${PORT:-18080}
GET_CONNECTIONS=${GET_CONNECTIONS:-32}
CREATE_CONNECTIONS=${CREATE_CONNECTIONS:-16}
WRK_THREADS=${WRK_THREADS:-1}
OUT=${OUT:-bench-out/api}
KEY=bench-key-$(date +%s)-0123456789
SCRATCH=.build-api

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 2; }
mkdir -p "$OUT"

echo "== building release binaries"
swift build -c release --scratch-path "$SCRATCH" --product flexprice-console-api >/dev/null
BIN=$SCRATCH/release/flexprice-console-api
if [ ! -f "$SEEDED" ]; then
  echo "== seeding $SEEDED with 1,000,000 customers (a few minutes)"
  swift run -c release --scratch-path "$SCRATCH" flexprice-store-bench --customers 1000000 --db "$SEEDED"
fi

echo "== copying $SEEDED to $WORK"
rm -f "$WORK" "$WORK-wal" "$WORK-shm"
cp "$SEEDED" "$WORK"
# Write the copy out now: 760 MB of dirty pages flushed during a run would stall its writes.
sync "$WORK"
# 1,000 ids spread over the whole table, in random order.
python3 - "$WORK" "$OUT/ids.txt" <<'EOF'
import random, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
scope = db.execute("SELECT scope_no FROM scopes WHERE environment_id = 'env_bench'").fetchone()[0]
count = db.execute("SELECT count(*) FROM customers WHERE scope_no = ?", (scope,)).fetchone()[0]
step = max(1, count // 1000)
ids = [row[0] for row in db.execute("SELECT id FROM customers WHERE scope_no = ?", (scope,))][::step][:1000]
random.seed(7)
random.shuffle(ids)
open(sys.argv[2], "w").write("\n".join(ids) + "\n")
print(f"   {count} customers in env_bench; {len(ids)} ids sampled")
EOF

echo "== starting the server on 127.0.0.1:$PORT (access log: $OUT/access.log)"
rm -f "$OUT/access.log"
FLEXPRICE_API_KEYS="env_bench=$KEY" "$BIN" --port "$PORT" --db "$WORK" --log-file "$OUT/access.log" \
  >"$OUT/server.out" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 0.1
done

export IDS_FILE=$OUT/ids.txt API_KEY=$KEY RUN_ID=run$(date +%s)
echo "== warm-up (5 s of GET by id)"
wrk -t"$WRK_THREADS" -c"$GET_CONNECTIONS" -d5s -s Tests/APIEndToEnd/bench_get.lua "http://127.0.0.1:$PORT" >/dev/null

echo "== GET /v1/customers/{id}: $WRK_THREADS wrk thread(s), $GET_CONNECTIONS connections, $DURATION"
wrk -t"$WRK_THREADS" -c"$GET_CONNECTIONS" -d"$DURATION" --latency -s Tests/APIEndToEnd/bench_get.lua \
  "http://127.0.0.1:$PORT" | tee "$OUT/get.txt"

echo "== POST /v1/customers: $WRK_THREADS wrk thread(s), $CREATE_CONNECTIONS connections, $DURATION"
wrk -t"$WRK_THREADS" -c"$CREATE_CONNECTIONS" -d"$DURATION" --latency -s Tests/APIEndToEnd/bench_create.lua \
  "http://127.0.0.1:$PORT" | tee "$OUT/create.txt"

kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
trap - EXIT
created=$(grep -c 'method=POST path=/v1/customers .*status=201' "$OUT/access.log" || true)
echo "== $created customers created; machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs),"\
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h "Requests/sec\|99%" "$OUT/get.txt" "$OUT/create.txt"
