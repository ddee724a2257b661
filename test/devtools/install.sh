#!/usr/bin/env bash
# Installs the Redux DevTools server (@redux-devtools/cli 4.0.3), socketcluster-client and
# puppeteer-core as package-lock.json pins them, without install scripts (electron's
# would download a binary), then builds sqlite3's native binding offline against node's
# own headers. Once per machine: a second run returns at once while package-lock.json
# is unchanged. Without node, it says so and does nothing (the devtools tests skip).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "devtools: node/npm not found: the devtools tests will be skipped"
  exit 0
fi
stamp=node_modules/.nanoflux-installed
want="$(sha256sum package-lock.json | cut -d' ' -f1) $(node --version)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "devtools: npm ci (@redux-devtools/cli 4.0.3, socketcluster-client, puppeteer-core), then sqlite3's binding"
rm -f "$stamp"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
nodedir=/usr
[ -f /usr/include/node/node.h ] || nodedir=$(dirname "$(dirname "$(command -v node)")")
(cd node_modules/sqlite3 && npx --no-install node-gyp rebuild --nodedir="$nodedir" -j "$(nproc)" >/dev/null)
echo "$want" >"$stamp"
