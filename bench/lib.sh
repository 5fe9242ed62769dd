# Shared by the benchmark scripts (bench/run.sh, assess.sh, rollout.sh, cluster.sh): the jar and a local PostgreSQL
# (bench_setup), a throw-away database, the application on a free local port, and the clean-up that stops it and drops
# the database. Source it after setting repo, then call bench_setup "${1:-}"; the functions use the globals db, work
# and app_pid.

# Sets jar (the first argument, else target/patchflow.jar), pghost and pgport (PGHOST/PGPORT, local only), or exits.
bench_setup() {
  jar="$(realpath "${1:-$repo/target/patchflow.jar}")"
  [ -f "$jar" ] || { echo "No jar at $jar: build it with ./mvnw package -DskipTests (or pass its path)" >&2; exit 2; }
  pghost="${PGHOST:-127.0.0.1}"
  pgport="${PGPORT:-5432}"
  case "$pghost" in 127.0.0.1|localhost) ;; *) echo "PGHOST must be local (127.0.0.1)" >&2; exit 2 ;; esac
}

psql_admin() { psql -X -q -h "$pghost" -p "$pgport" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

# Stops the application (TERM, then KILL after 30 s) and drops the database (unless BENCH_KEEP_DATABASE=true, for
# looking at what a run wrote); set as the EXIT/INT/TERM trap.
cleanup() {
  set +e
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid"
    for _ in $(seq 1 30); do kill -0 "$app_pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$app_pid" 2>/dev/null && kill -9 "$app_pid"
  fi
  if [ "${BENCH_KEEP_DATABASE:-false}" = "true" ]; then
    echo "Stopped the application, kept database $db (BENCH_KEEP_DATABASE=true; drop it yourself). Log: $work/app.log"
    return
  fi
  psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
  echo "Stopped the application, dropped database $db. Log: $work/app.log"
}

# Sets port to a free port in 18100-18199, or exits.
find_free_port() {
  port=""
  for p in $(seq 18100 18199); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
  done
  [ -n "$port" ] || { echo "No free port in 18100-18199" >&2; exit 1; }
}

# Waits up to 180 s for the application (app_pid) to answer UP on port; exits with its log's tail otherwise.
await_healthy() {
  local started=""
  for _ in $(seq 1 180); do
    if ! kill -0 "$app_pid" 2>/dev/null; then echo "The application exited; last lines of its log:" >&2; tail -40 "$work/app.log" >&2; exit 1; fi
    if curl -fsS --max-time 2 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then started=yes; break; fi
    sleep 1
  done
  [ -n "$started" ] || { echo "The application did not become healthy in 180 s" >&2; tail -40 "$work/app.log" >&2; exit 1; }
}
