#!/usr/bin/env bash
# Patchflow benchmark: orchestration cost of a staged rollout. BENCH_ROLLOUT_HOSTS (10,000) hosts, all affected by
# one advisory, go through one standard change; the production stage runs three rings (canary, pilot, broad) through
# the simulated back end at zero latency, so what is measured is Patchflow and the engine, not the fleet.
# See docs/benchmarks.md, section "Staged rollout".
#
#   bench/rollout.sh [path/to/patchflow.jar]          (default: target/patchflow.jar)
#
# Knobs (environment): BENCH_ROLLOUT_HOSTS (10000), BENCH_ROLLOUT_PLAN ("canary:1%:10:0 pilot:10%:25%:2%
# broad:100%:1000:1%", rings as name:share:batch-size:failure-budget), BENCH_ROLLOUT_TIMEOUT (900 s),
# PATCHFLOW_JOB_THREADS, PATCHFLOW_DB_POOL_SIZE, BENCH_JAVA_OPTS (-Xmx1g), BENCH_APP_ARGS (extra --property=value),
# BENCH_ROLLOUT_STACKS (set: a thread dump of the application every 2 s while the change runs, into the work folder),
# PGHOST/PGPORT (127.0.0.1:5432, user postgres, trust).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
bench_setup "${1:-}"
hosts="${BENCH_ROLLOUT_HOSTS:-10000}"
plan="${BENCH_ROLLOUT_PLAN:-canary:1%:10:0 pilot:10%:25%:2% broad:100%:1000:1%}"
timeout_s="${BENCH_ROLLOUT_TIMEOUT:-900}"

work="$(mktemp -d /tmp/patchflow-rollout.XXXXXX)"
db="patchflow_rollout_$(date +%Y%m%d_%H%M%S)_$$"
app_pid=""
psql_db() { psql -X -q -h "$pghost" -p "$pgport" -U postgres -d "$db" -v ON_ERROR_STOP=1 "$@"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date +%s.%N; }
since() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }
trap cleanup EXIT INT TERM

find_free_port
echo "== Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM," \
  "$(psql -X -h "$pghost" -p "$pgport" -U postgres -d postgres -Atc 'show server_version' | cut -d' ' -f1) PostgreSQL," \
  "$(java -version 2>&1 | head -1)"
echo "== Database $db, port $port, $hosts hosts, plan: $plan"
psql_admin -c "CREATE DATABASE $db"
export PATCHFLOW_DB_URL="jdbc:postgresql://$pghost:$pgport/$db"
export PATCHFLOW_DB_USER=postgres PATCHFLOW_DB_PASSWORD=""

app_args=(--server.port="$port" --server.address=127.0.0.1 --spring.profiles.active=postgres,bench
  --spring.config.additional-location="file:$repo/src/test/resources/bench/")
i=0
for ring in $plan; do
  IFS=: read -r name share batch budget <<<"$ring"
  app_args+=("--patchflow.rollout.stages.production[$i].name=$name" "--patchflow.rollout.stages.production[$i].share=$share"
    "--patchflow.rollout.stages.production[$i].batch-size=$batch" "--patchflow.rollout.stages.production[$i].failure-budget=$budget")
  i=$((i + 1))
done
# shellcheck disable=SC2206
app_args+=(${BENCH_APP_ARGS:-})
(cd "$work" && exec java ${BENCH_JAVA_OPTS:--Xmx1g} -jar "$jar" "${app_args[@]}" >"$work/app.log" 2>&1) &
app_pid=$!
await_healthy
java_pid="$(pgrep -P "$app_pid" java || echo "$app_pid")"
echo "== Application up (pid $java_pid)"

# The fleet: every host has one binary package of source package benchpkg at 1.0-1, fixed in 1.0-2. All hosts are
# in environment prod, so the test stage has no host and the production stage takes all of them.
awk -v n="$hosts" 'BEGIN {
  printf "{\"hosts\":["
  for (i = 1; i <= n; i++) {
    printf "%s{\"name\":\"bench-%05d\",\"os\":\"Debian:12\",\"environment\":\"prod\",\"groups\":[\"bench\"],", (i > 1 ? "," : ""), i
    printf "\"criticality\":\"medium\",\"internetFacing\":false,\"packages\":[{\"name\":\"libbenchpkg1\",\"version\":\"1.0-1\",\"source\":\"benchpkg\",\"arch\":\"amd64\"}]}"
  }
  printf "]}"
}' >"$work/inventory.json"
start=$(now)
curl -fsS -u alice:alice -H 'Content-Type: application/json' --data-binary "@$work/inventory.json" \
  "http://127.0.0.1:$port/api/v1/inventory" >"$work/inventory.out"
echo "== Inventory of $hosts hosts loaded in $(since "$start") s: $(cat "$work/inventory.out")"
curl -fsS -u alice:alice -H 'Content-Type: application/json' "http://127.0.0.1:$port/api/v1/advisories" --data-binary \
  '{"id":"PF-BENCH-ROLLOUT","modified":"2026-01-01T00:00:00Z","published":"2026-01-01T00:00:00Z","summary":"rollout benchmark",
   "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"}],
   "affected":[{"package":{"ecosystem":"Debian:12","name":"benchpkg"},
     "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0-2"}]}]}]}' >/dev/null
# A maintenance window for the fleet's group, open now for 12 hours with a 30-minute cut-off: every batch checks
# the cut-off against the change's hosts and their windows, as it does in an installation with a calendar.
curl -fsS -o /dev/null -u erin:erin -H 'Content-Type: application/json' "http://127.0.0.1:$port/api/v1/calendar/windows" \
  --data-binary "{\"name\":\"bench-window\",\"hostGroup\":\"bench\",\"timeZone\":\"UTC\",
  \"daysOfWeek\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"],
  \"start\":\"$(date -u -d '-5 minutes' +%H:%M)\",\"durationMinutes\":720,\"cutoffMinutes\":30}"
jq -n --argjson n "$hosts" '{title: "Rollout benchmark", advisories: ["PF-BENCH-ROLLOUT"],
  hosts: [range(1; $n + 1) | "bench-\(tostring | ("0000" + .)[-5:])"]}' >"$work/change.json"
psql_db -c "VACUUM ANALYZE" 2>/dev/null || true

cpu_before=$(awk '{print $14 + $15}' "/proc/$java_pid/stat")
before="$(load)"
start=$(now)
id="$(curl -fsS -u alice:alice -H 'Content-Type: application/json' --data-binary "@$work/change.json" \
  "http://127.0.0.1:$port/api/v1/changes" | jq -r .id)"
echo "== Change $id requested (load before $before)"
state=""
deadline=$(( $(date +%s) + timeout_s ))
stacks_pid=""
if [ -n "${BENCH_ROLLOUT_STACKS:-}" ]; then
  (while kill -0 "$java_pid" 2>/dev/null; do jstack "$java_pid" >>"$work/stacks.txt" 2>/dev/null; sleep 2; done) &
  stacks_pid=$!
fi
# 10,000 hosts make it a normal change (change-classification): the tester signs off the (empty) test stage and
# carol and dave approve as the CAB, as soon as their tasks appear.
complete_task() { # user, task key, form
  local task
  task="$(curl -fsS -u "$1:$1" "http://127.0.0.1:$port/api/v1/tasks?changeId=$id" \
    | jq -r --arg key "$2" '[.[] | select(.taskDefinitionKey == $key and .assignee == null)][0].id // empty')"
  [ -z "$task" ] || curl -fsS -o /dev/null -u "$1:$1" -H 'Content-Type: application/json' -X POST \
    "http://127.0.0.1:$port/api/v1/tasks/$task/complete" -d "$3" || true
}
while [ "$(date +%s)" -lt "$deadline" ]; do
  state="$(curl -fsS -u frank:frank "http://127.0.0.1:$port/api/v1/changes/$id" | jq -r .state)"
  case "$state" in CLOSED|ROLLOUT_HALTED|REJECTED|ABORTED|CANCELLED|NOT_AFFECTED|REMEDIATION) break ;; esac
  complete_task bob signOffTest '{"testResult":"passed","testEvidence":"rollout benchmark"}'
  complete_task carol cabVote '{"vote":"approve","reason":"rollout benchmark"}'
  complete_task dave cabVote '{"vote":"approve","reason":"rollout benchmark"}'
  sleep 0.5
done
wall="$(since "$start")"
[ -z "$stacks_pid" ] || kill "$stacks_pid" 2>/dev/null || true
cpu=$(( $(awk '{print $14 + $15}' "/proc/$java_pid/stat") - cpu_before ))
cpu_s="$(echo "scale=1; $cpu / $(getconf CLK_TCK)" | bc)"
echo "== Change $id reached $state in $wall s (application CPU $cpu_s s) | load after $(load)"
[ "$state" = "CLOSED" ] || { echo "The change did not complete" >&2; tail -40 "$work/app.log" >&2; exit 1; }

curl -fsS -u frank:frank "http://127.0.0.1:$port/api/v1/changes/$id/rollout" >"$work/rollout.json"
echo "== GET /api/v1/changes/$id/rollout: $(du -h "$work/rollout.json" | cut -f1), production counts" \
  "$(jq -c '.stages[] | select(.stage == "production") | .counts' "$work/rollout.json")"
start=$(now)
for _ in 1 2 3 4 5; do curl -fsS -o /dev/null -u frank:frank "http://127.0.0.1:$port/api/v1/changes/$id/rollout"; done
echo "   answered in $(echo "scale=3; ($(now) - $start) / 5" | bc) s on average (5 calls)"

# The production rollout alone, from the database: planning to the last host recorded, ring by ring.
psql_db -At -F ' | ' -c "
  WITH r AS (SELECT id, created_at FROM dep_rollout WHERE change_id = '$id' AND stage = 'production')
  SELECT g.position, g.name, g.state, count(*) AS hosts, count(DISTINCT h.batch_no) AS batches,
         round(extract(epoch FROM min(h.started_at) - r.created_at)::numeric, 1) AS first_start_s,
         round(extract(epoch FROM max(h.finished_at) - r.created_at)::numeric, 1) AS last_finish_s
  FROM r JOIN dep_ring g ON g.rollout_id = r.id JOIN dep_host h ON h.ring_id = g.id
  GROUP BY g.position, g.name, g.state, r.created_at ORDER BY g.position" >"$work/rings.txt"
echo "== Production rings (position | name | state | hosts | batches | first start | last finish, s after planning):"
sed 's/^/   /' "$work/rings.txt"
rollout_s="$(psql_db -Atc "SELECT round(extract(epoch FROM max(h.finished_at) - r.created_at)::numeric, 2)
  FROM dep_rollout r JOIN dep_ring g ON g.rollout_id = r.id JOIN dep_host h ON h.ring_id = g.id
  WHERE r.change_id = '$id' AND r.stage = 'production' GROUP BY r.created_at")"
jobs="$(psql_db -Atc "SELECT count(*) FROM act_hi_job_log WHERE job_state_ = 2")"
audit="$(psql_db -Atc "SELECT count(*) FROM audit_entry WHERE change_id = '$id'" 2>/dev/null || echo '?')"
echo "== Production rollout of $hosts hosts: $rollout_s s from planning to the last host's result;" \
  "$(echo "scale=2; $rollout_s * 1000 / $hosts" | bc) ms per host wall"
echo "   whole change (request to $state): $wall s; application CPU $cpu_s s = $(echo "scale=2; $cpu_s * 1000 / $hosts" | bc) ms per host"
echo "   jobs executed: $jobs; audit entries of the change: $audit"
