#!/usr/bin/env bash
# The portal's browser tests: Debian's Chromium (Playwright drives it through ExecutablePath; it cannot download
# browsers here), the CJK fonts its pages need, and the portal's npm packages (Mirador) installed from the lock file.
# Idempotent; runs as root with no input.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
assets="$(cd "$(dirname "$0")/.." && pwd)/src/IiifHarvester.Web/Portal/Assets"
if [ ! -f "$assets/node_modules/.package-lock.json" ] || [ "$assets/package-lock.json" -nt "$assets/node_modules/.package-lock.json" ]; then
  (cd "$assets" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
fi
