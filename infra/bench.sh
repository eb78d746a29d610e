#!/usr/bin/env bash
# `npm run bench [-- --quick]`: throughput, latency, scale and long-deal figures of the real engine on a stack of its
# own (Temporal dev server :7600, API :3600, database tranche_bench in the local PostgreSQL); prints a table.
# Not a test: it reports figures against targets. Flags (after `--`): --quick (1,000 deals / 50 reps / 300 enrollment
# events), --deals=N --reps=N --enrollments=N --rounds=N --clients=N --reads=N --approves=N --forecast-reads=N --cold-forecast-reads=N
# --lifecycle-deals=N --lifecycle-rounds=N --create-concurrency=N --open-rate=N --only=lifecycle,latency,long,scale --keep,
# --json FILE (every row of the table, with its numbers, also written to FILE as JSON). See docs/PERFORMANCE.md.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_dirs
started=$(date +%s)

bash infra/deps.sh
PG_URL=$(bash infra/postgres.sh ensure)
bash infra/temporal-cli.sh >/dev/null
# The stack makes its database next to tranche_test (tests/support/processes.ts reads TEST_DATABASE_URL).
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-${PG_URL%/*}/tranche_test}"

set +e
node dist/tests/bench/bench.js "$@"
status=$?
set -e
log "finished in $(( $(date +%s) - started ))s"
exit "$status"
