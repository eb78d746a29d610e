#!/usr/bin/env bash
# `npm test`: installs what is missing, starts PostgreSQL, a throw-away Temporal dev server (one namespace per
# e2e file) and the time-skipping test server, then runs every jest project: unit, integration, replay,
# workflow, e2e. Extra arguments go to jest (e.g. `npm test -- --selectProjects unit`).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_dirs
started=$(date +%s)

bash infra/deps.sh
node infra/check-domain-purity.js
node infra/check-shape.js
npx --no-install tsc -p tsconfig.json --noEmit >&2
node apps/console/scripts/api-types.mjs --check

PG_URL=$(bash infra/postgres.sh ensure)
bash infra/temporal-cli.sh >/dev/null
TEST_SERVER=$(bash infra/test-server.sh)

TEST_PORT="${TEST_TEMPORAL_PORT:-7244}"
namespaces=$(for f in tests/e2e/*.test.ts; do b=$(basename "$f" .test.ts); printf 'e2e-%s,' "$b"; done)
export TEMPORAL_PORT="$TEST_PORT" TEMPORAL_DB="$RUN_DIR/test-temporal-$TEST_PORT.db"
bash infra/temporal-dev.sh stop >/dev/null 2>&1 || true
rm -f "$RUN_DIR/test-temporal-$TEST_PORT.db"*
# The search attributes the workflows upsert (libs/platform/search-attributes.ts), on every e2e namespace.
TEMPORAL_SEARCH_ATTRIBUTES="DealId=Keyword,Owner=Keyword,DealStatus=Keyword,RepId=Keyword,RepStatus=Keyword,Period=Keyword" \
  TEMPORAL_NAMESPACES="${namespaces%,}" bash infra/temporal-dev.sh start >/dev/null
cleanup() { TEMPORAL_PORT="$TEST_PORT" bash infra/temporal-dev.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
unset TEMPORAL_PORT TEMPORAL_DB

export TEST_TEMPORAL_ADDRESS="127.0.0.1:$TEST_PORT"
export TEST_DATABASE_URL="${PG_URL%/*}/tranche_test"
export TEST_TIME_SKIPPING_SERVER="$TEST_SERVER"
export TEST_WORKFLOW_BUNDLE="${TEST_WORKFLOW_BUNDLE:-$CACHE_DIR/test-workflow-bundle-$TEST_PORT.js}"
log "running jest (unit, integration, replay, workflow, e2e)"
set +e
npx --no-install jest --runInBand --json --outputFile="$RUN_DIR/jest-results-$TEST_PORT.json" "$@"
status=$?
set -e
node -e '
  const r = require(process.argv[1]);
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
' "$RUN_DIR/jest-results-$TEST_PORT.json" || true

# The console's browser tests (Playwright on Debian's Chromium) against a whole stack of their own: fresh database,
# Temporal dev server, worker, API serving the built console, the local OpenID provider, the demo book. They run on a
# full `npm test` (no jest arguments) or with TRANCHE_BROWSER_TESTS=1; TRANCHE_BROWSER_TESTS=0 skips them.
if [[ ${TRANCHE_BROWSER_TESTS:-$([[ $# -eq 0 ]] && echo 1 || echo 0)} == 1 ]]; then
  log "running the console's browser tests (Playwright on /usr/bin/chromium; stack logs in .run/stack-console-*.log)"
  rm -f apps/console/test-results/results.json
  set +e
  node dist/infra/console-stack.js run -- bash -c 'cd apps/console && npx --no-install playwright test'
  browser_status=$?
  set -e
  node -e '
    const r = require(process.argv[1]).stats;
    console.log(`browser tests: ${r.expected} passed, ${r.unexpected} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`);
  ' "$ROOT/apps/console/test-results/results.json" || echo "browser tests: no results (see above)"
  if [[ $browser_status -ne 0 && $status -eq 0 ]]; then status=$browser_status; fi
fi
log "finished in $(( $(date +%s) - started ))s"
exit "$status"
