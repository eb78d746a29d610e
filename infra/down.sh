#!/usr/bin/env bash
# `npm run down`: stops the API, the worker and the local OpenID provider, then the Temporal dev server and PostgreSQL. Data stays on disk.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
for name in api worker oidc; do
  if pid=$(pid_alive "$RUN_DIR/$name.pid"); then kill_pid "$pid" "$name" 30; fi
  rm -f "$RUN_DIR/$name.pid"
done
TEMPORAL_PORT=7233 bash infra/temporal-dev.sh stop || true
bash infra/postgres.sh stop || true
