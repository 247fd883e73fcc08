#!/usr/bin/env bash
# `npm run test:published -- <name>@<version>`: after a release (.github/workflows/publish.yml), installs
# the published version the way n8n's installer does (npm pack from the registry, extract, strip peer
# dependencies, npm install --ignore-scripts), starts n8n and checks that both nodes, the credential and
# the Tool variant load and that an operation runs: test/e2e/install-n8n-installer.test.ts on that version.
set -euo pipefail
cd "$(dirname "$0")/.."
spec="${1:?usage: npm run test:published -- <name>@<version>}"
bash scripts/ensure-n8n.sh >/dev/null
BIRD_PACKAGE_SPEC="$spec" exec bash scripts/with-node24.sh node_modules/jest/bin/jest.js \
  --selectProjects e2e --runInBand test/e2e/install-n8n-installer.test.ts
