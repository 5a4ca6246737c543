#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK: a real IIIF image server (IIPImage) behind nginx, libvips tools
# to make pyramid TIFFs, and bc for the CI summary. Idempotent; runs as root with no input.
set -euo pipefail
need=()
command -v bc >/dev/null 2>&1 || need+=(bc)
if [ -f .ci/setup-images.sh ]; then
  bash .ci/setup-images.sh
fi
bash .ci/setup-postgres.sh
bash .ci/setup-portal.sh
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
