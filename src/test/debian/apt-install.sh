#!/bin/sh
# Installs Debian packages for the test command (src/test/browser/install-chromium.sh, src/test/nginx/install-nginx.sh):
#   apt-install.sh <package>...
# As root in CI, with sudo (never prompting: there is no stdin) for a developer. Fails loudly when it cannot.
set -eu

if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get is missing: install $* yourself" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    AS_ROOT=""
else
    AS_ROOT="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive

install() {
    $AS_ROOT apt-get install -y --no-install-recommends "$@"
}

echo "installing Debian's $*"
# A fresh machine has no package lists yet; update them once, only when the install cannot find the packages.
if ! install "$@"; then
    $AS_ROOT apt-get update
    install "$@"
fi
