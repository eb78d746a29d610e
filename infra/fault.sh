#!/usr/bin/env bash
# `npm run test:fault`: worker crash, Temporal restart, a 30 s PostgreSQL outage and scale-out, each in the middle of a
# burst of 200 approvals, then a departure recorded mid-burst and a period close racing approvals, on a stack of its
# own (PostgreSQL :55532, Temporal :7500, API :3500); prints a table. FAULT_SCENARIOS=a,b runs only the named ones.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
bash infra/deps.sh
bash infra/temporal-cli.sh >/dev/null
node dist/tests/fault/fault-suite.js
