#!/usr/bin/env bash
# `npm start`: the Bird sandbox plus a real n8n with this package loaded, the example workflows imported
# and a credential pointing at the sandbox. Node 24 and n8n are installed into ~/.cache on first use
# (about 5 minutes, with progress); later starts take seconds. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "[demo] Node 24 and n8n 2.41.1 (installed on first use into ~/.cache/n8n-nodes-bird-conversations)"
bash scripts/ensure-node24.sh >/dev/null
bash scripts/ensure-n8n.sh >/dev/null

echo "[demo] building the package"
build_log="$(mktemp)"
if ! npm run build >"$build_log" 2>&1; then
  cat "$build_log"
  rm -f "$build_log"
  echo "[demo] build failed" >&2
  exit 1
fi
rm -f "$build_log"

# exec: the demo process itself receives Ctrl-C and shuts n8n and the sandbox down.
exec bash scripts/with-node24.sh node_modules/ts-node/dist/bin.js --transpile-only scripts/demo.ts
