#!/usr/bin/env bash
# `npm run up`: brings the whole engine up on this machine and prints the URL. Idempotent: a second run
# reuses what is running. Honours API_PORT, AUTH_JWT_SECRET, BUSINESS_CLOCK, DATABASE_URL, TEMPORAL_ADDRESS
# (when set, the local server is not started) and TRANCHE_DEMO=0 (no demo book).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_dirs
started=$(date +%s)

bash infra/deps.sh
# What the workflows upsert, so the Temporal UI finds deals by owner and status (libs/platform/search-attributes.ts).
TRANCHE_SEARCH_ATTRIBUTES="DealId=Keyword,Owner=Keyword,DealStatus=Keyword,RepId=Keyword,RepStatus=Keyword,Period=Keyword"

if [[ -z ${DATABASE_URL:-} ]]; then
  DATABASE_URL=$(bash infra/postgres.sh ensure)
  log "PostgreSQL ready at ${DATABASE_URL/:tranche@/:***@}"
else
  log "using DATABASE_URL from the environment"
fi
if [[ -z ${TEMPORAL_ADDRESS:-} ]]; then
  bash infra/temporal-cli.sh >/dev/null
  TEMPORAL_ADDRESS=$(TEMPORAL_PORT=7233 TEMPORAL_UI=1 TEMPORAL_SEARCH_ATTRIBUTES="$TRANCHE_SEARCH_ATTRIBUTES" bash infra/temporal-dev.sh start)
  TEMPORAL_UI_URL="http://127.0.0.1:8233"
  log "Temporal dev server ready at $TEMPORAL_ADDRESS (SQLite file .run/temporal.db), Web UI $TEMPORAL_UI_URL"
else
  log "using TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS from the environment"
fi
export DATABASE_URL TEMPORAL_ADDRESS
API_PORT="${API_PORT:-3000}"
export API_PORT

log "applying migrations"
node dist/libs/persistence/migrate.js >&2

# start_service NAME CMD... -- runs CMD in the background with a pid file and log in .run/, unless running.
start_service() {
  local name=$1; shift
  local pidfile="$RUN_DIR/$name.pid"
  if pid=$(pid_alive "$pidfile"); then
    log "$name already running (pid $pid)"
    return 0
  fi
  log "starting $name (log: .run/$name.log)"
  nohup "$@" >>"$RUN_DIR/$name.log" 2>&1 9>&- &
  echo $! >"$pidfile"
}

start_service worker node dist/apps/worker/main.js
start_service api node dist/apps/api/main.js

log "waiting for http://127.0.0.1:$API_PORT/health"
healthy() { node -e "fetch('http://127.0.0.1:$API_PORT/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; }
for _ in $(seq 1 120); do
  if healthy; then break; fi
  if ! pid_alive "$RUN_DIR/api.pid" >/dev/null; then die "the API exited; see .run/api.log: $(tail -5 "$RUN_DIR/api.log")"; fi
  sleep 0.5
done
healthy || die "the API did not become healthy within 60s; see .run/api.log"

if [[ ${TRANCHE_DEMO:-1} != 0 ]]; then
  log "loading the demo book through the API (TRANCHE_DEMO=0 skips it)"
  node dist/infra/demo.js >&2
fi
log "up in $(( $(date +%s) - started ))s; stop with: npm run down"
echo "Tranche API: http://127.0.0.1:$API_PORT   (OpenAPI: http://127.0.0.1:$API_PORT/docs)"
if [[ -f apps/console/dist/index.html ]]; then echo "Console:     http://127.0.0.1:$API_PORT/console/"; fi
if [[ -n ${TEMPORAL_UI_URL:-} ]]; then echo "Temporal UI: $TEMPORAL_UI_URL"; fi
