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

sh "$(dirname "$0")/../debian/apt-install.sh" nginx
"$NGINX" -v
