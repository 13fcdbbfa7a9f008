#!/usr/bin/env bash
# System packages LoanDesk needs on Debian/Ubuntu: build tools for the native
# modules, libsecret for keytar, a keyring + D-Bus for the keychain test, Debian's
# Chromium for browser mode and e2e, CJK fonts for screenshots, poppler for reading
# the printed documents' PDFs in e2e, PostgreSQL for the sync-server tests.
# Idempotent: installs only what is missing.
set -euo pipefail
pkgs=(build-essential python3 libsecret-1-dev gnome-keyring dbus dbus-x11 libsecret-tools
      chromium fonts-noto-cjk poppler-utils postgresql-15 xvfb)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then echo "system packages: all present"; exit 0; fi
echo "installing: ${missing[*]}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
