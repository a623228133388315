#!/usr/bin/env bash
# Demeter's build entry point.
#   ./build.sh test [args]  build Release, run every test against a throwaway PostgreSQL (args go to dotnet test,
#                           e.g. --filter X); last line "Tests: N passed, M failed"
#   ./build.sh run [args]   run the API (embedded default); args go to the app
#   ./build.sh bench [args] run the benchmarks (Release) against a durable throwaway PostgreSQL; args go to the harness
#                           (ledger, recovery, photos; --seconds N ...)
#   ./build.sh pg           start a throwaway PostgreSQL, print its connection string, stop it on Ctrl-C
#   ./build.sh cluster [--nodes 3]
#                           a development cluster on 127.0.0.1: node processes on a throwaway PostgreSQL, stopped on Ctrl-C
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

die() { echo "build.sh: $*" >&2; exit 1; }
log() { echo "build.sh: $*" >&2; }

need_dotnet() {
    command -v dotnet >/dev/null 2>&1 ||
        die "'dotnet' is not on PATH. Install the .NET 10 SDK (10.0.100 or newer, see global.json) and retry."
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# ---------------------------------------------------------------------------------------------------
# Throwaway PostgreSQL: pg_ensure_installed, pg_start, pg_stop. State lives in PG_* globals.
# ---------------------------------------------------------------------------------------------------
PG_BIN='' PG_TMP='' PG_DATA='' PG_PORT='' PG_STARTED=0

pg_find_bin() {
    local c
    PG_BIN=''
    # Highest installed major version wins.
    for c in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
        [ -x "$c/pg_ctl" ] && [ -x "$c/initdb" ] && PG_BIN=$c
    done
    [ -n "$PG_BIN" ]
}

# Installs the server before any server is started (an upgrade under a running server breaks it).
pg_ensure_installed() {
    pg_find_bin && return 0
    log "PostgreSQL server binaries not found; installing the 'postgresql' package with apt-get"
    local t0=$SECONDS
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql </dev/null
    pg_find_bin || die "apt-get installed postgresql but no /usr/lib/postgresql/*/bin/pg_ctl exists"
    log "PostgreSQL installed in $((SECONDS - t0)) s ($PG_BIN)"
}

# Runs a server binary as the owner of the data dir: initdb refuses to run as root.
pg_as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_port_free() { ! (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# $1 = 1 for a durable server (fsync and synchronous commits on, as in production; the benchmarks), else a
# throwaway one that trades durability for speed (the tests).
pg_start() {
    local durable=${1:-0}
    pg_ensure_installed
    local t0=$SECONDS
    PG_TMP=$(mktemp -d "${TMPDIR:-/tmp}/demeter-pg.XXXXXX")
    chmod 755 "$PG_TMP"                    # the postgres user must reach $PG_TMP/pg
    mkdir "$PG_TMP/pg"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_TMP/pg"
    PG_DATA=$PG_TMP/pg/data

    # Trust auth; the default pg_hba.conf only has local-socket and loopback (127.0.0.1/32, ::1/128) lines.
    pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$PG_TMP/initdb.log" 2>&1 || { cat "$PG_TMP/initdb.log" >&2; die "initdb failed"; }

    # A throwaway server: loopback only, socket inside the temp dir, durability off.
    local attempt opts
    for attempt in 1 2 3 4 5 6 7 8; do
        PG_PORT=$((20000 + RANDOM % 40000))
        pg_port_free "$PG_PORT" || continue
        opts="-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_TMP/pg -c max_connections=300"
        [ "$durable" -eq 1 ] || opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        opts+=" ${DEMETER_PG_OPTS:-}"  # extra server settings for experiments (e.g. -c shared_preload_libraries=pg_stat_statements)
        if pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_TMP/pg/server.log" -o "$opts" -w -t 30 start >/dev/null; then
            PG_STARTED=1
            break
        fi
        pg_kill_server
        log "PostgreSQL did not start on port $PG_PORT (attempt $attempt); retrying on another port"
    done
    [ "$PG_STARTED" -eq 1 ] || { tail -n 20 "$PG_TMP/pg/server.log" >&2 || true; die "could not start PostgreSQL"; }

    local i
    for i in $(seq 1 60); do
        "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres && break
        [ "$i" -eq 60 ] && die "PostgreSQL on port $PG_PORT is not ready after 30 s"
        sleep 0.5
    done
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres demeter_test
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT, initdb+start $((SECONDS - t0)) s"
}

# Stops whatever server runs on $PG_DATA (also one whose start timed out). On Ctrl-C it may already
# be shutting down by itself: a stop that fails is an error only while the pid file remains.
pg_kill_server() {
    [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ] || return 0
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1 ||
        [ ! -f "$PG_DATA/postmaster.pid" ]
}

# Idempotent and quiet; safe to call from a trap.
pg_stop() {
    PG_STARTED=0
    if ! pg_kill_server; then
        log "warning: pg_ctl stop failed; kept $PG_TMP/pg/server.log"
        return 0
    fi
    if [ -n "$PG_TMP" ]; then
        rm -rf "$PG_TMP"
        PG_TMP='' PG_DATA=''
    fi
}

pg_connection_string() {
    echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=${1:-demeter_test};Pooling=true"
}

# Every subcommand that starts a server goes through this: stops it on any exit, Ctrl-C included.
pg_start_with_cleanup() {
    trap pg_stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM HUP
    pg_start "${1:-0}"
}

# ---------------------------------------------------------------------------------------------------
# Subcommands
# ---------------------------------------------------------------------------------------------------

# Prints "total passed failed skipped", summed over the <Counters> of every .trx file in $1.
# Errors, time-outs and aborts count as failed; skipped tests are the ones not executed (xunit's Skip
# gives outcome NotExecuted, yet the TRX's notExecuted counter stays 0); any other executed outcome
# (inconclusive, ...) is counted as failed by the caller.
trx_counts() {
    { [ -d "$1" ] && find "$1" -name '*.trx' -exec cat {} + ; } | awk '
        function attr(s, a,    v) {
            if (!match(s, " " a "=\"[0-9]+\"")) return 0
            v = substr(s, RSTART, RLENGTH); gsub(/[^0-9]/, "", v); return v + 0
        }
        match($0, /<Counters [^>]*/) {
            c = substr($0, RSTART, RLENGTH)
            t += attr(c, "total"); p += attr(c, "passed"); s += attr(c, "total") - attr(c, "executed")
            f += attr(c, "failed") + attr(c, "error") + attr(c, "timeout") + attr(c, "aborted")
        }
        END { print t + 0, p + 0, f + 0, s + 0 }'
}

# The OpenAPI linter (Spectral, pinned in tools/openapi-lint/package-lock.json) that OpenApiLintTests runs.
lint_tools_install() {
    if ! command -v npm >/dev/null 2>&1; then
        log "npm not found; installing the 'nodejs' and 'npm' packages with apt-get"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm </dev/null
    fi
    local dir=tools/openapi-lint
    if [ ! -x "$dir/node_modules/.bin/spectral" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        log "installing the OpenAPI linter (npm ci in $dir)"
        npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >&2
    fi
}

cmd_test() {
    need_dotnet
    lint_tools_install
    pg_start_with_cleanup
    export DEMETER_TEST_PG DEMETER_REQUIRE_PG=1
    DEMETER_TEST_PG=$(pg_connection_string demeter_test)

    local results=$PG_TMP/results rc=0
    if ! dotnet build Demeter.sln -c Release; then
        pg_stop
        echo "Build failed: no tests ran"
        exit 1
    fi
    # LogFilePrefix (not LogFileName): one uniquely named .trx per test project, none overwritten.
    if [ $# -gt 0 ]; then
        dotnet test Demeter.sln -c Release --no-build --results-directory "$results" \
            --logger "trx;LogFilePrefix=demeter" "$@" || rc=$?
    else
        # The whole suite in two parts: the in-process projects at once, then the CLI's on their own. Those start API
        # and node processes and run clusters against the failure detector's clock and the CLI's timeouts; sharing 2
        # cores with every other test project at once starved them (nodes falsely unreachable, a photo counted in 2 s
        # alone not counted in 2 minutes). The loopback-cluster tests then run one at a time after the project's others.
        dotnet test Demeter.sln -c Release --no-build --results-directory "$results" \
            --logger "trx;LogFilePrefix=demeter" --filter "FullyQualifiedName!~Demeter.Cli.Tests" || rc=$?
        dotnet test tests/Demeter.Cli.Tests -c Release --no-build --results-directory "$results" \
            --logger "trx;LogFilePrefix=cli" || rc=$?
    fi

    local total passed failed skipped
    read -r total passed failed skipped < <(trx_counts "$results")
    pg_stop

    # Executed tests that neither passed nor failed (inconclusive, ...) count as failed.
    local missing=$((total - passed - failed - skipped))
    [ "$missing" -gt 0 ] && failed=$((failed + missing))
    [ "$rc" -ne 0 ] && echo "dotnet test exited with code $rc"
    [ "$total" -eq 0 ] && echo "No tests ran"
    local line="Tests: $passed passed, $failed failed"
    [ "$skipped" -gt 0 ] && line+=", $skipped skipped"
    echo "$line"
    [ "$rc" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

cmd_bench() {
    need_dotnet
    if [[ " $* " == *" reads "* ]] && ! command -v wrk >/dev/null 2>&1; then
        log "wrk not found; installing the 'wrk' package with apt-get (the reads benchmark drives its load with it)"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk </dev/null
    fi
    pg_start_with_cleanup 1
    export DEMETER_BENCH_PG
    DEMETER_BENCH_PG=$(pg_connection_string demeter_test)
    log "durable PostgreSQL for the benchmarks: $DEMETER_BENCH_PG"
    dotnet run -c Release --project bench/Demeter.Bench -- "$@"
}

cmd_pg() {
    pg_start_with_cleanup
    echo "$(pg_connection_string demeter_test)"
    echo "psql: $PG_BIN/psql -h 127.0.0.1 -p $PG_PORT -U postgres demeter_test" >&2
    echo "Press Ctrl-C to stop the server and delete its data." >&2
    while :; do sleep 1; done
}

# A development cluster: node 1 is the seed with the API (http://127.0.0.1:5080) and the projector; nodes 2..N are
# domain + inference nodes. All share one data directory (blobs, signing key, model) and one PostgreSQL database.
# Each node's admin endpoint is http://127.0.0.1:(9109 + n); its log is data-cluster/logs/node-n.log.
cmd_cluster() {
    local nodes=3
    while [ $# -gt 0 ]; do
        case "$1" in
            --nodes) nodes=${2:?--nodes needs a number}; shift 2 ;;
            *) die "cluster: unknown argument '$1' (only --nodes N)" ;;
        esac
    done
    [[ "$nodes" =~ ^[1-9]$ ]] || die "cluster: --nodes is 1 to 9"
    need_dotnet
    dotnet build Demeter.sln -c Release -v quiet -nologo >&2 || die "build failed"
    pg_start_with_cleanup 1
    local cs data=$ROOT/data-cluster dll=$ROOT/src/Demeter.Api/bin/Release/net10.0/linux-x64/Demeter.Api.dll pids=()
    cs=$(pg_connection_string demeter_test)
    mkdir -p "$data/logs"
    export DEMETER_ADMIN_PASSWORD=${DEMETER_ADMIN_PASSWORD:-demeter-dev-admin}
    trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait; pg_stop' EXIT
    local n roles
    for n in $(seq 1 "$nodes"); do
        roles=domain,inference
        [ "$n" -eq 1 ] && roles=api,domain,projector
        dotnet "$dll" --roles "$roles" --akka-port $((4052 + n)) --seed akka.tcp://demeter@127.0.0.1:4053 \
            --admin-url "http://127.0.0.1:$((9109 + n))" --urls http://127.0.0.1:5080 --data "$data" \
            --db-provider postgresql --db-connection "$cs" >"$data/logs/node-$n.log" 2>&1 &
        pids+=($!)
        local i
        for i in $(seq 1 120); do
            curl -fs "http://127.0.0.1:$((9109 + n))/health/ready" >/dev/null 2>&1 && break
            kill -0 "${pids[-1]}" 2>/dev/null || { tail -n 20 "$data/logs/node-$n.log" >&2; die "node $n stopped"; }
            [ "$i" -eq 120 ] && die "node $n was not ready after 60 s (see $data/logs/node-$n.log)"
            sleep 0.5
        done
        log "node $n up: roles $roles, akka.tcp://demeter@127.0.0.1:$((4052 + n)), admin http://127.0.0.1:$((9109 + n))"
    done
    cat >&2 <<EOT
build.sh: $nodes nodes up; API http://127.0.0.1:5080 (admin / \$DEMETER_ADMIN_PASSWORD, default demeter-dev-admin)
  demeter login --username admin
  demeter cluster show --node http://127.0.0.1:9111
  demeter cluster sharding stats stock-batch
PostgreSQL: $cs (thrown away on Ctrl-C; blobs and logs stay in $data)
EOT
    wait
}

usage() {
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
    exit "${1:-2}"
}

[ $# -ge 1 ] || usage
sub=$1
shift
case "$sub" in
    test) cmd_test "$@" ;;
    run) need_dotnet; exec dotnet run --project src/Demeter.Api -- "$@" ;;
    bench) cmd_bench "$@" ;;
    pg) cmd_pg "$@" ;;
    cluster) cmd_cluster "$@" ;;
    -h | --help | help) usage 0 ;;
    *) echo "unknown subcommand: $sub" >&2; usage ;;
esac
