#!/usr/bin/env bash
# Installs npm nanoflux@1.1.1 into bench/js/node_modules (not committed) and runs its
# perf scenario on node. Needs node and npm (Debian: nodejs npm).
#   bench/js/run.sh [--json]
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/nanoflux/package.json ] || ! grep -q '"version": "1.1.1"' node_modules/nanoflux/package.json; then
  npm install --no-audit --no-fund --loglevel=error >&2
fi
node perf.js "$@"
