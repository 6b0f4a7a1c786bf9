#!/usr/bin/env bash
# Herald's benchmark (issue 7, docs/performance.md): builds Herald and the plain SseBroadcaster baseline, installs
# nginx + Nchan from Debian if missing, starts every target on loopback, runs the load generator against each in
# turn and prints the Markdown table (also written to target/bench/results.md, with results.png beside it).
#
#   bench/run.sh                 # every workload, default sizes, two rounds (about 40 minutes on 2 cores)
#   bench/run.sh --smoke         # tiny sizes, seconds; fails on any lost or duplicated event
#   BENCH_HERALD_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/herald.jfr,settings=profile \
#     BENCH_TARGETS=herald BENCH_WORKLOADS=fanout bench/run.sh   # profile Herald's fan-out with JFR
#   bench/run.sh --pin           # servers on CPU 0, load generator on CPU 1 (taskset)
#   BENCH_BASELINE_WAR=/tmp/herald-main.war BENCH_TARGETS=herald bench/run.sh --pin   # this build against another
#   bench/run.sh -Dbench.rounds=1 -Dbench.warmup.freshSeconds=10   # one round, a short warm-up: quicker, rougher
#
# Every target first warms up, reported apart (the steady fan-out on its fresh JVM for a minute, then the full
# fan-out for 30 s); then the workloads run in two rounds, the second in reverse order (targets and workloads), and
# each figure is printed as the rounds' mean with their range (issue 21: a fair benchmark).
#   BENCH_TARGETS=herald,nchan BENCH_WORKLOADS=fanout,storm bench/run.sh -Dbench.fanout.subscribers=2000
#   BENCH_TARGETS=herald BENCH_WORKLOADS=hostile bench/run.sh   # issue 11's attacks (never in the default set)
#   HERALD_SUBSCRIBERS_MAX=20000 BENCH_TARGETS=herald,cluster BENCH_WORKLOADS=steady,capacity,cross,storm \
#     bench/run.sh --pin -Dbench.storm.subscribers=10000   # issue 14: two nodes on Redis against one (docs/performance.md)
#
# Targets: herald (Payara Micro), plain (SseBroadcaster on Payara Micro), nchan, and herald-liberty (Herald on Open
# Liberty, not in the default set: BENCH_TARGETS=herald,plain,nchan,herald-liberty); cluster (not in the default
# set): two Herald nodes on Payara Micro sharing one Redis (src/test/redis/redis.sh), behind nginx as the load
# balancer (bench/cluster-nginx.conf.template); with --pin node 1 runs on CPU 0 and node 2 on CPU 1.
# Extra arguments starting with -D size the workloads (see bench/src/main/java/dev/herald/bench/BenchConfig.java).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${BENCH_OUT:-$ROOT/target/bench}
case "$OUT" in /*) ;; *) OUT=$ROOT/$OUT ;; esac # nginx would resolve a relative one against its own prefix
TARGETS=${BENCH_TARGETS:-herald,plain,nchan}
WORKLOADS=${BENCH_WORKLOADS:-idle,capacity,fanout,steady,topics,storm,slow}
HERALD_PORT=${BENCH_HERALD_PORT:-18080}
PLAIN_PORT=${BENCH_PLAIN_PORT:-19080}
NCHAN_PORT=${BENCH_NCHAN_PORT:-17080}
LIBERTY_PORT=${BENCH_LIBERTY_PORT:-20080}
BASELINE_PORT=${BENCH_BASELINE_PORT:-22080}   # BENCH_BASELINE_WAR: another build of Herald, target herald-baseline
CLUSTER_PORT=${BENCH_CLUSTER_PORT:-21090}     # nginx, the cluster's load balancer
NODE1_PORT=${BENCH_NODE1_PORT:-21080}
NODE2_PORT=${BENCH_NODE2_PORT:-21081}
REDIS_PORT=${BENCH_REDIS_PORT:-21379}
SERVER_HEAP=${BENCH_SERVER_HEAP:-1g}
# Another pre-boot file for Payara Micro, to try a setting without editing server-config (e.g. a write timeout).
PAYARA_PREBOOT=${BENCH_PAYARA_PREBOOT:-server-config/payara/pre-boot-commands.asadmin}
PAYARA_POSTDEPLOY=server-config/payara/post-deploy-commands.asadmin
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

# Where each process runs (taskset's CPU list; empty: any CPU): a server on CPU 0, the cluster's nodes on CPU 0 and 1.
SERVER_CPUS="" NODE1_CPUS="" NODE2_CPUS="" SERVER_CPU=() CLIENT_CPU=()
if $PIN; then SERVER_CPUS=0 NODE1_CPUS=0 NODE2_CPUS=1 SERVER_CPU=(taskset -c 0) CLIENT_CPU=(taskset -c 1); fi

mkdir -p "$OUT"
PIDS=()
REDIS_DIR=""
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ -n "$REDIS_DIR" ]; then src/test/redis/redis.sh stop "$REDIS_DIR"; fi
}
trap cleanup EXIT

echo "== building Herald, then the benchmark (load generator and plain baseline; its unit tests run)"
# BENCH_HERALD_BUILT=true: target/ already holds this checkout's build (.ci/run, beside a suite that deploys it).
[ "${BENCH_HERALD_BUILT:-}" = true ] || mvn -B -q -P payara -DskipTests package
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

start_payara() { # name war port cpus [NAME=value (environment)…] [JVM options…] → sets STARTED_PID
    local name=$1 war=$2 port=$3 pin=() envs=() options=()
    if [ -n "$4" ]; then pin=(taskset -c "$4"); fi
    shift 4
    for arg in "$@"; do if [[ $arg == -* ]]; then options+=("$arg"); else envs+=("$arg"); fi; done
    # Herald's own settings for a benchmark: no demo ticker, no upstreams, no per-client quotas (one load
    # generator on one address stands for thousands of clients), every topic open to it (it has no tokens;
    # docs/security.md). As in production (pom.xml), exit on an
    # OutOfMemoryError rather than linger half-alive. Started as the run command starts it: the ports as system
    # properties, which the pre-boot file names, and the listeners opened once Herald is deployed (docs/servers.md).
    "${BENCH_HERALD_ENV[@]}" "${envs[@]}" \
    "${pin[@]}" java -Xms"$SERVER_HEAP" -Xmx"$SERVER_HEAP" -XX:+ExitOnOutOfMemoryError "${options[@]}" \
        -Dherald.http.port="$port" -Dherald.https.port=$((port + 1)) -jar target/payara-micro.jar --nocluster \
        --prebootcommandfile "$PAYARA_PREBOOT" --postdeploycommandfile "$PAYARA_POSTDEPLOY" \
        --deploy "$war" --contextroot / >"$OUT/$name.log" 2>&1 &
    STARTED_PID=$!
    PIDS+=("$STARTED_PID")
}

TARGET_ARGS=()
if wants herald; then
    echo "== starting Herald on Payara Micro at :$HERALD_PORT"
    # BENCH_HERALD_JAVA_OPTS, e.g. a JFR recording: -XX:StartFlightRecording=filename=target/bench/herald.jfr,settings=profile
    # shellcheck disable=SC2086
    start_payara herald target/herald.war "$HERALD_PORT" "$SERVER_CPUS" ${BENCH_HERALD_JAVA_OPTS:-}; HERALD_PID=$STARTED_PID
fi
if [ -n "${BENCH_BASELINE_WAR:-}" ]; then
    echo "== starting $BENCH_BASELINE_WAR (the baseline build of Herald) on Payara Micro at :$BASELINE_PORT"
    # shellcheck disable=SC2086
    start_payara herald-baseline "$BENCH_BASELINE_WAR" "$BASELINE_PORT" "$SERVER_CPUS" ${BENCH_HERALD_JAVA_OPTS:-}
    BASELINE_PID=$STARTED_PID
fi
if wants plain; then
    echo "== starting the plain SseBroadcaster on Payara Micro at :$PLAIN_PORT"
    start_payara plain bench/target/herald-plain.war "$PLAIN_PORT" "$SERVER_CPUS"; PLAIN_PID=$STARTED_PID
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
install_nginx() { # nginx and Nchan from Debian, when missing (the one place that installs: .ci/provision.sh)
    sh .ci/provision.sh nginx libnginx-mod-nchan
}
if wants cluster; then
    REDIS_DIR=$OUT/redis
    echo "== starting Redis at :$REDIS_PORT, two Herald nodes on it at :$NODE1_PORT and :$NODE2_PORT, nginx before them at :$CLUSTER_PORT"
    REDIS_VERSION=$(src/test/redis/redis.sh start "$REDIS_PORT" "$REDIS_DIR" | tee /dev/stderr | sed -n 's/^redis: \(.*\) on .*/\1/p')
    NODE_ENV=(HERALD_BROKER=redis "HERALD_REDIS_URL=redis://127.0.0.1:$REDIS_PORT")
    # shellcheck disable=SC2086
    start_payara cluster-node1 target/herald.war "$NODE1_PORT" "$NODE1_CPUS" "${NODE_ENV[@]}" ${BENCH_HERALD_JAVA_OPTS:-}
    NODE1_PID=$STARTED_PID
    # shellcheck disable=SC2086
    start_payara cluster-node2 target/herald.war "$NODE2_PORT" "$NODE2_CPUS" "${NODE_ENV[@]}" ${BENCH_HERALD_JAVA_OPTS:-}
    NODE2_PID=$STARTED_PID
    install_nginx
    LB_DIR=$OUT/cluster-lb
    mkdir -p "$LB_DIR/tmp"
    sed -e "s|@DIR@|$LB_DIR|g" -e "s|@PORT@|$CLUSTER_PORT|g" -e "s|@NODE1@|$NODE1_PORT|g" -e "s|@NODE2@|$NODE2_PORT|g" \
        bench/cluster-nginx.conf.template >"$LB_DIR/nginx.conf"
    nginx -p "$LB_DIR" -c "$LB_DIR/nginx.conf" -g 'daemon off;' >"$OUT/cluster-lb.log" 2>&1 &
    LB_PID=$!
    PIDS+=("$LB_PID")
fi
if wants nchan; then
    install_nginx
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
if [ -n "${BENCH_BASELINE_WAR:-}" ]; then
    await_http "http://127.0.0.1:$BASELINE_PORT/api/topics/bench-up/events" 180 -H 'Content-Type: application/json' \
        -d '{"event":"up","data":{}}'
    TARGET_ARGS+=(--target "herald-baseline=herald,http://127.0.0.1:$BASELINE_PORT,$BASELINE_PID")
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
if wants cluster; then
    for port in "$NODE1_PORT" "$NODE2_PORT" "$CLUSTER_PORT"; do
        await_http "http://127.0.0.1:$port/api/topics/bench-up/events" 180 -H 'Content-Type: application/json' \
            -d '{"event":"up","data":{}}'
    done
    # The nodes' CPU is the cluster's; nginx's (master and workers) and Redis's are reported apart.
    HELPERS="$LB_PID+$(pgrep -P "$LB_PID" | paste -sd+)+$(cat "$REDIS_DIR/redis.pid")"
    TARGET_ARGS+=(--target "cluster=herald,http://127.0.0.1:$CLUSTER_PORT,$NODE1_PID+$NODE2_PID,nodes=http://127.0.0.1:$NODE1_PORT+http://127.0.0.1:$NODE2_PORT,helpers=$HELPERS")
fi
if wants nchan; then
    await_http "http://127.0.0.1:$NCHAN_PORT/pub/bench-up" 30 -d '{}'
    WORKER=$(pgrep -P "$NCHAN_PID" | head -1)
    TARGET_ARGS+=(--target "nchan=nchan,http://127.0.0.1:$NCHAN_PORT,$NCHAN_PID+$WORKER")
fi

NOTE="Targets: $TARGETS${BENCH_BASELINE_WAR:+, herald-baseline ($BENCH_BASELINE_WAR)}. Machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
$PIN && NOTE+=", servers pinned to CPU 0 and the load generator to CPU 1"
if wants cluster; then
    NOTE+=". Cluster: two Herald nodes (Payara Micro, --nocluster) at :$NODE1_PORT and :$NODE2_PORT on $REDIS_VERSION"
    NOTE+=" at :$REDIS_PORT (no persistence), behind nginx $(nginx -v 2>&1 | sed 's|.*nginx/||') (2 workers) at :$CLUSTER_PORT"
    if $PIN; then
        NOTE+="; node 1 pinned to CPU 0 (with the single-node targets, idle while it runs), node 2 to CPU 1 (with the"
        NOTE+=" load generator); nginx and Redis on either CPU"
    fi
fi
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
