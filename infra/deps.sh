#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than package-lock.json, then compiles; the same
# for the web console (apps/console: npm ci, vite build when its sources changed), and Chromium when it is missing.
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

# The web console (apps/console): its own package and lock file, a Vite build served by the API at /console.
CONSOLE=apps/console
if [[ ! -d $CONSOLE/node_modules || $CONSOLE/package-lock.json -nt $CONSOLE/node_modules/.package-lock.json ]]; then
  log "installing the console's npm dependencies (cd apps/console && npm install, from its lock file)"
  # Not `npm ci`: Vite 8 lists a Windows-only optional package the registry does not serve, which the lock cannot
  # hold, and `npm ci` refuses a lock without it; `npm install` keeps the locked versions and skips it.
  (cd "$CONSOLE" && npm install --no-audit --no-fund --loglevel=error) >&2
else
  log "console npm dependencies are up to date"
fi
if [[ ! -f $CONSOLE/dist/index.html || -n $(find "$CONSOLE/src" "$CONSOLE/index.html" "$CONSOLE/vite.config.ts" "$CONSOLE/package-lock.json" -newer "$CONSOLE/dist/index.html" -print -quit) ]]; then
  log "building the console (vite build into apps/console/dist)"
  (cd "$CONSOLE" && npx --no-install tsc -p tsconfig.json --noEmit && npx --no-install vite build --logLevel warn) >&2
else
  log "the console build is up to date"
fi
# Debian's Chromium for the browser tests (Playwright drives it; no browser can be downloaded here).
if [[ ! -x /usr/bin/chromium ]]; then
  log "installing Chromium for the console's browser tests (apt-get install -y chromium; about 2 minutes the first time)"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2 || warn "could not install chromium: the browser tests will fail"
fi
