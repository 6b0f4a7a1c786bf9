#!/bin/sh
# Starts and stops the Redis the cluster tests (dev.herald.cluster) run Herald on: Debian's redis-server on a loopback
# port, without persistence. Run by the tests' support.RedisServer (one per test JVM) and by bench/run.sh:
#   redis.sh start <port> <dir>   starts it, waits until it answers
#   redis.sh stop <dir>           stops the one started in <dir>
# redis-server comes from $HERALD_REDIS_SERVER, the PATH, or the copy .ci/provision.sh unpacks into target/redis/debian
# (installing it when missing). It fails loudly when it cannot: the cluster tests are never skipped silently.
set -eu

command="${1:?usage: redis.sh start <port> <dir> | stop <dir>}"

stop() {
    dir="$1"
    if [ -f "$dir/redis.pid" ]; then
        pid="$(cat "$dir/redis.pid")"
        if kill -0 "$pid" 2>/dev/null; then
            kill -CONT "$pid" 2>/dev/null || true # a test may have paused it
            kill "$pid" 2>/dev/null || true
            i=0
            while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
            kill -9 "$pid" 2>/dev/null || true
            echo "redis: stopped $pid"
        fi
        rm -f "$dir/redis.pid"
    fi
}

ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"

find_server() {
    dir="$1"
    if [ -n "${HERALD_REDIS_SERVER:-}" ]; then
        echo "$HERALD_REDIS_SERVER"
    elif command -v redis-server >/dev/null 2>&1; then
        command -v redis-server
    elif [ -x "$ROOT/target/redis/debian/usr/bin/redis-server" ]; then
        echo "$ROOT/target/redis/debian/usr/bin/redis-server"
    fi
}

start() {
    port="${1:?port}"
    dir="${2:?dir}"
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)" # redis-server resolves its files after changing to --dir
    stop "$dir" # one left over by an earlier run that did not reach its stop
    server="$(find_server "$dir")"
    if [ -z "$server" ]; then
        sh "$ROOT/.ci/provision.sh" redis-server
        server="$(find_server "$dir")"
    fi
    if [ -z "$server" ]; then
        echo "redis: no redis-server after provisioning it" >&2
        exit 1
    fi
    # An unpacked copy finds its libraries (jemalloc, lzf) beside it.
    export LD_LIBRARY_PATH="$ROOT/target/redis/debian/usr/lib/x86_64-linux-gnu:$ROOT/target/redis/debian/usr/lib:${LD_LIBRARY_PATH:-}"
    rm -f "$dir/redis.log"
    "$server" --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
        --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    i=0
    while [ $i -lt 100 ]; do
        if [ -s "$dir/redis.pid" ] && grep -q "Ready to accept connections" "$dir/redis.log" 2>/dev/null; then
            echo "redis: $("$server" --version | cut -d' ' -f1-3) on 127.0.0.1:$port, pid $(cat "$dir/redis.pid")"
            exit 0
        fi
        sleep 0.1
        i=$((i + 1))
    done
    echo "redis: did not start on port $port:" >&2
    cat "$dir/redis.log" >&2 || true
    exit 1
}

case "$command" in
    start) shift; start "$@" ;;
    stop) shift; stop "${1:?dir}" ;;
    *) echo "usage: redis.sh start <port> <dir> | stop <dir>" >&2; exit 2 ;;
esac
