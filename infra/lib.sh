# shellcheck shell=bash
# Shared helpers for the infra/*.sh scripts. Source it, do not execute it:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Conventions:
#   - every human-readable message goes to stderr, prefixed "[infra]";
#   - stdout is reserved for the script's result (a path, an address, a URL),
#     so callers can do  ADDR=$(bash infra/temporal-dev.sh start).
#   - caches live in $ROOT/.cache, runtime state (pids, logs, dbs) in $ROOT/.run;
#     both are git-ignored.

set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$INFRA_DIR/.." && pwd -P)"
CACHE_DIR="$ROOT/.cache"
RUN_DIR="$ROOT/.run"
BIN_DIR="$CACHE_DIR/bin"
# Machine-wide cache shared by every clone of the repo (speeds up fresh clones).
SHARED_CACHE_DIR="${TRANCHE_SHARED_CACHE:-${HOME:-/root}/.cache/tranche}"
export ROOT CACHE_DIR RUN_DIR BIN_DIR SHARED_CACHE_DIR

INFRA_SCRIPT="$(basename "${BASH_SOURCE[1]:-${0}}" .sh)"

log() { printf '[infra] %s: %s\n' "$INFRA_SCRIPT" "$*" >&2; }
warn() { printf '[infra] %s: WARNING: %s\n' "$INFRA_SCRIPT" "$*" >&2; }
die() { printf '[infra] %s: ERROR: %s\n' "$INFRA_SCRIPT" "$*" >&2; exit 1; }

# need_cmd CMD [HINT] -- fail with a clear message when CMD is not on PATH.
need_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "required command '$1' not found on PATH${2:+ -- $2}"
}

ensure_dirs() { mkdir -p "$CACHE_DIR" "$RUN_DIR" "$BIN_DIR"; }

# now_ms -- wall clock in milliseconds (for timings in log lines).
now_ms() { date +%s%3N; }

# port_open HOST PORT -- true when a TCP connect to HOST:PORT succeeds.
port_open() {
  # shellcheck disable=SC2016  # $1/$2 are expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" >/dev/null 2>&1
}

# wait_for_port HOST PORT TIMEOUT_S [PID] -- wait until HOST:PORT accepts TCP
# connections. If PID is given, fail early when that process dies.
wait_for_port() {
  local host=$1 port=$2 timeout_s=$3 pid=${4:-}
  local deadline=$(( $(date +%s) + timeout_s ))
  while ! port_open "$host" "$port"; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      log "process $pid exited before $host:$port accepted connections"
      return 1
    fi
    if (( $(date +%s) >= deadline )); then
      log "timed out after ${timeout_s}s waiting for $host:$port"
      return 1
    fi
    sleep 0.2
  done
}

# wait_until TIMEOUT_S CMD... -- retry CMD every 0.5s until it succeeds.
wait_until() {
  local timeout_s=$1; shift
  local deadline=$(( $(date +%s) + timeout_s ))
  until "$@" >/dev/null 2>&1; do
    if (( $(date +%s) >= deadline )); then return 1; fi
    sleep 0.5
  done
}

# free_port -- print a TCP port on 127.0.0.1 that nothing listens on, below the kernel's ephemeral range: any port in
# that range may be the local end of an outgoing connection, and a server binding it then fails "Address already in
# use" although nothing listens there.
free_port() {
  local p i first hi=32767
  if read -r first _ 2>/dev/null </proc/sys/net/ipv4/ip_local_port_range && (( first > 21000 )); then hi=$(( first - 1 )); fi
  for i in $(seq 1 200); do
    p=$(( 20000 + RANDOM % (hi - 20000 + 1) ))
    if ! port_open 127.0.0.1 "$p"; then echo "$p"; return 0; fi
  done
  die "could not find a free TCP port"
}

# pid_alive PIDFILE -- true when PIDFILE names a live process (prints its pid).
pid_alive() {
  local f=$1 pid
  [[ -s $f ]] || return 1
  pid=$(<"$f")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# kill_pid PID NAME [GRACE_S] -- SIGTERM, wait up to GRACE_S (default 15), then SIGKILL.
kill_pid() {
  local pid=$1 name=$2 grace=${3:-15} i
  kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (pid $pid) with SIGTERM"
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < grace * 5; i++ )); do
    kill -0 "$pid" 2>/dev/null || { log "$name stopped"; return 0; }
    sleep 0.2
  done
  warn "$name (pid $pid) still alive after ${grace}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for (( i = 0; i < 25; i++ )); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  die "could not kill $name (pid $pid)"
}

# with_lock NAME CMD... -- run CMD holding an exclusive lock on $RUN_DIR/NAME.lock
# (file descriptor 9) so two concurrent invocations of the same setup step do
# not race. Background processes started under the lock must close fd 9
# (`cmd 9>&-`) or they would keep holding it. Errors inside CMD still abort the
# script (the lock is released when the process exits).
with_lock() {
  local name=$1; shift
  mkdir -p "$RUN_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$RUN_DIR/$name.lock"
    if ! flock -n 9; then
      log "waiting for another process holding $RUN_DIR/$name.lock"
      flock 9
    fi
    "$@"
    exec 9>&-
  else
    "$@"
  fi
}
