#!/usr/bin/env bash
# Makes sure Postgres and Redis are installed for n8n's queue mode (scripts/lib/n8n/queue.ts), from
# Debian's packages on first use: `postgresql` and `redis-server`, non-interactive, `apt-get update` only
# when a package is missing and the package lists are absent or cannot find it. Nothing is started and
# no system service is enabled here: the queue stack runs its own Postgres and Redis on loopback ports
# with temporary data. Needs root (or sudo) only when something must be installed.
#
# Prints two lines on stdout for the caller:
#   pg_bin=<folder with initdb, pg_ctl and postgres>
#   redis_server=<path of redis-server>
# Progress goes to stderr. Several callers at once are serialised by a lock.
set -euo pipefail

log() { echo "[queue-services] $*" >&2; }

find_pg_bin() {
  local dir
  # Newest installed major first (Debian: /usr/lib/postgresql/<major>/bin).
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

find_redis() { command -v redis-server 2>/dev/null || { [ -x /usr/bin/redis-server ] && echo /usr/bin/redis-server; }; }

missing_packages() {
  local missing=()
  find_pg_bin >/dev/null || missing+=(postgresql)
  find_redis >/dev/null || missing+=(redis-server)
  echo "${missing[@]:-}"
}

install_packages() {
  local as_root=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { log "need root to install: $*"; exit 1; }
    as_root=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Package lists are absent on a fresh machine; update then, or when the install cannot find a package.
  if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then
    log "apt-get update"
    "${as_root[@]}" apt-get update -qq >&2
  fi
  log "apt-get install $* (first use, about 30 s)"
  # policy-rc.d 101: Debian's maintainer scripts must not start the system-wide services.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
    "${as_root[@]}" chmod +x "$policy"
    created_policy=1
  fi
  local ok=0
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "$@" >&2 && ok=1
  if [ "$ok" = 0 ]; then
    log "install failed; apt-get update and one more try"
    "${as_root[@]}" apt-get update -qq >&2
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends "$@" >&2 && ok=1
  fi
  if [ "$created_policy" = 1 ]; then "${as_root[@]}" rm -f "$policy"; fi
  [ "$ok" = 1 ] || { log "could not install $*"; exit 1; }
}

if [ -n "$(missing_packages)" ]; then
  lock="${TMPDIR:-/tmp}/n8n-nodes-bird-conversations-queue-services.lock"
  exec 9>"$lock"
  flock 9
  # Another caller may have installed them while this one waited.
  missing="$(missing_packages)"
  # shellcheck disable=SC2086 # word splitting wanted: one argument per package
  if [ -n "$missing" ]; then install_packages $missing; fi
  flock -u 9
fi

pg_bin="$(find_pg_bin)" || { log "postgres binaries not found after install"; exit 1; }
redis_server="$(find_redis)" || { log "redis-server not found after install"; exit 1; }
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  log "user postgres is missing (Postgres refuses to run as root)"
  exit 1
fi
echo "pg_bin=$pg_bin"
echo "redis_server=$redis_server"
