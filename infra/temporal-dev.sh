#!/usr/bin/env bash
# Local Temporal dev server (the Temporal CLI's `server start-dev`, SQLite-backed).
#
# Usage: infra/temporal-dev.sh start|stop|status|restart
#
#   start   start in the background unless already running; waits until the gRPC
#           port accepts connections and the namespace answers (60s), then prints
#           the address "127.0.0.1:PORT" on stdout.
#   stop    SIGTERM (then SIGKILL after 15s) the server recorded in the pid file.
#   status  prints the address and exits 0 when running, exits 3 when not.
#
# Env:
#   TEMPORAL_PORT          gRPC frontend port (default 7233)
#   TEMPORAL_DB            SQLite file (default $ROOT/.run/temporal.db for port 7233,
#                          $ROOT/.run/temporal-PORT.db for any other port)
#   TEMPORAL_HTTP_PORT     HTTP API port    (default PORT+10, e.g. 7243)
#   TEMPORAL_METRICS_PORT  /metrics port    (default PORT+2000, e.g. 9233)
#   TEMPORAL_UI            set to 1 to serve the Web UI on TEMPORAL_UI_PORT (default PORT+1000)
#   TEMPORAL_NAMESPACE     extra namespace to create at launch ("default" always exists)
#   TEMPORAL_NAMESPACES    comma-separated further namespaces to create at launch (tests: one per e2e file)
#   TEMPORAL_SEARCH_ATTRIBUTES  comma-separated Name=Type list to register, e.g.
#                          "DealId=Keyword,Tranche=Int", on "default", TEMPORAL_NAMESPACE and
#                          TEMPORAL_NAMESPACES; also on a server already running or an existing
#                          SQLite file (the dev server registers them only when it creates the file)
# Pid file and log: $ROOT/.run/temporal-PORT.pid, $ROOT/.run/temporal-PORT.log
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CMD="${1:-}"
IP=127.0.0.1
PORT="${TEMPORAL_PORT:-7233}"
if ! [[ $PORT =~ ^[0-9]+$ ]] || (( PORT < 1 || PORT > 65535 )); then die "TEMPORAL_PORT='$PORT' is not a valid port"; fi
if [[ -n ${TEMPORAL_DB:-} ]]; then
  DB="$TEMPORAL_DB"
elif [[ $PORT == 7233 ]]; then
  DB="$RUN_DIR/temporal.db"
else
  DB="$RUN_DIR/temporal-$PORT.db"
fi
# Derived ports: fixed offsets, so two instances collide only if their gRPC ports
# differ by exactly 10, 1990 or 2000 (e.g. 7233 and 7244 are fine); past 65535 a
# random free port is used. Override with TEMPORAL_HTTP_PORT / TEMPORAL_METRICS_PORT.
derive() { local p=$(( PORT + $1 )); if (( p > 65535 )); then free_port; else echo "$p"; fi; }
HTTP_PORT="${TEMPORAL_HTTP_PORT:-$(derive 10)}"
METRICS_PORT="${TEMPORAL_METRICS_PORT:-$(derive 2000)}"
UI_PORT="${TEMPORAL_UI_PORT:-$(derive 1000)}"
PIDFILE="$RUN_DIR/temporal-$PORT.pid"
LOGFILE="$RUN_DIR/temporal-$PORT.log"
ADDR="$IP:$PORT"
NS="${TEMPORAL_NAMESPACE:-default}"
TEMPORAL_NAMESPACES="${TEMPORAL_NAMESPACES:-}"
START_TIMEOUT=60

# Run the CLI as a client of the local server only: drop TEMPORAL_* env vars
# (TEMPORAL_ADDRESS / TEMPORAL_API_KEY / TEMPORAL_TLS_* pointing at a real
# cluster must not leak into calls against the dev server).
tcli() {
  local unset_args=() v
  for v in $(compgen -e); do
    if [[ $v == TEMPORAL_* ]]; then unset_args+=(-u "$v"); fi
  done
  env "${unset_args[@]}" "$TEMPORAL_BIN" "$@"
}

namespace_ready() {
  tcli operator namespace describe --namespace "$NS" --address "$ADDR" \
    --command-timeout 5s --disable-config-file --disable-config-env -o none >/dev/null 2>&1
}

# our_pid -- pid of the server we started on this port, if it is still alive.
our_pid() {
  local pid
  pid=$(pid_alive "$PIDFILE") || return 1
  # guard against pid reuse: it must be a temporal start-dev on our port
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "start-dev .*--port $PORT " || return 1
  echo "$pid"
}

# running_db PID -- the --db-filename the running server was started with.
running_db() {
  tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | awk 'prev == "--db-filename" { print; exit } { prev = $0 }'
}

ensure_cli() {
  if [[ -z ${TEMPORAL_BIN:-} ]]; then
    TEMPORAL_BIN="$(bash "$INFRA_DIR/temporal-cli.sh" | tail -n 1)" || die "could not obtain the Temporal CLI (infra/temporal-cli.sh failed)"
  fi
  [[ -x $TEMPORAL_BIN ]] || die "Temporal CLI not executable: $TEMPORAL_BIN"
}

# ensure_search_attributes -- registers TEMPORAL_SEARCH_ATTRIBUTES on every namespace we manage (idempotent).
ensure_search_attributes() {
  [[ -n ${TEMPORAL_SEARCH_ATTRIBUTES:-} ]] || return 0
  ensure_cli
  local args=() sa ns namespaces=(default)
  IFS=',' read -r -a sas <<<"$TEMPORAL_SEARCH_ATTRIBUTES"
  for sa in "${sas[@]}"; do
    if [[ -n $sa ]]; then args+=(--name "${sa%%=*}" --type "${sa#*=}"); fi
  done
  if [[ $NS != default ]]; then namespaces+=("$NS"); fi
  for ns in ${TEMPORAL_NAMESPACES//,/ }; do namespaces+=("$ns"); done
  for ns in "${namespaces[@]}"; do
    tcli operator search-attribute create --address "$ADDR" --namespace "$ns" "${args[@]}" \
      --command-timeout 10s --disable-config-file --disable-config-env >/dev/null 2>&1 \
      || warn "could not register search attributes ($TEMPORAL_SEARCH_ATTRIBUTES) on namespace $ns"
  done
  log "search attributes registered on ${namespaces[*]}: $TEMPORAL_SEARCH_ATTRIBUTES"
}

do_start() {
  ensure_dirs
  local pid
  if pid=$(our_pid) && port_open "$IP" "$PORT"; then
    log "already running on $ADDR (pid $pid, db $(running_db "$pid"))"
    ensure_search_attributes
    echo "$ADDR"; return 0
  fi
  if pid=$(our_pid); then
    warn "our server (pid $pid) is alive but $ADDR is closed; restarting it"
    kill_pid "$pid" "unresponsive temporal dev server" 10
  fi
  if port_open "$IP" "$PORT"; then
    ensure_cli
    if namespace_ready; then
      warn "a Temporal server not started by this script already listens on $ADDR; using it"
      echo "$ADDR"; return 0
    fi
    die "port $PORT on $IP is taken by something that is not a Temporal server (set TEMPORAL_PORT to another port)"
  fi
  ensure_cli
  local p
  for p in "$HTTP_PORT" "$METRICS_PORT"; do
    port_open "$IP" "$p" && die "derived port $p (http=$HTTP_PORT metrics=$METRICS_PORT) is already in use; set TEMPORAL_HTTP_PORT / TEMPORAL_METRICS_PORT"
  done
  mkdir -p "$(dirname "$DB")"
  local existed=0
  if [[ -f $DB ]]; then existed=1; fi

  local args=(server start-dev --ip "$IP" --port "$PORT" --db-filename "$DB"
              --http-port "$HTTP_PORT" --metrics-port "$METRICS_PORT")
  if [[ ${TEMPORAL_UI:-0} == 1 ]]; then
    args+=(--ui-port "$UI_PORT")
  else
    args+=(--headless)
  fi
  if [[ $NS != default ]]; then args+=(--namespace "$NS"); fi
  local extra
  for extra in ${TEMPORAL_NAMESPACES//,/ }; do args+=(--namespace "$extra"); done
  if [[ -n ${TEMPORAL_SEARCH_ATTRIBUTES:-} ]]; then
    local sa
    IFS=',' read -r -a sas <<<"$TEMPORAL_SEARCH_ATTRIBUTES"
    for sa in "${sas[@]}"; do
      if [[ -n $sa ]]; then args+=(--search-attribute "$sa"); fi
    done
  fi

  log "starting temporal dev server on $ADDR (http $HTTP_PORT, metrics $METRICS_PORT, db $DB, log $LOGFILE)"
  local t0; t0=$(now_ms)
  printf '\n===== %s start: %s %s\n' "$(date -Is)" "$TEMPORAL_BIN" "${args[*]}" >>"$LOGFILE"
  # Detach into its own session so the caller's Ctrl-C / process group does not kill it.
  local cli_bin=$TEMPORAL_BIN
  (
    for v in $(compgen -e); do if [[ $v == TEMPORAL_* ]]; then unset "$v"; fi; done
    exec setsid "$cli_bin" "${args[@]}" </dev/null >>"$LOGFILE" 2>&1 9>&-
  ) &
  pid=$!
  echo "$pid" >"$PIDFILE"

  local deadline=$(( $(date +%s) + START_TIMEOUT ))
  if ! wait_for_port "$IP" "$PORT" "$START_TIMEOUT" "$pid"; then
    tail -n 20 "$LOGFILE" >&2 || true
    kill -KILL "$pid" 2>/dev/null || true; rm -f "$PIDFILE"
    die "temporal dev server did not open $ADDR (log: $LOGFILE)"
  fi
  local left=$(( deadline - $(date +%s) )); (( left < 5 )) && left=5
  if ! wait_until "$left" namespace_ready; then
    tail -n 20 "$LOGFILE" >&2 || true
    kill_pid "$pid" "temporal dev server" 5; rm -f "$PIDFILE"
    die "temporal dev server on $ADDR did not answer 'operator namespace describe $NS' within ${START_TIMEOUT}s (log: $LOGFILE)"
  fi
  log "ready on $ADDR (pid $pid) in $(( $(now_ms) - t0 ))ms"
  if (( existed )); then ensure_search_attributes; fi
  echo "$ADDR"
}

do_stop() {
  local pid
  if pid=$(our_pid); then
    kill_pid "$pid" "temporal dev server on $ADDR" 15
  else
    log "not running on $ADDR (no live pid in $PIDFILE)"
    if port_open "$IP" "$PORT"; then
      warn "something else listens on $ADDR; it was not started by this script, leaving it alone"
    fi
  fi
  rm -f "$PIDFILE"
}

do_status() {
  local pid
  if pid=$(our_pid) && port_open "$IP" "$PORT"; then
    log "running on $ADDR (pid $pid, db $(running_db "$pid"), log $LOGFILE)"
    echo "$ADDR"; return 0
  fi
  log "not running on $ADDR"
  return 3
}

case "$CMD" in
  start) with_lock "temporal-dev-$PORT" do_start ;;
  stop) with_lock "temporal-dev-$PORT" do_stop ;;
  status) do_status ;;
  restart) with_lock "temporal-dev-$PORT" do_stop; with_lock "temporal-dev-$PORT" do_start ;;
  *) echo "usage: $0 start|stop|status|restart   (env: TEMPORAL_PORT, TEMPORAL_DB, ...)" >&2; exit 2 ;;
esac
