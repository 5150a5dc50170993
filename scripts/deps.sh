#!/bin/sh
# deps.sh -- installs the Debian packages nongrata needs, when missing.
#   sh scripts/deps.sh               install what is missing (needs root or sudo)
#   sh scripts/deps.sh --check-only  exit 1 if anything is missing
#   sh scripts/deps.sh fuzz          also clang and its runtime, for make fuzz
set -eu
PKGS="build-essential pkg-config libutf8proc-dev libicu-dev libjansson-dev libcmocka-dev libsqlite3-dev libcsv-dev libxml2-dev libphonenumber-dev"
[ "${1:-}" = fuzz ] && PKGS="$PKGS clang libclang-rt-14-dev"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
[ "${1:-}" = "--check-only" ] && { echo "missing:$missing"; exit 1; }
echo "nongrata: installing Debian packages:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq $missing >/dev/null
