#!/usr/bin/env bash
# Browser tests of the search UI with a real headless Chromium.
# Usage: Tests/browser/run.sh SITE_DIR   (a built site: suche.html, assets/search.js, search/…)
# Installs chromium, chromium-driver, selenium and pytest when missing, runs pytest and prints
# its summary. Exit status is pytest's.
set -euo pipefail
if [ $# -ne 1 ] || [ ! -d "$1" ]; then
    echo "usage: $0 SITE_DIR" >&2
    exit 2
fi
SITE_DIR="$(cd "$1" && pwd)"
HERE="$(cd "$(dirname "$0")" && pwd)"

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "installing chromium and chromium-driver …" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! python3 -c "import selenium, pytest" 2>/dev/null; then
    echo "installing selenium and pytest …" >&2
    python3 -m pip install -q selenium pytest >&2
fi

export KONTOR_SITE_DIR="$SITE_DIR"
cd "$HERE"
python3 -m pytest -q -p no:cacheprovider test_search.py "${@:2}"
