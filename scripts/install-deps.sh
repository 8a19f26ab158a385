#!/usr/bin/env bash
# Installs the system packages Kontor needs, only when missing (Debian/Ubuntu, as root or via sudo).
#   scripts/install-deps.sh          build dependencies (libcmark, libstemmer, pkg-config)
#   scripts/install-deps.sh browser  also Chromium, chromedriver and Python selenium for browser tests
set -euo pipefail

packages=(libcmark-dev libstemmer-dev pkg-config)
if [[ "${1:-}" == "browser" ]]; then
    packages+=(chromium chromium-driver)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    echo "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ "${1:-}" == "browser" ]]; then
    python3 -c "import selenium" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check selenium pytest
    python3 -c "import pytest" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check pytest
fi
exit 0
