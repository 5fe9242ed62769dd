#!/usr/bin/env bash
# Patchflow benchmark: vulnerability assessment of a synthetic fleet built from real Debian package lists.
#   1. the offline CLI `assess` end to end (JVM start included, -Xmx2g) at 1,000, 10,000 and 50,000 hosts;
#   2. the same fleet (10,000 hosts) through POST /api/v1/assessments on a fresh PostgreSQL database, findings stored.
# See docs/benchmarks.md, section "Vulnerability assessment".
#
#   bench/assess.sh [path/to/patchflow.jar]          (default: target/patchflow.jar; target/classes must exist too)
#
# Knobs (environment): BENCH_HOSTS ("1000 10000 50000": CLI fleet sizes; empty: no CLI run), BENCH_PACKAGES (1000 per host),
# BENCH_ADVISORIES (20000), BENCH_SEED (20261122), BENCH_CLI_RUNS (2 per size; the best is reported beside all),
# BENCH_CLI_JAVA_OPTS (-Xmx2g), BENCH_PG_HOSTS (10000; 0 skips the server run), BENCH_JAVA_OPTS (JVM options
# for the server, default -Xmx2g), PGHOST/PGPORT (127.0.0.1:5432, user postgres, trust).
# Data goes to target/bench-data/h<hosts>/ (about 1.1 GB of JSON and 0.9 GB of COPY files per 10,000 hosts),
# generated once by src/test/java/io/patchflow/bench/AssessBenchData.java and reused; delete the folder to regenerate.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
[ -d "$repo/target/classes/io/patchflow" ] || { echo "No target/classes: build with ./mvnw package -DskipTests" >&2; exit 2; }
# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
bench_setup "${1:-}"
sizes="${BENCH_HOSTS-1000 10000 50000}"
pg_hosts="${BENCH_PG_HOSTS:-10000}"
packages="${BENCH_PACKAGES:-1000}"
advisories="${BENCH_ADVISORIES:-20000}"
seed="${BENCH_SEED:-20261122}"
runs="${BENCH_CLI_RUNS:-2}"
data="$repo/target/bench-data"
mkdir -p "$data"

load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM," \
  "$(java -version 2>&1 | head -1); disk free under $data: $(df -h --output=avail "$data" | tail -1 | tr -d ' ')"

# Real package lists of this machine: what is installed (every host has it) and what the archive offers.
[ -s "$data/dpkg.txt" ] || dpkg-query -W -f='${Package}\t${Version}\t${source:Package}\t${source:Version}\t${Architecture}\n' >"$data/dpkg.txt"
[ -s "$data/dumpavail.txt" ] || apt-cache dumpavail >"$data/dumpavail.txt"
echo "== Package lists: $(wc -l <"$data/dpkg.txt") installed, $(grep -c '^Package:' "$data/dumpavail.txt") in apt-cache dumpavail"

generate() { # hosts, copy?
  local dir="$data/h$1"
  local want="$1 $packages $advisories $seed $2"
  if [ -f "$dir/.done" ] && [ "$(cat "$dir/.done")" = "$want" ]; then return; fi
  if [ "$2" = "no" ] && [ -f "$dir/.done" ] && [ "$(cat "$dir/.done")" = "$1 $packages $advisories $seed yes" ]; then return; fi
  local need=$(( $1 * packages / 1000000 * 220 + 300 ))   # MB: JSON, COPY files and findings, generously
  local avail; avail=$(df -m --output=avail "$data" | tail -1 | tr -d ' ')
  [ "$avail" -gt "$need" ] || { echo "Not enough disk for $1 hosts: need about $need MB, have $avail MB" >&2; exit 1; }
  rm -rf "$dir"
  echo "== Generating $1 hosts x $packages packages, $advisories advisories (seed $seed) into $dir"
  local flags=(); [ "$2" = "yes" ] && flags=(--copy)
  java -Xmx1g -cp "$repo/target/classes" "$repo/src/test/java/io/patchflow/bench/AssessBenchData.java" \
    --dpkg "$data/dpkg.txt" --dumpavail "$data/dumpavail.txt" --hosts "$1" --packages "$packages" \
    --advisories "$advisories" --seed "$seed" --out "$dir" "${flags[@]}"
  echo "$want" >"$dir/.done"
}

# ---- 1. the offline CLI ------------------------------------------------------------------------------------------
for hosts in $sizes; do
  if [ "$hosts" = "$pg_hosts" ]; then generate "$hosts" yes; else generate "$hosts" no; fi
  dir="$data/h$hosts"
  echo "== CLI assess, $hosts hosts (inventory $(du -h "$dir/inventory.json" | cut -f1))"
  for run in $(seq 1 "$runs"); do
    before="$(load)"
    /usr/bin/time -f '%e s wall, %U s user, %S s system, max RSS %M KB' -o "$dir/time.txt" \
      java ${BENCH_CLI_JAVA_OPTS:--Xmx2g} -jar "$jar" assess --inventory "$dir/inventory.json" \
      --advisories "$dir/advisories.json" --out "$dir/findings.json" 2>"$dir/summary.txt"
    echo "   run $run: $(cat "$dir/time.txt") | load before $before, after $(load)"
    echo "          $(cat "$dir/summary.txt")"
  done
  echo "   findings file $(du -h "$dir/findings.json" | cut -f1)"
done

[ "$pg_hosts" != "0" ] || exit 0

# ---- 2. the server on PostgreSQL ---------------------------------------------------------------------------------
generate "$pg_hosts" yes
dir="$data/h$pg_hosts"
work="$(mktemp -d /tmp/patchflow-assess.XXXXXX)"
db="patchflow_assess_$(date +%Y%m%d_%H%M%S)_$$"
app_pid=""
psql_db() { psql -X -q -h "$pghost" -p "$pgport" -U postgres -d "$db" -v ON_ERROR_STOP=1 "$@"; }
trap cleanup EXIT INT TERM

find_free_port
echo "== Server: database $db, port $port, $(psql -X -h "$pghost" -p "$pgport" -U postgres -d postgres -Atc 'show server_version' | cut -d' ' -f1) PostgreSQL"
psql_admin -c "CREATE DATABASE $db"
export PATCHFLOW_DB_URL="jdbc:postgresql://$pghost:$pgport/$db"
export PATCHFLOW_DB_USER=postgres PATCHFLOW_DB_PASSWORD=""
(cd "$work" && exec java ${BENCH_JAVA_OPTS:--Xmx2g} -jar "$jar" --server.port="$port" --server.address=127.0.0.1 \
  --spring.profiles.active=postgres,bench --spring.config.additional-location="file:$repo/src/test/resources/bench/" \
  --logging.level.io.patchflow.advisory.matching=info \
  >"$work/app.log" 2>&1) &
app_pid=$!
await_healthy
java_pid="$(pgrep -P "$app_pid" java || echo "$app_pid")"
echo "== Application up (pid $java_pid); loading the fleet with COPY"
start=$(date +%s.%N)
psql_db -c "\\copy inv_host (id, name, os, environment, criticality, internet_facing, created_at, updated_at) FROM '$dir/inv_host.tsv'"
# Secondary indexes are dropped for the load and rebuilt from their own definitions: much faster than maintaining
# them row by row. The assessment then runs with exactly the indexes the migrations create.
psql_db -Atc "SELECT indexdef FROM pg_indexes WHERE tablename = 'inv_package' AND indexname <> 'inv_package_pkey'" >"$work/indexes.sql"
psql_db -Atc "SELECT 'DROP INDEX ' || indexname || ';' FROM pg_indexes WHERE tablename = 'inv_package' AND indexname <> 'inv_package_pkey'" | psql_db
psql_db -c "\\copy inv_package (host_id, ecosystem, name, version, source_name, source_version, arch, purl) FROM '$dir/inv_package.tsv'"
sed 's/$/;/' "$work/indexes.sql" | psql_db
psql_db -c "INSERT INTO inv_host_group (host_id, group_name) SELECT id, 'bench' FROM inv_host" \
  -c "VACUUM ANALYZE inv_host" -c "VACUUM ANALYZE inv_package" -c "VACUUM ANALYZE inv_host_group"
echo "   $(psql_db -Atc 'SELECT count(*) FROM inv_host') hosts, $(psql_db -Atc 'SELECT count(*) FROM inv_package') packages in $(echo "$(date +%s.%N) - $start" | bc | cut -c1-5) s"
start=$(date +%s.%N)
curl -fsS -u alice:alice -H 'Content-Type: application/json' --data-binary "@$dir/advisories.json" \
  "http://127.0.0.1:$port/api/v1/advisories" >"$work/advisories.out"
echo "== Advisories loaded in $(echo "$(date +%s.%N) - $start" | bc | cut -c1-5) s: $(cat "$work/advisories.out")"
psql_db -c "VACUUM ANALYZE" 2>/dev/null || true
cpu_before=$(awk '{print $14 + $15}' "/proc/$java_pid/stat")
before="$(load)"
start=$(date +%s.%N)
curl -sS --max-time 900 -u alice:alice -X POST "http://127.0.0.1:$port/api/v1/assessments" -o "$work/assessment.out" \
  -w '%{http_code}' >"$work/assessment.code"
wall=$(echo "$(date +%s.%N) - $start" | bc)
cpu=$(( $(awk '{print $14 + $15}' "/proc/$java_pid/stat") - cpu_before ))
echo "== POST /api/v1/assessments: HTTP $(cat "$work/assessment.code") in $(printf '%.1f' "$wall") s (application CPU $(echo "scale=1; $cpu / $(getconf CLK_TCK)" | bc) s) | load before $before, after $(load)"
echo "   $(cat "$work/assessment.out")"
echo "   findings stored: $(psql_db -Atc 'SELECT count(*) FROM adv_finding'), of which without fix: $(psql_db -Atc "SELECT count(*) FROM adv_finding WHERE status = 'NO_FIX'")"
echo "   $(grep -o "Matched .*" "$work/app.log" | tail -1)"
