#!/usr/bin/env bash
# Runs a JavaScript file under Node 24 (installed on first use by ensure-node24.sh).
# Usage: scripts/with-node24.sh <script.js> [args...]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
NODE24="$(bash "$HERE/ensure-node24.sh")"
NODE24_DIR="$(dirname "$(dirname "$NODE24")")"
export PATH="$(dirname "$NODE24"):$PATH"
export npm_config_nodedir="$NODE24_DIR"
exec "$NODE24" "$@"
