#!/bin/sh
# Installs what the integration tests and the benchmark drive, when missing: Debian's chromium and chromium-driver
# (browser tests), nginx (the cluster tests' load balancer) with libnginx-mod-nchan (the benchmark's Nchan),
# redis-server (the cluster tests; support.RedisServer starts and stops it), curl (HttpsAndCorsIT's HTTP/2 client,
# bench/run.sh), nodejs and npm (RestartIT's Node.js EventSource). The only place that installs anything.
#   .ci/provision.sh               everything above
#   .ci/provision.sh <package>...  only those (bench/run.sh: nginx libnginx-mod-nchan)
# With apt-get as root, or with sudo that asks no password (no stdin in CI); a fresh machine's package lists are
# updated once, only when an install cannot find a package. Without root, redis-server is unpacked into
# target/redis/debian (apt-get download + dpkg -x), where the tests find it; anything else missing fails loudly:
# no test is ever skipped for want of it. Does nothing when everything is there.
set -eu
cd "$(dirname "$0")/.."

present() {
    case "$1" in
        curl) command -v curl >/dev/null 2>&1 ;;
        nodejs) command -v node >/dev/null 2>&1 ;;
        npm) command -v npm >/dev/null 2>&1 ;;
        chromium) [ -x "${HERALD_CHROMIUM:-/usr/bin/chromium}" ] ;;
        chromium-driver) [ -x "${HERALD_CHROMEDRIVER:-/usr/bin/chromedriver}" ] ;;
        nginx) [ -x "${HERALD_NGINX:-/usr/sbin/nginx}" ] ;;
        libnginx-mod-nchan) dpkg-query -W -f='${Status}' libnginx-mod-nchan 2>/dev/null | grep -q "ok installed" ;;
        redis-server) [ -n "${HERALD_REDIS_SERVER:-}" ] || command -v redis-server >/dev/null 2>&1 \
                          || [ -x target/redis/debian/usr/bin/redis-server ] ;;
        *) dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed" ;;
    esac
}

[ $# -gt 0 ] || set -- chromium chromium-driver nginx libnginx-mod-nchan redis-server curl nodejs npm
missing=""
for package in "$@"; do
    present "$package" || missing="$missing $package"
done
if [ -z "$missing" ]; then
    echo "provision: $* present"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "provision: apt-get is missing: install$missing yourself (see docs/testing.md)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    case "$missing" in
        " redis-server")
            echo "provision: unpacking Debian's redis-server into target/redis/debian (no root)"
            mkdir -p target/redis/debs target/redis/debian
            (cd target/redis/debs && apt-get download redis-server redis-tools liblzf1 libjemalloc2)
            for deb in target/redis/debs/*.deb; do dpkg -x "$deb" target/redis/debian; done
            exit 0 ;;
    esac
    echo "provision: installing$missing needs root or sudo without a password" >&2
    exit 1
fi
echo "provision: installing Debian's$missing"
# shellcheck disable=SC2086 # one word per package
$as_root apt-get install -y -q --no-install-recommends $missing \
    || { $as_root apt-get update -q && $as_root apt-get install -y -q --no-install-recommends $missing; }
