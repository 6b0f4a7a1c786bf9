#!/usr/bin/env bash
# Herald's benchmark (issue 7, docs/performance.md): builds Herald and the plain SseBroadcaster baseline, installs
# nginx + Nchan from Debian if missing, starts every target on loopback, runs the load generator against each in
# turn and prints the Markdown table (also written to target/bench/results.md, with results.png beside it).
#
#   bench/run.sh                 # every workload, default sizes (about 15 minutes on 2 cores)
#   bench/run.sh --smoke         # tiny sizes, seconds; fails on any lost or duplicated event
#   BENCH_HERALD_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/herald.jfr,settings=profile \
#     BENCH_TARGETS=herald BENCH_WORKLOADS=fanout bench/run.sh   # profile Herald's fan-out with JFR
#   bench/run.sh --pin           # servers on CPU 0, load generator on CPU 1 (taskset)
#   BENCH_TARGETS=herald,nchan BENCH_WORKLOADS=fanout,storm bench/run.sh -Dbench.fanout.subscribers=2000
#   BENCH_TARGETS=herald BENCH_WORKLOADS=hostile bench/run.sh   # issue 11's attacks (never in the default set)
#
# Targets: herald (Payara Micro), plain (SseBroadcaster on Payara Micro), nchan, and herald-liberty (Herald on Open
# Liberty, not in the default set: BENCH_TARGETS=herald,plain,nchan,herald-liberty).
# Extra arguments starting with -D size the workloads (see bench/src/main/java/dev/herald/bench/BenchConfig.java).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${BENCH_OUT:-$ROOT/target/bench}
TARGETS=${BENCH_TARGETS:-herald,plain,nchan}
WORKLOADS=${BENCH_WORKLOADS:-idle,capacity,fanout,steady,topics,storm,slow}
HERALD_PORT=${BENCH_HERALD_PORT:-18080}
PLAIN_PORT=${BENCH_PLAIN_PORT:-19080}
NCHAN_PORT=${BENCH_NCHAN_PORT:-17080}
LIBERTY_PORT=${BENCH_LIBERTY_PORT:-20080}
SERVER_HEAP=${BENCH_SERVER_HEAP:-1g}
# Another pre-boot file for Payara Micro, to try a setting without editing server-config (e.g. a write timeout).
PAYARA_PREBOOT=${BENCH_PAYARA_PREBOOT:-server-config/payara/pre-boot-commands.asadmin}
PIN=false
JAVA_PROPS=()
for arg in "$@"; do
    case "$arg" in
        --smoke) JAVA_PROPS+=(-Dbench.smoke=true) ;;
        --pin) PIN=true ;;
        -D*) JAVA_PROPS+=("$arg") ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done

# 10,000 subscribers need 10,000 sockets on each side; a process here may hold at most 20,000 descriptors.
ulimit -n "$(ulimit -Hn)"

SERVER_CPU=() CLIENT_CPU=()
if $PIN; then SERVER_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1); fi

mkdir -p "$OUT"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

echo "== building Herald, then the benchmark (load generator and plain baseline; its unit tests run)"
mvn -B -q -P payara -DskipTests package
mvn -B -f bench/pom.xml package | grep -E "Tests run:|BUILD|ERROR"

wants() { [[ ",$TARGETS," == *",$1,"* ]]; }

await_http() { # url seconds [curl options]: until the URL answers 2xx
    local url=$1 seconds=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until curl -sf -o /dev/null -m 2 "$@" "$url"; do
        if ((SECONDS > deadline)); then echo "not up after $seconds s: $url" >&2; return 1; fi
        sleep 1
    done
}

BENCH_HERALD_ENV=(env HERALD_DEMO_ENABLED=false "HERALD_UPSTREAMS= "
    HERALD_QUOTA_STREAMS_PER_ADDRESS=1000000 HERALD_QUOTA_PUBLISH_RATE_PER_ADDRESS=1000000
    HERALD_QUOTA_PUBLISH_BURST_PER_ADDRESS=1000000 "HERALD_AUTH_PUBLIC_TOPICS=*" "HERALD_AUTH_ANONYMOUS_PUBLISH=*")

start_payara() { # name war port [JVM options…] → sets STARTED_PID
    local name=$1 war=$2 port=$3
    shift 3
    # Herald's own settings for a benchmark: no demo ticker, no upstreams, no per-client quotas (one load
    # generator on one address stands for thousands of clients), every topic open to it (it has no tokens;
    # docs/security.md). As in production (pom.xml), exit on an
    # OutOfMemoryError rather than linger half-alive.
    "${BENCH_HERALD_ENV[@]}" \
    "${SERVER_CPU[@]}" java -Xms"$SERVER_HEAP" -Xmx"$SERVER_HEAP" -XX:+ExitOnOutOfMemoryError "$@" -jar target/payara-micro.jar --nocluster \
        --port "$port" --prebootcommandfile "$PAYARA_PREBOOT" \
        --deploy "$war" --contextroot / >"$OUT/$name.log" 2>&1 &
    STARTED_PID=$!
    PIDS+=("$STARTED_PID")
}

TARGET_ARGS=()
if wants herald; then
    echo "== starting Herald on Payara Micro at :$HERALD_PORT"
    # BENCH_HERALD_JAVA_OPTS, e.g. a JFR recording: -XX:StartFlightRecording=filename=target/bench/herald.jfr,settings=profile
    # shellcheck disable=SC2086
    start_payara herald target/herald.war "$HERALD_PORT" ${BENCH_HERALD_JAVA_OPTS:-}; HERALD_PID=$STARTED_PID
fi
if wants plain; then
    echo "== starting the plain SseBroadcaster on Payara Micro at :$PLAIN_PORT"
    start_payara plain bench/target/herald-plain.war "$PLAIN_PORT"; PLAIN_PID=$STARTED_PID
fi
if wants herald-liberty; then
    echo "== starting Herald on Open Liberty at :$LIBERTY_PORT"
    mvn -B -q -P liberty -DskipTests liberty:create # the full runtime: every feature is already there
    LIBERTY_SERVER=target/liberty/wlp/usr/servers/herald
    mkdir -p "$LIBERTY_SERVER/dropins"
    rm -rf "$LIBERTY_SERVER/configDropins/overrides" # the test suite's JMX connector is not wanted here
    cp target/herald.war "$LIBERTY_SERVER/dropins/herald.war"
    grep -v '^http.port=' "$LIBERTY_SERVER/bootstrap.properties" 2>/dev/null >"$OUT/bootstrap.properties" || true
    echo "http.port=$LIBERTY_PORT" >>"$OUT/bootstrap.properties"
    cp "$OUT/bootstrap.properties" "$LIBERTY_SERVER/bootstrap.properties"
    printf -- '-Xms%s\n-Xmx%s\n-XX:+ExitOnOutOfMemoryError\n' "$SERVER_HEAP" "$SERVER_HEAP" >"$LIBERTY_SERVER/jvm.options"
    "${BENCH_HERALD_ENV[@]}" \
    "${SERVER_CPU[@]}" target/liberty/wlp/bin/server run herald >"$OUT/herald-liberty.log" 2>&1 &
    LIBERTY_PID=$!
    PIDS+=("$LIBERTY_PID")
fi
if wants nchan; then
    if [ ! -e /usr/lib/nginx/modules/ngx_nchan_module.so ] || ! command -v nginx >/dev/null; then
        echo "== installing nginx and Nchan from Debian"
        export DEBIAN_FRONTEND=noninteractive
        # Root in CI; sudo (never prompting: there may be no stdin) for a developer.
        AS_ROOT=()
        if [ "$(id -u)" -ne 0 ]; then AS_ROOT=(sudo -n); fi
        "${AS_ROOT[@]}" apt-get update -qq
        "${AS_ROOT[@]}" apt-get install -y -qq --no-install-recommends nginx libnginx-mod-nchan >"$OUT/apt.log"
    fi
    NCHAN_DIR=$OUT/nchan
    mkdir -p "$NCHAN_DIR/tmp"
    sed -e "s|@DIR@|$NCHAN_DIR|g" -e "s|@PORT@|$NCHAN_PORT|g" bench/nchan.conf.template >"$NCHAN_DIR/nginx.conf"
    echo "== starting Nchan at :$NCHAN_PORT"
    "${SERVER_CPU[@]}" nginx -p "$NCHAN_DIR" -c "$NCHAN_DIR/nginx.conf" -g 'daemon off;' >"$OUT/nchan.log" 2>&1 &
    NCHAN_PID=$!
    PIDS+=("$NCHAN_PID")
fi

if wants herald; then
    await_http "http://127.0.0.1:$HERALD_PORT/api/topics/bench-up/events" 180 -H 'Content-Type: application/json' \
        -d '{"event":"up","data":{}}'
    TARGET_ARGS+=(--target "herald=herald,http://127.0.0.1:$HERALD_PORT,$HERALD_PID")
fi
if wants plain; then
    await_http "http://127.0.0.1:$PLAIN_PORT/api/topics/bench-up/events" 180 -H 'Content-Type: application/json' -d '{}'
    TARGET_ARGS+=(--target "plain=plain,http://127.0.0.1:$PLAIN_PORT,$PLAIN_PID")
fi
if wants herald-liberty; then
    await_http "http://127.0.0.1:$LIBERTY_PORT/api/topics/bench-up/events" 180 -H 'Content-Type: application/json' \
        -d '{"event":"up","data":{}}'
    # `server run` execs the JVM, or leaves it as its only java child.
    LIBERTY_JVM=$LIBERTY_PID
    if [ "$(cat /proc/$LIBERTY_PID/comm)" != java ]; then LIBERTY_JVM=$(pgrep -P "$LIBERTY_PID" java | head -1); fi
    TARGET_ARGS+=(--target "herald-liberty=herald,http://127.0.0.1:$LIBERTY_PORT,$LIBERTY_JVM")
fi
if wants nchan; then
    await_http "http://127.0.0.1:$NCHAN_PORT/pub/bench-up" 30 -d '{}'
    WORKER=$(pgrep -P "$NCHAN_PID" | head -1)
    TARGET_ARGS+=(--target "nchan=nchan,http://127.0.0.1:$NCHAN_PORT,$NCHAN_PID+$WORKER")
fi

NOTE="Targets: $TARGETS. Machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
$PIN && NOTE+=", servers pinned to CPU 0 and the load generator to CPU 1"
PAYARA_VERSION=$(sed -n 's|.*<payara.micro.version>\(.*\)</payara.micro.version>.*|\1|p' pom.xml)
NOTE+=". Server heap $SERVER_HEAP, Payara Micro $PAYARA_VERSION"
if wants herald-liberty; then NOTE+=", Open Liberty $(sed -n 's/^com.ibm.websphere.productVersion=//p' target/liberty/wlp/lib/versions/openliberty.properties 2>/dev/null || true)"; fi
if wants nchan; then
    NOTE+=", nginx $(dpkg-query -W -f='${Version}' nginx 2>/dev/null || true) + Nchan $(dpkg-query -W -f='${Version}' libnginx-mod-nchan 2>/dev/null || true)"
fi
NOTE+="."

echo "== running the load generator"
CP="bench/target/classes:$(ls bench/target/bench-lib/*.jar | tr '\n' ':')"
"${CLIENT_CPU[@]}" java -Xmx2g -Djava.awt.headless=true "${JAVA_PROPS[@]}" -cp "$CP" dev.herald.bench.BenchMain \
    --out "$OUT" --workloads "$WORKLOADS" --note "$NOTE" "${TARGET_ARGS[@]}"
