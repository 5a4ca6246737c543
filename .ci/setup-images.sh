#!/usr/bin/env bash
# Installs what the Images tests and benchmark need: IIPImage (iipsrv, FastCGI), nginx in front of it, wrk,
# the vips command line to make pyramid TIFFs, and the Python packages the official IIIF image validator
# (../shared/tools/iiif-image-validator) needs on Debian's python3. Installs only; starts nothing. Idempotent and quiet.
set -euo pipefail

# wrk: the load client of the Images benchmark (the tests do not need it).
packages=(iipimage-server nginx libvips-tools wrk python3 python3-pil python3-lxml python3-bottle python3-magic)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo -n)
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
# Quiet on success; on failure the log says why.
run() { "$@" >>"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; exit 1; }; }
run "${sudo_cmd[@]}" apt-get update -qq
# policy-rc.d keeps the packages' postinst from starting system daemons (nginx, apache for iipsrv):
# the tests start their own on free loopback ports and stop them afterwards.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
  "${sudo_cmd[@]}" chmod +x "$policy"
  created_policy=1
fi
trap '[ "$created_policy" -eq 1 ] && "${sudo_cmd[@]}" rm -f "$policy"; rm -f "$log"' EXIT
run "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
