#!/usr/bin/env bash
# The Redux DevTools web UI in headless Chromium against the example application; also
# run by CTest (devtools.browser). Refreshes the README's screenshot:
#   test/devtools/browser_check.sh build/gcc/examples/devtools/devtools_todo doc/devtools.png
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/install.sh"
exec node "$here/browser_check.mjs" "$@"
