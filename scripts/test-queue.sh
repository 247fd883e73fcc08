#!/usr/bin/env bash
# `npm run test:queue`: the queue-mode e2e suite (test/queue/), also run by `npm test`. Installs what it
# needs on first use (Node 24, the pinned n8n, Debian's postgresql and redis-server) and builds the package.
# --forceExit: see test-all.sh (a start-up that outlived beforeAll must not keep jest waiting; n8n
# processes are killed on exit). Extra arguments go to jest, e.g. `npm run test:queue -- -t burst`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node24.sh >/dev/null
bash scripts/ensure-n8n.sh >/dev/null
bash scripts/ensure-queue-services.sh >/dev/null
if [ ! -f dist/nodes/BirdConversations/BirdConversations.node.js ]; then npm run build >/dev/null; fi
exec bash scripts/with-node24.sh node_modules/jest/bin/jest.js --selectProjects queue --runInBand --forceExit "$@"
