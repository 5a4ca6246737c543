#!/usr/bin/env bash
# Installs PostgreSQL 15 from Debian for the PostgreSQL store, Quartz clustering and cluster tests. Installs only:
# the tests start their own throwaway cluster (initdb in a temporary directory, a free loopback port, run as the
# `postgres` system user the package creates) and delete it afterwards; no system service is started or used.
# Idempotent, quiet, no input.
set -euo pipefail

if [ -x /usr/lib/postgresql/15/bin/initdb ] && getent passwd postgres >/dev/null; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo -n)
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
run() { "$@" >>"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; exit 1; }; }
# policy-rc.d keeps the package's postinst from starting the system's own cluster.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
  "${sudo_cmd[@]}" chmod +x "$policy"
  created_policy=1
fi
trap '[ "$created_policy" -eq 1 ] && "${sudo_cmd[@]}" rm -f "$policy"; rm -f "$log"' EXIT
run "${sudo_cmd[@]}" apt-get update -qq
run "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-client-15 </dev/null
