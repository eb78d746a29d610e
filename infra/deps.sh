#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than package-lock.json, then compiles.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
need_cmd node "install Node.js 20 (apt-get install -y nodejs npm)"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing npm dependencies (npm ci)"
  # npm 11 with omit-lockfile-registry-resolved (set on these machines) leaves other platforms' optional packages
  # (@swc/core-darwin-*...) out of the lock file, and `npm ci` then refuses it; `npm install` keeps the locked versions.
  ensure_dirs
  if ! npm ci --no-audit --no-fund --loglevel=error >"$RUN_DIR/npm-ci.log" 2>&1; then
    log "npm ci refused the lock file (see .run/npm-ci.log); installing with npm install (locked versions kept)"
    npm install --no-audit --no-fund --loglevel=error >&2
  fi
else
  log "npm dependencies are up to date"
fi
log "compiling TypeScript (tsc -p tsconfig.build.json)"
npx --no-install tsc -p tsconfig.build.json >&2
