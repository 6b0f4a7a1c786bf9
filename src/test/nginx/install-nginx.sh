#!/bin/sh
# Installs what the cluster tests put in front of two Herald nodes as their load balancer: Debian's nginx.
# Run by `mvn verify` before the integration tests; does nothing when nginx is already there (the benchmark installs
# it too). The tests start their own nginx, with their own configuration, on a free port (dev.herald.support.LoadBalancer).
# Fails loudly when it cannot install it: the cluster tests are never skipped silently.
set -eu

NGINX="${HERALD_NGINX:-/usr/sbin/nginx}"

if [ -x "$NGINX" ]; then
    echo "cluster tests: $("$NGINX" -v 2>&1)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "cluster tests need nginx at $NGINX; install it, or point HERALD_NGINX at it" >&2
    exit 1
fi

# Root in CI; sudo (never prompting: there is no stdin) for a developer.
if [ "$(id -u)" -eq 0 ]; then
    AS_ROOT=""
else
    AS_ROOT="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive

install() {
    $AS_ROOT apt-get install -y --no-install-recommends nginx
}

echo "cluster tests: installing Debian's nginx"
# A fresh machine has no package lists yet; update them once, only when the install cannot find the package.
if ! install; then
    $AS_ROOT apt-get update
    install
fi
"$NGINX" -v
