#!/usr/bin/env bash
# Ensure the Temporal CLI (which embeds the dev server) exists at
# $ROOT/.cache/bin/temporal. Prints that path as the last line of stdout.
#
# Order of preference:
#   1. $ROOT/.cache/bin/temporal already there (and built from the pinned version)
#   2. copy of $HOME/.cache/tranche/bin/temporal (machine-wide cache, shared by clones)
#   3. `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` (~3 min on 2 cores)
#      -- v1.6+ refuse `go install` because of replace directives.
# After a build the binary is also copied to the machine-wide cache.
#
# Env: TEMPORAL_CLI_VERSION (default v1.5.1), TRANCHE_SHARED_CACHE (default ~/.cache/tranche)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
CLI_MODULE="github.com/temporalio/cli"
TARGET="$BIN_DIR/temporal"
SHARED="$SHARED_CACHE_DIR/bin/temporal"

# usable BIN -- true when BIN runs and (if `go` can tell) was built from the pinned version.
usable() {
  local bin=$1
  [[ -x $bin ]] || return 1
  "$bin" --version >/dev/null 2>&1 || return 1
  if command -v go >/dev/null 2>&1; then
    local v
    v=$(go version -m "$bin" 2>/dev/null | awk -v m="$CLI_MODULE" '$1 == "mod" && $2 == m { print $3 }')
    if [[ -n $v && $v != "$TEMPORAL_CLI_VERSION" ]]; then
      log "$bin was built from $CLI_MODULE $v, want $TEMPORAL_CLI_VERSION"
      return 1
    fi
  fi
}

copy_atomic() { # SRC DST
  mkdir -p "$(dirname "$2")"
  cp "$1" "$2.tmp.$$"
  chmod 755 "$2.tmp.$$"
  mv -f "$2.tmp.$$" "$2"
}

ensure_cli() {
  if usable "$TARGET"; then
    log "temporal CLI present: $TARGET ($("$TARGET" --version 2>/dev/null | head -1))"
  elif usable "$SHARED"; then
    log "copying temporal CLI from machine cache $SHARED"
    copy_atomic "$SHARED" "$TARGET"
  else
    need_cmd go "install Go (https://go.dev/dl or 'apt-get install golang-go' if >= 1.23) to build the Temporal CLI"
    if pgrep -f "go install ${CLI_MODULE}/cmd/temporal" >/dev/null 2>&1; then
      log "note: another 'go install ${CLI_MODULE}/cmd/temporal' is running on this machine; building anyway into $BIN_DIR"
    fi
    log "building temporal CLI: GOBIN=$BIN_DIR go install ${CLI_MODULE}/cmd/temporal@${TEMPORAL_CLI_VERSION} (takes a few minutes)"
    local t0 out
    t0=$(now_ms)
    out="$RUN_DIR/go-install-temporal.log"
    mkdir -p "$RUN_DIR"
    if ! GOBIN="$BIN_DIR" GOFLAGS="${GOFLAGS:--buildvcs=false}" \
        go install "${CLI_MODULE}/cmd/temporal@${TEMPORAL_CLI_VERSION}" >"$out" 2>&1; then
      tail -n 30 "$out" >&2
      die "go install ${CLI_MODULE}/cmd/temporal@${TEMPORAL_CLI_VERSION} failed (full log: $out). Is the Go module proxy reachable (GOPROXY=$(go env GOPROXY))?"
    fi
    usable "$TARGET" || die "go install finished but $TARGET is missing or does not run"
    log "built in $(( ($(now_ms) - t0) / 1000 ))s"
  fi
  if ! usable "$SHARED"; then
    if copy_atomic "$TARGET" "$SHARED" 2>/dev/null; then
      log "saved a copy to machine cache $SHARED"
    else
      warn "could not copy to machine cache $SHARED (continuing)"
    fi
  fi
}

ensure_dirs
with_lock temporal-cli ensure_cli
echo "$TARGET"
