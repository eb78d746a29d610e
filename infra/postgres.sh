#!/usr/bin/env bash
# Local PostgreSQL for development and tests, run from Debian's packages with a
# private data directory inside the repo (no system cluster is touched).
#
# Usage: infra/postgres.sh ensure|stop|status
#
#   ensure  install PostgreSQL via apt if no server binaries are found, initdb
#           $ROOT/.cache/pg/data if missing, start it on 127.0.0.1:$PGPORT if not
#           running, wait until ready, create role "tranche" (password "tranche",
#           LOGIN CREATEDB) and databases "tranche" and "tranche_test" owned by it.
#           Prints the DATABASE_URL on stdout:
#             postgres://tranche:tranche@127.0.0.1:55432/tranche
#   stop    pg_ctl stop -m fast
#   status  prints the URL and exits 0 when running, exits 3 when not.
#
# Env: PGPORT (default 55432), TRANCHE_PG_CLUSTER (default pg: data in .cache/pg), PG_BIN (directory with pg_ctl/initdb; default the
#      newest /usr/lib/postgresql/*/bin), TRANCHE_PG_FSYNC (default on; off trades crash durability for speed).
# Runtime: socket + log in $ROOT/.run/pg/ (postgres.log).
# As root the server runs as the "postgres" OS user (created if missing);
# as a normal user it runs as that user.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CMD="${1:-}"
PORT="${PGPORT:-55432}"
if ! [[ $PORT =~ ^[0-9]+$ ]] || (( PORT < 1 || PORT > 65535 )); then die "PGPORT='$PORT' is not a valid port"; fi
HOST=127.0.0.1
APP_USER=tranche
APP_PASSWORD=tranche
APP_DBS=(tranche tranche_test)
# A second, separate cluster (the fault suite stops its own) is named by TRANCHE_PG_CLUSTER.
CLUSTER="${TRANCHE_PG_CLUSTER:-pg}"
[[ $CLUSTER =~ ^[a-z0-9-]+$ ]] || die "TRANCHE_PG_CLUSTER='$CLUSTER' must be lowercase letters, digits and dashes"
PG_BASE="$CACHE_DIR/$CLUSTER"
DATA="$PG_BASE/data"
PG_RUN="$RUN_DIR/$CLUSTER"
LOGFILE="$PG_RUN/postgres.log"
URL="postgres://$APP_USER:$APP_PASSWORD@$HOST:$PORT/${APP_DBS[0]}"

# Unix socket paths are limited to 107 bytes; fall back to /tmp for deep clones.
SOCK_DIR="$PG_RUN"
if (( ${#SOCK_DIR} + 20 > 107 )); then
  SOCK_DIR="/tmp/tranche-pg-$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
fi

# Keep the caller's libpq settings out of our admin commands.
unset PGHOST PGHOSTADDR PGUSER PGDATABASE PGPASSWORD PGSERVICE PGDATA PGOPTIONS

if [[ $EUID -eq 0 ]]; then PG_OS_USER=postgres; else PG_OS_USER="$(id -un)"; fi

# as_pg CMD... -- run CMD as the OS user that owns the cluster, from / (so it
# never complains about an unreadable cwd), without our lock fd.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u "$PG_OS_USER" -- "$@" 9>&-)
  else
    (cd / && "$@" 9>&-)
  fi
}

have_bins() { [[ -x $1/pg_ctl && -x $1/initdb && -x $1/postgres && -x $1/psql ]]; }

# find_bins [MAJOR] -- set PG_BIN to a server bin dir (matching MAJOR when given).
find_bins() {
  local want=${1:-} d
  if [[ -n ${PG_BIN:-} ]]; then
    have_bins "$PG_BIN" || die "PG_BIN=$PG_BIN does not contain pg_ctl, initdb, postgres and psql"
    return 0
  fi
  if [[ -n $want ]]; then
    d="/usr/lib/postgresql/$want/bin"
    if have_bins "$d"; then PG_BIN=$d; return 0; fi
    return 1
  fi
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k4 -V -r); do
    if have_bins "$d"; then PG_BIN=$d; return 0; fi
  done
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir 2>/dev/null || true)"
    if [[ -n $d ]] && have_bins "$d"; then PG_BIN=$d; return 0; fi
  fi
  if command -v pg_ctl >/dev/null 2>&1; then
    d="$(dirname "$(command -v pg_ctl)")"
    if have_bins "$d"; then PG_BIN=$d; return 0; fi
  fi
  return 1
}

install_postgres() {
  [[ $EUID -eq 0 ]] || die "PostgreSQL server binaries (pg_ctl, initdb) not found under /usr/lib/postgresql/*/bin, and not root: run 'sudo apt-get install -y postgresql' or set PG_BIN"
  need_cmd apt-get "PostgreSQL server binaries not found and this is not a Debian/Ubuntu system; install PostgreSQL and set PG_BIN"
  log "PostgreSQL server binaries not found; installing with apt-get (postgresql)"
  local out="$RUN_DIR/apt-postgresql.log"
  mkdir -p "$RUN_DIR"
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql; } >"$out" 2>&1; then
    tail -n 30 "$out" >&2
    die "apt-get install postgresql failed (log: $out)"
  fi
  find_bins || die "installed the postgresql package but still found no pg_ctl/initdb under /usr/lib/postgresql/*/bin"
}

ensure_os_user() {
  [[ $EUID -eq 0 ]] || return 0
  if ! id -u postgres >/dev/null 2>&1; then
    log "creating system user 'postgres'"
    need_cmd useradd "needed to create the 'postgres' OS user"
    local group_opt=(--user-group)
    getent group postgres >/dev/null 2>&1 && group_opt=(--gid postgres)
    useradd --system "${group_opt[@]}" --home-dir /var/lib/postgresql --no-create-home \
      --shell /bin/bash --comment "PostgreSQL administrator" postgres \
      || die "could not create the 'postgres' OS user"
  fi
}

# Make sure the server user can reach and own its directories.
prepare_dirs() {
  mkdir -p "$CACHE_DIR" "$RUN_DIR" "$PG_BASE" "$PG_RUN"
  if [[ $EUID -eq 0 ]]; then
    # .cache/.run are ours: make them traversable; parents must already be (e.g. 755).
    chmod a+x "$CACHE_DIR" "$RUN_DIR"
    chown "$PG_OS_USER:" "$PG_BASE" "$PG_RUN"
    if [[ $SOCK_DIR != "$PG_RUN" ]]; then mkdir -p "$SOCK_DIR"; chown "$PG_OS_USER:" "$SOCK_DIR"; fi
    if [[ -d $DATA && $(stat -c %U "$DATA") != "$PG_OS_USER" ]]; then
      log "fixing ownership of $DATA"
      chown -R "$PG_OS_USER:" "$DATA"
    fi
    if ! as_pg test -w "$PG_BASE" -a -x "$PG_BASE"; then
      # find the first directory (from / down) the server user cannot traverse
      local d="" part
      IFS='/' read -r -a parts <<<"${PG_BASE#/}"
      for part in "${parts[@]}"; do
        d="$d/$part"
        if ! as_pg test -x "$d"; then
          die "OS user '$PG_OS_USER' cannot traverse $d (mode $(stat -c %a "$d"), owner $(stat -c %U "$d")); clone the repo somewhere world-traversable (e.g. /work, /tmp) or 'chmod o+x $d'"
        fi
      done
      die "OS user '$PG_OS_USER' cannot write $PG_BASE"
    fi
  else
    mkdir -p "$SOCK_DIR"
  fi
  chmod 700 "$PG_BASE" "$PG_RUN"
  [[ $SOCK_DIR == "$PG_RUN" ]] || chmod 700 "$SOCK_DIR"
}

# bins_for_data -- if the cluster exists, make PG_BIN match its major version.
bins_for_data() {
  [[ -f $DATA/PG_VERSION ]] || return 0
  local major have
  major=$(<"$DATA/PG_VERSION")
  have=$("$PG_BIN/postgres" -V | awk '{print $3}' | cut -d. -f1)
  if [[ $have == "$major" ]]; then return 0; fi
  local user_bin=${PG_BIN}
  unset PG_BIN
  find_bins "$major" || die "$DATA was created by PostgreSQL $major but $user_bin is PostgreSQL $have and /usr/lib/postgresql/$major/bin is missing; install postgresql-$major or delete $DATA"
}

init_cluster() {
  if [[ -f $DATA/PG_VERSION ]]; then bins_for_data; return 0; fi
  log "initdb $DATA (PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}'), superuser postgres, local trust / host scram-sha-256)"
  rm -rf "$DATA.tmp"
  if ! as_pg "$PG_BIN/initdb" -D "$DATA.tmp" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$PG_RUN/initdb.log" 2>&1; then
    cat "$PG_RUN/initdb.log" >&2
    die "initdb failed (log: $PG_RUN/initdb.log)"
  fi
  mv "$DATA.tmp" "$DATA"
}

pg_running() { as_pg "$PG_BIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1; }
pg_ready() { "$PG_BIN/pg_isready" -q -h "$HOST" -p "$PORT" -t 2 >/dev/null 2>&1; }

start_cluster() {
  if pg_running; then
    if pg_ready; then log "already running on $HOST:$PORT (data $DATA)"; return 0; fi
    local running_port i tries=30
    running_port=$(sed -n 4p "$DATA/postmaster.pid" 2>/dev/null || true)
    if [[ -n $running_port && $running_port != "$PORT" ]]; then
      log "running on port $running_port, not $PORT"
      tries=4   # only a short wait in case it is a killed postmaster not yet reaped
    else
      # Starting up, shutting down, or a killed postmaster not yet reaped: give it a moment.
      log "a postmaster for $DATA exists but $HOST:$PORT does not accept connections; waiting up to 15s"
    fi
    for (( i = 0; i < tries; i++ )); do
      pg_running || break
      if pg_ready; then log "ready on $HOST:$PORT (data $DATA)"; return 0; fi
      sleep 0.5
    done
    if pg_running; then
      # e.g. started with another PGPORT, or hung: restart with our settings
      log "restarting it with port $PORT"
      as_pg "$PG_BIN/pg_ctl" stop -D "$DATA" -m fast -w -t 60 >/dev/null \
        || die "pg_ctl stop failed for $DATA (log: $LOGFILE)"
    fi
  fi
  if port_open "$HOST" "$PORT"; then
    die "port $PORT on $HOST is already in use by another process; set PGPORT to a free port"
  fi
  local fsync=${TRANCHE_PG_FSYNC:-on}
  # pg_ctl hands -o to /bin/sh, hence the inner quotes
  local opts="-c listen_addresses=$HOST -c port=$PORT -c unix_socket_directories='$SOCK_DIR'"
  opts+=" -c max_connections=200 -c fsync=$fsync"
  log "starting postgres on $HOST:$PORT (data $DATA, socket $SOCK_DIR, log $LOGFILE)"
  local t0; t0=$(now_ms)
  if ! as_pg "$PG_BIN/pg_ctl" start -D "$DATA" -l "$LOGFILE" -w -t 60 -o "$opts" >/dev/null 2>&1; then
    tail -n 20 "$LOGFILE" >&2 || true
    die "pg_ctl start failed (log: $LOGFILE)"
  fi
  wait_until 30 pg_ready || die "postgres started but pg_isready -h $HOST -p $PORT never succeeded (log: $LOGFILE)"
  log "ready in $(( $(now_ms) - t0 ))ms"
}

psql_admin() {
  as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK_DIR" -p "$PORT" -U postgres -d postgres "$@"
}

ensure_role_and_dbs() {
  local role_exists
  role_exists=$(psql_admin -tA -c "SELECT 1 FROM pg_roles WHERE rolname = '$APP_USER'")
  if [[ $role_exists != 1 ]]; then
    log "creating role $APP_USER (LOGIN CREATEDB, password '$APP_PASSWORD')"
    psql_admin -c "CREATE ROLE \"$APP_USER\" LOGIN CREATEDB PASSWORD '$APP_PASSWORD'" || die "CREATE ROLE $APP_USER failed"
  else
    # keep attributes/password as documented even if someone changed them
    psql_admin -c "ALTER ROLE \"$APP_USER\" LOGIN CREATEDB PASSWORD '$APP_PASSWORD'" || die "ALTER ROLE $APP_USER failed"
  fi
  local db exists
  for db in "${APP_DBS[@]}"; do
    exists=$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$db'")
    if [[ $exists != 1 ]]; then
      log "creating database $db owned by $APP_USER"
      psql_admin -c "CREATE DATABASE \"$db\" OWNER \"$APP_USER\"" || die "CREATE DATABASE $db failed"
    fi
  done
  # verify the URL really works over TCP with the password
  PGPASSWORD="$APP_PASSWORD" "$PG_BIN/psql" -X -q -h "$HOST" -p "$PORT" -U "$APP_USER" -d "${APP_DBS[0]}" -tAc "select 1" >/dev/null \
    || die "cannot connect as $APP_USER to $HOST:$PORT/${APP_DBS[0]} with the password"
  log "role $APP_USER and databases ${APP_DBS[*]} are in place"
}

do_ensure() {
  find_bins || install_postgres
  ensure_os_user
  prepare_dirs
  init_cluster
  start_cluster
  ensure_role_and_dbs
}

do_stop() {
  if ! find_bins; then log "PostgreSQL is not installed; nothing to stop"; return 0; fi
  if [[ ! -f $DATA/PG_VERSION ]]; then log "no cluster at $DATA; nothing to stop"; return 0; fi
  bins_for_data
  if pg_running; then
    log "stopping postgres (data $DATA) with pg_ctl stop -m fast"
    as_pg "$PG_BIN/pg_ctl" stop -D "$DATA" -m fast -w -t 60 >/dev/null || die "pg_ctl stop failed (log: $LOGFILE)"
    log "postgres stopped"
  else
    log "postgres is not running (data $DATA)"
  fi
}

do_status() {
  if find_bins && [[ -f $DATA/PG_VERSION ]] && bins_for_data && pg_running && pg_ready; then
    log "running on $HOST:$PORT (data $DATA, log $LOGFILE)"
    echo "$URL"; return 0
  fi
  log "not running on $HOST:$PORT"
  return 3
}

case "$CMD" in
  ensure|start) with_lock pg do_ensure; echo "$URL" ;;
  stop) with_lock pg do_stop ;;
  status) do_status ;;
  *) echo "usage: $0 ensure|stop|status   (env: PGPORT, PG_BIN, TRANCHE_PG_FSYNC)" >&2; exit 2 ;;
esac
