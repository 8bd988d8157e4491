#!/bin/sh
# Makes sure Debian's headless-capable Chromium is installed for CrBioStylesheetChromiumIT.
# CI runs as root on a fresh Debian machine that reaches Debian's package mirrors only.
# Exit 0 when /usr/bin/chromium is there (or has just been installed), 3 when it cannot be installed.
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "chromium is missing and this user is not root: install Debian's 'chromium' package" >&2
  exit 3
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium is missing and apt-get is not available" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
# Wait for a concurrent apt/dpkg run instead of failing on its lock.
APT="apt-get -q -o DPkg::Lock::Timeout=600"
$APT update >/dev/null || echo "apt-get update failed; trying with the current package lists" >&2
# A font with Latin-1 and the symbols of lab reports (µ, ≤, ≥, ±) so the screenshot is readable.
$APT install -y --no-install-recommends chromium fonts-dejavu-core >/dev/null
test -x /usr/bin/chromium
