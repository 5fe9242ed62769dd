#!/usr/bin/env bash
# Patchflow benchmark: throughput of one node and of two nodes on the same PostgreSQL database. For each node count,
# a fresh database, the nodes (same jar, same configuration, each on a free port), BENCH_CLUSTER_CHANGES standard
# changes of 10 simulated hosts each requested through the nodes in turn, and the time until every one is closed.
# Reports complete standard changes per minute and host results per second. See docs/benchmarks.md, "Cluster".
#
#   bench/cluster.sh [path/to/patchflow.jar]          (default: target/patchflow.jar)
#
# The database server is a PostgreSQL of the benchmark's own (initdb + pg_ctl from /usr/lib/postgresql/<newest>/bin or
# BENCH_PG_BIN, default settings, in the work folder, on a free port; as the postgres user when run as root), so the
# nodes' connection pools do not compete with whatever else uses the machine's server (max_connections 100);
# BENCH_CLUSTER_PG=machine uses PGHOST/PGPORT instead.
#
# Knobs (environment): BENCH_CLUSTER_NODES ("1 2": the node counts to measure, one run each),
# BENCH_CLUSTER_CHANGES (200), BENCH_CLUSTER_LATENCY (simulated time per host, 0ms), BENCH_CLUSTER_TIMEOUT (600 s per
# run), BENCH_CLUSTER_CLIENTS (4 parallel requests), BENCH_JAVA_OPTS (-Xmx768m, per node), PATCHFLOW_JOB_THREADS,
# PATCHFLOW_DB_POOL_SIZE (20 per node), BENCH_CLUSTER_PG (private or machine), BENCH_PG_BIN,
# PGHOST/PGPORT (machine: 127.0.0.1:5432, user postgres, trust).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
bench_setup "${1:-}"
node_counts="${BENCH_CLUSTER_NODES:-1 2}"
changes="${BENCH_CLUSTER_CHANGES:-200}"
latency="${BENCH_CLUSTER_LATENCY:-0ms}"
timeout_s="${BENCH_CLUSTER_TIMEOUT:-600}"
clients="${BENCH_CLUSTER_CLIENTS:-4}"
for tool in psql curl jq bc; do command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }; done

work="$(mktemp -d /tmp/patchflow-cluster.XXXXXX)"
pg_private=""
# As the server's own user when we are root (PostgreSQL refuses to run as root).
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "${BENCH_CLUSTER_PG:-private}" = private ]; then
  pg_bin="${BENCH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
  [ -x "$pg_bin/initdb" ] && [ -x "$pg_bin/pg_ctl" ] || { echo "No initdb/pg_ctl (install the PostgreSQL server" \
    "package, set BENCH_PG_BIN, or use BENCH_CLUSTER_PG=machine)" >&2; exit 2; }
  pg_private="$work/pg"
  mkdir -p "$pg_private"
  chmod 755 "$work"
  [ "$(id -u)" != 0 ] || chown -R postgres: "$pg_private"
  for p in $(seq 18200 18299); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then pgport=$p; break; fi
  done
  pghost=127.0.0.1
  as_pg "$pg_bin/initdb" -D "$pg_private/data" -U postgres -A trust -E UTF8 --no-sync >"$work/initdb.log"
  as_pg "$pg_bin/pg_ctl" -D "$pg_private/data" -l "$pg_private/server.log" -w \
    -o "-p $pgport -k $pg_private -c listen_addresses=127.0.0.1" start >/dev/null
fi
stop_private_pg() {
  [ -z "$pg_private" ] || { as_pg "$pg_bin/pg_ctl" -D "$pg_private/data" -m fast -w stop >/dev/null 2>&1
    rm -rf "$pg_private/data"; }
  pg_private=""
}
db=""
node_pids=()
node_ports=()
psql_db() { psql -X -q -h "$pghost" -p "$pgport" -U postgres -d "$db" -v ON_ERROR_STOP=1 "$@"; }

# Stops every node (TERM, then KILL after 30 s) and drops the run's database.
stop_run() {
  set +e
  for pid in "${node_pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${node_pids[@]}"; do
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  done
  node_pids=()
  node_ports=()
  [ -z "$db" ] || psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
  db=""
  set -e
}
trap 'stop_run; stop_private_pg; echo "Logs: $work"' EXIT INT TERM

# Starts node number $1 on a free port and waits until it is ready (lib.sh's await_healthy reads app_pid and port).
start_node() {
  find_free_port
  (cd "$work" && exec java ${BENCH_JAVA_OPTS:--Xmx768m} -jar "$jar" --server.port="$port" --server.address=127.0.0.1 \
    --spring.profiles.active=postgres,bench --spring.config.additional-location="file:$repo/src/test/resources/bench/" \
    --patchflow.simulator.latency="$latency" >"$work/node-$1-of-$2.log" 2>&1) &
  app_pid=$!
  node_pids+=("$app_pid")
  ln -sf "node-$1-of-$2.log" "$work/app.log"
  await_healthy
  node_ports+=("$port")
}

echo "== Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM," \
  "$(psql -X -h "$pghost" -p "$pgport" -U postgres -d postgres -Atc 'show server_version' | cut -d' ' -f1) PostgreSQL," \
  "$(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== PostgreSQL: ${pg_private:+a server of its own in $pg_private, }$pghost:$pgport"
echo "== $changes standard changes of 10 hosts per run, simulator latency $latency, node counts: $node_counts"

# The fleet: per change 2 test, 4 staging and 4 prod hosts with libclusterpkg1 1.0-1 (source clusterpkg), fixed in
# 1.0-2 by one advisory, CVSS 5.3: P3, 10 hosts, production share 0.4, i.e. a standard change (change-classification).
awk -v n="$changes" 'BEGIN {
  printf "{\"hosts\":["
  for (c = 1; c <= n; c++) for (h = 1; h <= 10; h++) {
    env = h <= 2 ? "test" : (h <= 6 ? "staging" : "prod")
    printf "%s{\"name\":\"cl-%04d-%02d\",\"os\":\"Debian:12\",\"environment\":\"%s\",\"groups\":[\"cluster\"],", (c + h > 2 ? "," : ""), c, h, env
    printf "\"criticality\":\"low\",\"internetFacing\":false,\"packages\":[{\"name\":\"libclusterpkg1\",\"version\":\"1.0-1\",\"source\":\"clusterpkg\",\"arch\":\"amd64\"}]}"
  }
  printf "]}"
}' >"$work/inventory.json"
advisory='{"id":"PF-BENCH-CLUSTER","modified":"2026-01-01T00:00:00Z","published":"2026-01-01T00:00:00Z","summary":"cluster benchmark",
  "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"}],
  "affected":[{"package":{"ecosystem":"Debian:12","name":"clusterpkg"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0-2"}]}]}]}'
for c in $(seq 1 "$changes"); do
  jq -nc --arg c "$(printf %04d "$c")" '{title: "Cluster benchmark \($c)", advisories: ["PF-BENCH-CLUSTER"],
    hosts: [range(1; 11) | "cl-\($c)-\(tostring | ("0" + .)[-2:])"]}' >"$work/change-$c.json"
done

results=()
for nodes in $node_counts; do
  db="patchflow_cluster_$(date +%Y%m%d_%H%M%S)_$$_n$nodes"
  psql_admin -c "CREATE DATABASE $db"
  export PATCHFLOW_DB_URL="jdbc:postgresql://$pghost:$pgport/$db"
  export PATCHFLOW_DB_USER=postgres PATCHFLOW_DB_PASSWORD=""
  # One after the other: the first node creates the schema, Camunda's tables and the demo users.
  for i in $(seq 1 "$nodes"); do start_node "$i" "$nodes"; done
  echo "== $nodes node(s) up on ports ${node_ports[*]}, database $db"
  first="${node_ports[0]}"
  curl -fsS -o /dev/null -u alice:alice -H 'Content-Type: application/json' --data-binary "@$work/inventory.json" \
    "http://127.0.0.1:$first/api/v1/inventory"
  curl -fsS -o /dev/null -u alice:alice -H 'Content-Type: application/json' --data-binary "$advisory" \
    "http://127.0.0.1:$first/api/v1/advisories"
  psql_db -c "VACUUM ANALYZE" 2>/dev/null || true
  # Requests go to the nodes in turn, $clients at a time; the job executors work off the backlog together.
  seq 1 "$changes" | while read -r c; do echo "$c ${node_ports[$(( c % nodes ))]}"; done \
    | xargs -P "$clients" -n 2 sh -c 'curl -fsS -o /dev/null -u alice:alice -H "Content-Type: application/json" \
      --data-binary "@'"$work"'/change-$0.json" "http://127.0.0.1:$1/api/v1/changes"'
  deadline=$(( $(date +%s) + timeout_s ))
  while :; do
    final="$(psql_db -Atc "SELECT count(*) FILTER (WHERE state = 'CLOSED') || ' ' || count(*) FILTER (WHERE state IN
      ('REJECTED', 'ABORTED', 'CANCELLED', 'NOT_AFFECTED', 'ROLLOUT_HALTED', 'REMEDIATION')) FROM chg_change")"
    closed="${final% *}"; other="${final#* }"
    [ "$closed" -ge "$changes" ] && break
    [ "$other" -eq 0 ] || { echo "$other change(s) ended otherwise than CLOSED" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "Only $closed of $changes changes closed in $timeout_s s" >&2; exit 1; }
    sleep 1
  done
  row="$(psql_db -At -F ' ' -c "
    WITH c AS (SELECT min(created_at) AS t0, max(closed_at) AS t1 FROM chg_change),
         h AS (SELECT count(*) AS n, min(started_at) AS t0, max(finished_at) AS t1 FROM dep_host)
    SELECT round(extract(epoch FROM c.t1 - c.t0)::numeric, 1),
           round(($changes * 60 / extract(epoch FROM c.t1 - c.t0))::numeric, 0),
           h.n, round((h.n / extract(epoch FROM h.t1 - h.t0))::numeric, 1),
           (SELECT count(*) FROM act_hi_job_log WHERE job_state_ = 2)
    FROM c, h")"
  read -r wall per_min host_rows hosts_per_s jobs <<<"$row"
  echo "== $nodes node(s): $changes changes closed in $wall s = $per_min changes/min; $host_rows host results," \
    "$hosts_per_s per s; $jobs jobs; load $(cut -d' ' -f1-3 /proc/loadavg)"
  results+=("| $nodes | $changes | $wall | $per_min | $host_rows | $hosts_per_s | $jobs |")
  stop_run
done

echo
echo "| nodes | changes | first request to last closed (s) | changes/min | host results | host results/s | jobs |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${results[@]}"
