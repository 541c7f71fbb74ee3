#!/usr/bin/env bash
# Install the Debian `chromium` package if /usr/bin/chromium is missing (idempotent).
#
# Why: the report test (tests/report/test_report_browser.py) loads the HTML report in
# headless Chromium and checks it renders its plots without console errors. The browser
# comes from the distribution's package manager, never from a download at test time.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "chromium: already installed ($("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM"))"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: $CHROMIUM is missing and apt-get is not available; install the Chromium" \
         "browser so that $CHROMIUM exists (Debian/Ubuntu package 'chromium')" >&2
    exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "error: installing chromium needs root; rerun as root: apt-get install chromium" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq; then
    echo "error: apt-get update failed; check the package sources and network, then rerun" \
         ".ci/chromium.sh" >&2
    exit 1
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium; then
    echo "error: apt-get install chromium failed; see the apt output above, fix it and rerun" \
         ".ci/chromium.sh" >&2
    exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
    echo "error: the chromium package installed but $CHROMIUM does not exist" >&2
    exit 1
fi
echo "chromium: installed ($("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM"))"
