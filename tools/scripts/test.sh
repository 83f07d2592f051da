#!/usr/bin/env bash
# `npm test`: every project's lint and unit tests, then the integration tests against the real
# PostgreSQL and NATS (TEST_PG_ADMIN_URL, TEST_NATS_URL; 127.0.0.1 by default).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/scripts/ensure-deps.sh
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false
rm -rf tmp/jest-results && mkdir -p tmp/jest-results
status=0
run() { echo "› $*"; "$@" || status=1; }
run npx tsc -p tsconfig.json --noEmit
run npx nx run-many -t lint test --parallel=2 --output-style=stream
run npx nx run-many -t integration --parallel=1 --output-style=stream
node tools/scripts/jest-summary.mjs tmp/jest-results || status=1
exit $status
