#!/usr/bin/env bash
# Installs Debian's Chromium for the browser check (test/e2e/editor-screenshot.test.ts) when it is
# missing. Playwright drives it through executablePath; no browser is ever downloaded by a test tool.
set -euo pipefail
# BIRD_CHROMIUM: another Chromium-based browser already installed (CI: the runner's Google Chrome).
CHROMIUM="${BIRD_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ -n "${BIRD_CHROMIUM:-}" ]; then echo "[setup] BIRD_CHROMIUM=$BIRD_CHROMIUM is not an executable" >&2; exit 1; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "[setup] installing Debian's chromium (first run only) ..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium >/tmp/ensure-chromium.log 2>&1; then
  # A fresh machine may have no package lists yet.
  $SUDO apt-get update -qq >>/tmp/ensure-chromium.log 2>&1
  $SUDO apt-get install -y -qq --no-install-recommends chromium >>/tmp/ensure-chromium.log 2>&1 || {
    echo "[setup] chromium install failed; last lines of /tmp/ensure-chromium.log:" >&2
    tail -n 20 /tmp/ensure-chromium.log >&2
    exit 1
  }
fi
"$CHROMIUM" --version 2>/dev/null >&2 || true
