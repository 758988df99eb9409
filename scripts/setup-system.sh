#!/usr/bin/env bash
# Debian packages the test suite needs: python3-venv (for .venv), PostgreSQL (server for the store tests) and
# Chromium + its driver (browser tests of the web UI). Idempotent; needs root (or sudo).
set -euo pipefail
PACKAGES=(python3-venv postgresql postgresql-contrib chromium chromium-driver)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "system packages: all present (${PACKAGES[*]})"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "system packages: installed ${missing[*]}"
