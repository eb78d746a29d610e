#!/usr/bin/env bash
# `npm run up`: brings the whole engine up on this machine and prints the URL. Idempotent: a second run
# reuses what is running. Honours API_PORT, AUTH_JWT_SECRET, BUSINESS_CLOCK, DATABASE_URL, TEMPORAL_ADDRESS
# (when set, the local server is not started), OIDC_ISSUER/OIDC_CLIENT_ID/OIDC_CLIENT_SECRET (when set, the local
# OpenID provider is not started), OIDC_PORT (default 9400), AUTH_DEV_SECRET and TRANCHE_DEMO=0 (no demo book).
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

# Sign-in: the local OpenID provider (infra/oidc/provider.mjs, demo users in infra/oidc/demo-users.json) unless one
# is configured, and the persona picker (AUTH_DEV_SECRET) for local use.
if [[ -z ${OIDC_ISSUER:-} ]]; then
  OIDC_PORT="${OIDC_PORT:-9400}"
  OIDC_ISSUER="http://127.0.0.1:$OIDC_PORT"
  OIDC_CLIENT_ID=tranche-console
  OIDC_CLIENT_SECRET="${OIDC_CLIENT_SECRET:-tranche-console-dev-secret}"
  AUTH_DEV_SECRET="${AUTH_DEV_SECRET:-tranche-local-personas}"
  LOCAL_OIDC=1
  start_service oidc env OIDC_PORT="$OIDC_PORT" OIDC_CLIENT_SECRET="$OIDC_CLIENT_SECRET" \
    OIDC_REDIRECT_URIS="http://127.0.0.1:$API_PORT/auth/callback,http://localhost:$API_PORT/auth/callback" node infra/oidc/provider.mjs
  oidc_ready() { node -e "fetch('$OIDC_ISSUER/.well-known/openid-configuration').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; }
  wait_until 20 oidc_ready || die "the OpenID provider did not answer at $OIDC_ISSUER within 20s; see .run/oidc.log"
  log "OpenID provider ready at $OIDC_ISSUER"
fi
export OIDC_ISSUER OIDC_CLIENT_ID OIDC_CLIENT_SECRET
if [[ -n ${AUTH_DEV_SECRET:-} ]]; then export AUTH_DEV_SECRET; fi

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
if [[ -n ${LOCAL_OIDC:-} ]]; then
  echo "Sign-in: local OpenID provider $OIDC_ISSUER; demo users (username / password / roles):"
  node -e 'for (const u of require("./infra/oidc/demo-users.json").users) console.log(`  ${u.username.padEnd(14)} ${u.password.padEnd(20)} ${u.roles.join(", ")}`)'
fi
