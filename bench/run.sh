#!/usr/bin/env bash
# `npm run bench`: installs Node 24 and n8n 2.41.1 on first use (like npm start), builds the package,
# then runs bench/run.ts. Arguments go to run.ts, e.g. `npm run bench -- --runs 5 --only send`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node24.sh >/dev/null
bash scripts/ensure-n8n.sh >/dev/null
echo "[bench] building the package"
build_log="$(mktemp)"
if ! npm run build >"$build_log" 2>&1; then cat "$build_log"; rm -f "$build_log"; exit 1; fi
rm -f "$build_log"
exec bash scripts/with-node24.sh node_modules/ts-node/dist/bin.js --transpile-only bench/run.ts "$@"
