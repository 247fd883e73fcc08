#!/usr/bin/env bash
# Prints the path of an n8n's bin/n8n, installing it on first use into a cache folder outside the
# clone (reused by later runs, the demo, e2e tests and benchmarks).
# Usage: scripts/ensure-n8n.sh [pinned|compat|<version>]   (default: pinned; N8N_VERSION overrides pinned)
# The versions live in scripts/n8n-versions.json. n8n's own npm install: https://docs.n8n.io/hosting/installation/npm/
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
which_one="${1:-pinned}"
case "$which_one" in
  pinned) N8N_VERSION="${N8N_VERSION:-$(node -p "require('$HERE/n8n-versions.json').pinned")}" ;;
  compat) N8N_VERSION="$(node -p "require('$HERE/n8n-versions.json').compat")" ;;
  *) N8N_VERSION="$which_one" ;;
esac
CACHE_ROOT="${BIRD_CACHE_DIR:-$HOME/.cache/n8n-nodes-bird-conversations}"
N8N_DIR="$CACHE_ROOT/n8n-$N8N_VERSION"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
NODE24="$(bash "$HERE/ensure-node24.sh")"
NODE24_DIR="$(dirname "$(dirname "$NODE24")")"

# n8n 1.x depends on xlsx as a tarball from SheetJS's CDN, which only the npm registry can replace here.
overrides=""
case "$N8N_VERSION" in 1.*) overrides='"overrides": { "xlsx": "0.18.5" },' ;; esac

# Callers at once (parallel test runs, a demo, the bench) must not run two npm installs into one folder:
# they clobber each other's node_modules (ENOENT on rename). The first installs, the others wait for it.
if [ ! -f "$N8N_DIR/.installed" ]; then
  mkdir -p "$CACHE_ROOT"
  exec 9>"$N8N_DIR.lock"
  flock 9
fi
if [ ! -f "$N8N_DIR/.installed" ]; then
  mkdir -p "$N8N_DIR"
  # allowScripts: deny the builds that download from the internet (and make npm roll back
  # the whole install); allow the native addons n8n needs.
  cat > "$N8N_DIR/package.json" <<JSON
{
  "name": "bird-n8n-runtime",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  $overrides
  "allowScripts": {
    "@confluentinc/kafka-javascript": false,
    "agent-browser": false,
    "oracledb": false,
    "@scarf/scarf": false,
    "sqlite3": true,
    "isolated-vm": true,
    "@parcel/watcher": true,
    "protobufjs": true,
    "msgpackr-extract": true,
    "ssh2": true,
    "cpu-features": true,
    "@sentry/node-native-stacktrace": true,
    "@sentry/node-cpu-profiler": true,
    "vue-demi": true
  }
}
JSON
  echo "[setup] installing n8n@$N8N_VERSION on Node 24 into $N8N_DIR (first run only, about 5 minutes) ..." >&2
  (
    cd "$N8N_DIR"
    export PATH="$(dirname "$NODE24"):$PATH"
    export npm_config_nodedir="$NODE24_DIR"
    # A progress dot every 15 s so a long first install does not look hung.
    ( while sleep 15; do printf '.' >&2; done ) & ticker=$!
    trap 'kill $ticker 2>/dev/null || true' EXIT
    npm install --no-audit --no-fund --loglevel=error >"$N8N_DIR/install.log" 2>&1 || {
      echo "[setup] n8n install failed; last lines of $N8N_DIR/install.log:" >&2
      tail -n 30 "$N8N_DIR/install.log" >&2
      exit 1
    }
    echo >&2
  )
  touch "$N8N_DIR/.installed"
fi
echo "$N8N_BIN"
