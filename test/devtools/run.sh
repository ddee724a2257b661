#!/usr/bin/env bash
# Runs one node test of the devtools bridge: run.sh <test.mjs> <devtools_todo binary>.
# Exit 77 (CTest: skipped) with a message when node or the npm packages are missing.
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null; then
  echo "devtools: SKIPPED: node is not installed (the Redux DevTools server is a node program)"
  exit 77
fi
if [ ! -f "$here/node_modules/.nanoflux-installed" ]; then
  echo "devtools: SKIPPED: run test/devtools/install.sh first (./nf test does): it installs @redux-devtools/cli 4.0.3"
  exit 77
fi
exec node "$here/$1" "$2"
