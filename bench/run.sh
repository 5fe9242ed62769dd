#!/usr/bin/env bash
# Patchflow benchmark: lifecycle throughput of standard changes (beside a trivial process) and Tasklist's CAB query
# with 10,000 open CAB tasks, against a fresh PostgreSQL database. See docs/benchmarks.md.
#
#   bench/run.sh [path/to/patchflow.jar]          (default: target/patchflow.jar)
#
# Knobs (environment): BENCH_CHANGES (300), BENCH_CLIENTS (4), BENCH_TRIVIAL_SECONDS (20), BENCH_CAB_INSTANCES (2000), BENCH_CAB_VOTES (5 open votes per instance),
# BENCH_QUERIES (300), BENCH_QUERY_BUDGET_SECONDS (90), BENCH_PHASES (trivial,lifecycle,cab), BENCH_LIFECYCLE_TIMEOUT (300 s),
# PATCHFLOW_JOB_THREADS (app default 8), PATCHFLOW_DB_POOL_SIZE (app default 20), BENCH_MAX_JOBS_PER_ACQUISITION
# (app default 8), BENCH_REWRITE_BATCHED_INSERTS (false), BENCH_JAVA_OPTS (JVM options for the app),
# BENCH_APP_ARGS (extra --property=value arguments for the app), PGHOST/PGPORT (127.0.0.1:5432, user postgres, trust).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
bench_setup "${1:-}"

work="$(mktemp -d /tmp/patchflow-bench.XXXXXX)"
db="patchflow_bench_$(date +%Y%m%d_%H%M%S)_$$"
app_pid=""
trap cleanup EXIT INT TERM

find_free_port

echo "== Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM," \
  "$(psql -X -h "$pghost" -p "$pgport" -U postgres -d postgres -Atc 'show server_version'| cut -d' ' -f1) PostgreSQL," \
  "$(java -version 2>&1 | head -1)"
echo "== Database $db, port $port, jar $jar"
psql_admin -c "CREATE DATABASE $db"

jdbc_params=""
if [ "${BENCH_REWRITE_BATCHED_INSERTS:-false}" = "true" ]; then jdbc_params="?reWriteBatchedInserts=true"; fi
export PATCHFLOW_DB_URL="jdbc:postgresql://$pghost:$pgport/$db$jdbc_params"
export PATCHFLOW_DB_USER=postgres PATCHFLOW_DB_PASSWORD=""
echo "== App: job threads ${PATCHFLOW_JOB_THREADS:-8 (default)}, DB pool ${PATCHFLOW_DB_POOL_SIZE:-20 (default)}," \
  "max jobs per acquisition ${BENCH_MAX_JOBS_PER_ACQUISITION:-8 (default)}, reWriteBatchedInserts ${BENCH_REWRITE_BATCHED_INSERTS:-false}"

app_args=(--server.port="$port" --server.address=127.0.0.1 --spring.profiles.active=postgres,bench
  --spring.config.additional-location="file:$repo/src/test/resources/bench/")
if [ -n "${BENCH_MAX_JOBS_PER_ACQUISITION:-}" ]; then
  app_args+=(--camunda.bpm.job-execution.max-jobs-per-acquisition="$BENCH_MAX_JOBS_PER_ACQUISITION")
fi
# shellcheck disable=SC2206
app_args+=(${BENCH_APP_ARGS:-})
(cd "$work" && exec java ${BENCH_JAVA_OPTS:-} -jar "$jar" "${app_args[@]}" >"$work/app.log" 2>&1) &
app_pid=$!

await_healthy
echo "== Application up (pid $app_pid)"
# The JVM is the child of the subshell: find it for CPU accounting.
java_pid="$(pgrep -P "$app_pid" java || echo "$app_pid")"

unzip -q -o -j "$jar" 'BOOT-INF/lib/postgresql-*.jar' -d "$work"
driver="$(ls "$work"/postgresql-*.jar | head -1)"

timeout 1200 java -Xmx512m -cp "$driver" \
  -Dbench.url="http://127.0.0.1:$port" \
  -Dbench.jdbc="jdbc:postgresql://$pghost:$pgport/$db?ApplicationName=bench-harness" \
  -Dbench.phases="${BENCH_PHASES:-trivial,lifecycle,cab}" \
  -Dbench.changes="${BENCH_CHANGES:-300}" \
  -Dbench.clients="${BENCH_CLIENTS:-4}" \
  -Dbench.trivialSeconds="${BENCH_TRIVIAL_SECONDS:-20}" \
  -Dbench.cabInstances="${BENCH_CAB_INSTANCES:-2000}" -Dbench.cabVotes="${BENCH_CAB_VOTES:-5}" \
  -Dbench.queries="${BENCH_QUERIES:-300}" -Dbench.queryBudgetSeconds="${BENCH_QUERY_BUDGET_SECONDS:-90}" \
  -Dbench.lifecycleTimeout="${BENCH_LIFECYCLE_TIMEOUT:-300}" \
  -Dbench.appPid="$java_pid" \
  -Dbench.out="$work/results.txt" \
  "$repo/src/test/java/io/patchflow/bench/PatchflowBenchmark.java"

if [ -n "${BENCH_RESULTS:-}" ]; then cp "$work/results.txt" "$BENCH_RESULTS"; fi
