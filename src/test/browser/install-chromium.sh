#!/bin/sh
# Installs what the browser tests (src/test/java/dev/herald/browser) drive: Debian's Chromium and ChromeDriver.
# Run by `mvn verify` before the integration tests; does nothing when both are already there.
# Fails loudly when it cannot install them: browser tests are never skipped silently.
set -eu

CHROMIUM="${HERALD_CHROMIUM:-/usr/bin/chromium}"
CHROMEDRIVER="${HERALD_CHROMEDRIVER:-/usr/bin/chromedriver}"

if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
    echo "browser tests: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM"), $("$CHROMEDRIVER" --version | head -n 1)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "browser tests need $CHROMIUM and $CHROMEDRIVER; install Chromium and its ChromeDriver, or point" \
         "HERALD_CHROMIUM / HERALD_CHROMEDRIVER at them" >&2
    exit 1
fi

sh "$(dirname "$0")/../debian/apt-install.sh" chromium chromium-driver
"$CHROMIUM" --version
"$CHROMEDRIVER" --version
