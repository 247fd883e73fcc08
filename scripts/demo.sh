#!/usr/bin/env bash
# `npm start`: the Bird sandbox plus a real n8n with this package installed the way n8n's own installer
# installs it (from the `npm pack` tarball, packed again when the sources change), the example workflows
# imported and a credential pointing at the sandbox. Node 24 and n8n are installed into ~/.cache on first
# use (about 5 minutes, with progress); later starts take seconds. Ctrl-C stops everything.
# `--queue` (`npm start -- --queue`, `npm run start:queue`): the same demo on n8n's queue mode (Postgres,
# Redis, main, 2 workers, a webhook processor); Postgres and Redis come from Debian's packages on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

n8n_version="$(node -p "require('./scripts/n8n-versions.json').pinned")"
echo "[demo] Node 24 and n8n $n8n_version (installed on first use into ~/.cache/n8n-nodes-bird-conversations)"
bash scripts/ensure-node24.sh >/dev/null
bash scripts/ensure-n8n.sh >/dev/null
if [[ " $* " == *" --queue "* ]]; then
  echo "[demo] queue mode: Postgres and Redis (Debian's packages, installed on first use)"
  bash scripts/ensure-queue-services.sh >/dev/null
fi

# exec: the demo process itself receives Ctrl-C and shuts n8n and the sandbox down. It packs the package
# (npm pack, a clean build) when a source changed since the last pack.
exec bash scripts/with-node24.sh node_modules/ts-node/dist/bin.js --transpile-only scripts/demo.ts "$@"
