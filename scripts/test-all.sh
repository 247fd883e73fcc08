#!/usr/bin/env bash
# The README's test command (`npm test`), and what .ci/run runs after `npm install`.
# Build, type-check, lint (code, GitHub workflows, release metadata) and scan, then the unit and sandbox
# suites, then the end-to-end suite against real n8n installs (the pinned 2.41.x and the newest 1.123.x,
# scripts/n8n-versions.json), then the queue-mode suite (scripts/test-queue.sh). Everything it needs (Node 24, both n8n, Chromium) is installed on first use.
# It ends with one line "N passed, N failed" totalled over every suite.
set -uo pipefail
cd "$(dirname "$0")/.."
RESULTS_DIR="$(mktemp -d)"
status=0
step() { echo; echo "=== $* ==="; }
fail() { echo "FAILED: $*"; status=1; }

step "Node 24"
NODE24="$(bash scripts/ensure-node24.sh)" || { echo "could not install Node 24"; exit 1; }
"$NODE24" --version

step "build"
npm run build:clean || fail "build"

step "type-check tests and sandbox"
bash scripts/with-node24.sh node_modules/typescript/bin/tsc -p tsconfig.test.json || fail "type-check"

step "lint"
npm run lint || fail "lint"

step "format (Prettier)"
npm run format:check || fail "format: run npm run format"

step "GitHub workflows (actionlint, release rules) and release metadata"
npm run lint:workflows || fail "workflows"
npm run check:release || fail "release metadata"

if [ -f scripts/scan.mjs ]; then
  step "n8n verification scanner"
  npm run scan || fail "scan"
fi

step "unit and sandbox tests"
bash scripts/with-node24.sh node_modules/jest/bin/jest.js --selectProjects unit sandbox \
  --json --outputFile="$RESULTS_DIR/unit.json" || fail "unit/sandbox tests"

if [ "${SKIP_E2E:-}" != "1" ] && ls test/e2e/*.test.ts >/dev/null 2>&1; then
  step "end-to-end tests (real n8n)"
  bash scripts/ensure-n8n.sh >/dev/null || fail "n8n install"
  # The newest n8n 1.123.x for the compatibility smoke (test/e2e/compat-n8n1.test.ts).
  bash scripts/ensure-n8n.sh compat >/dev/null || fail "n8n 1.x install"
  if [ -f scripts/ensure-chromium.sh ]; then bash scripts/ensure-chromium.sh || fail "chromium install"; fi
  # --forceExit: an n8n whose start outlived its beforeAll's timeout is never handed to afterAll and would
  # keep jest (and CI) waiting; on exit scripts/lib/n8n/process.ts kills every n8n process group it started.
  bash scripts/with-node24.sh node_modules/jest/bin/jest.js --selectProjects e2e --runInBand --forceExit \
    --json --outputFile="$RESULTS_DIR/e2e.json" || fail "e2e tests"
fi

if [ "${SKIP_QUEUE:-}" != "1" ] && ls test/queue/*.test.ts >/dev/null 2>&1; then
  step "queue-mode tests (n8n main + workers + webhook processor, Postgres, Redis)"
  bash scripts/test-queue.sh --json --outputFile="$RESULTS_DIR/queue.json" || fail "queue tests"
fi

step "summary"
node scripts/summarize-results.js "$RESULTS_DIR"/*.json || status=1
exit $status
