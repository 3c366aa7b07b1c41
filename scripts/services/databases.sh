#!/usr/bin/env bash
# Private PostgreSQL and MariaDB servers for the reconciler-jdbi integration tests.
#
#   scripts/services/databases.sh start   install the Debian packages if missing, start both servers, create
#                                         database fleet_it and its user; a no-op for a server already running
#   scripts/services/databases.sh stop    stop both servers (no-op when they are not running)
#   scripts/services/databases.sh env     print `export FLEET_IT_POSTGRES_URL=...` and `FLEET_IT_MARIADB_URL=...`
#   scripts/services/databases.sh kill S  SIGKILL server S and every process of it, as a crash would (fault tests)
#   scripts/services/databases.sh freeze S / thaw S   SIGSTOP / SIGCONT them: a server that keeps its connections
#                                         open and never answers, like a host gone from the network (fault tests)
#
# start and stop take an optional server, postgres or mariadb, to act on that one only. The fault tests start a
# private server of their own this way (another FLEET_SERVICES_DIR and port), kill it and start it again.
#
# Everything lives under ${FLEET_SERVICES_DIR:-<repo>/.services}: data directories, unix sockets, pid and log
# files. The servers listen on 127.0.0.1 only (ports FLEET_PG_PORT, default 55432, and FLEET_MARIADB_PORT,
# default 53306), never on the distro's default ports, and do not use the distro's own cluster/service. Needs
# root (it installs packages and runs PostgreSQL as the `postgres` user). The password is a fixed throwaway:
# these servers hold test data only and accept connections from this machine only.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
services_dir=${FLEET_SERVICES_DIR:-$repo/.services}
pg_port=${FLEET_PG_PORT:-55432}
maria_port=${FLEET_MARIADB_PORT:-53306}
db_name=fleet_it
db_user=fleet_it
db_password=fleet_it_pw
ready_timeout=${FLEET_DB_READY_TIMEOUT:-90}

log() { printf '[databases.sh %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- packages

pg_bin_dir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/initdb" ] && printf '%s\n' "$d"
}

install_packages() {
  if [ -n "$(pg_bin_dir)" ] && [ -x /usr/sbin/mariadbd ] && command -v mariadb-install-db >/dev/null 2>&1 \
      && command -v mariadb-admin >/dev/null 2>&1; then
    return 0
  fi
  [ "$(id -u)" = 0 ] || die "postgresql/mariadb-server are not installed and installing them needs root"
  log "installing postgresql and mariadb-server (Debian packages)"
  # Keep the packages' maintainer scripts from starting the distro's own servers on the default ports: we start
  # private instances below. policy-rc.d is the Debian-sanctioned switch for that.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    added_policy=1
  fi
  local rc=0
  {
    apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get install -y -qq --no-install-recommends \
      postgresql mariadb-server mariadb-client >/dev/null
  } || rc=$?
  [ "$added_policy" = 1 ] && rm -f "$policy"
  [ "$rc" = 0 ] || die "apt-get install postgresql mariadb-server failed (exit $rc)"
}

# ---------------------------------------------------------------- helpers

wait_until() { # wait_until SECONDS DESCRIPTION COMMAND...
  local timeout=$1 what=$2
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

# A live, non-zombie process whose command line mentions PATTERN (so a pid reused by another program, or a killed
# server not yet reaped, does not count as running).
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_port() { # require_free_port PORT VARIABLE
  if port_taken "$1"; then
    die "127.0.0.1:$1 is taken by another process (another checkout's databases.sh?); stop it or set $2"
  fi
}

pid_runs() { # pid_runs PID PATTERN
  local pid=${1:-} state cmdline
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [ "$state" != Z ] && [[ "$cmdline" == *"$2"* ]]
}

# ---------------------------------------------------------------- PostgreSQL

pg_root() {
  # PostgreSQL refuses to run as root, so its directory must be reachable by the postgres user. When the repo
  # sits below a directory postgres cannot enter (e.g. /root), fall back to a per-checkout directory in /var/tmp.
  local preferred=$services_dir/pg
  mkdir -p "$services_dir"
  if runuser -u postgres -- test -x "$services_dir" 2>/dev/null; then
    printf '%s\n' "$preferred"
  else
    printf '/var/tmp/fleet-reconciler-pg-%s\n' "$(printf '%s' "$services_dir" | md5sum | cut -c1-12)"
  fi
}

as_postgres() { runuser -u postgres -- "$@"; }

pg_running() {
  local root=$1
  [ -f "$root/data/postmaster.pid" ] && pid_runs "$(head -n 1 "$root/data/postmaster.pid")" "$root/data"
}

pg_psql() { # pg_psql ROOT SQL...  (superuser over the private unix socket)
  local root=$1
  shift
  as_postgres "$(pg_bin_dir)/psql" -X -q -v ON_ERROR_STOP=1 -h "$root/run" -p "$pg_port" -U postgres -d postgres "$@"
}

pg_start() {
  local root bin
  root=$(pg_root)
  bin=$(pg_bin_dir)
  mkdir -p "$root/run"
  chown postgres: "$root" "$root/run"
  chmod 700 "$root"
  if pg_running "$root"; then
    log "PostgreSQL already running ($root/data)"
  else
    require_free_port "$pg_port" FLEET_PG_PORT
    if [ ! -f "$root/data/PG_VERSION" ]; then
      log "initialising PostgreSQL cluster in $root/data"
      rm -rf "$root/data"
      as_postgres "$bin/initdb" -D "$root/data" -U postgres -E UTF8 --no-locale \
        --auth-local=trust --auth-host=scram-sha-256 >"$root/initdb.log" 2>&1 \
        || die "initdb failed, see $root/initdb.log"
    fi
    # Lock files left by a killed run: no process of ours holds them (checked above), so they can go. (PostgreSQL
    # itself would refuse to start while the killed postmaster is an unreaped zombie.)
    rm -f "$root/data/postmaster.pid" "$root/run/.s.PGSQL.$pg_port" "$root/run/.s.PGSQL.$pg_port.lock"
    log "starting PostgreSQL on 127.0.0.1:$pg_port"
    as_postgres "$bin/pg_ctl" -D "$root/data" -l "$root/postgres.log" -w -t "$ready_timeout" \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $root/run" start \
      >/dev/null || die "PostgreSQL did not start, see $root/postgres.log"
  fi
  wait_until "$ready_timeout" "PostgreSQL" as_postgres "$bin/pg_isready" -q -h "$root/run" -p "$pg_port" \
    || die "PostgreSQL not ready after ${ready_timeout}s, see $root/postgres.log"
  pg_psql "$root" <<SQL
SELECT 'CREATE ROLE $db_user LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$db_user')\gexec
ALTER ROLE $db_user WITH LOGIN PASSWORD '$db_password';
SELECT 'CREATE DATABASE $db_name OWNER $db_user' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db_name')\gexec
SQL
}

pg_stop() {
  local root bin
  root=$(pg_root)
  bin=$(pg_bin_dir) || return 0
  [ -n "$bin" ] || return 0
  if pg_running "$root"; then
    log "stopping PostgreSQL"
    as_postgres "$bin/pg_ctl" -D "$root/data" -m fast -w -t 60 stop >/dev/null
  fi
}

# ---------------------------------------------------------------- MariaDB

maria_root() { printf '%s\n' "$services_dir/mariadb"; }

maria_pid() { # the pid of OUR mariadbd, or nothing (a stale pid file or a reused pid does not count)
  local root=$1 pid
  [ -f "$root/mariadb.pid" ] || return 0
  pid=$(cat "$root/mariadb.pid" 2>/dev/null || true)
  if pid_runs "$pid" "--datadir=$root/data"; then
    printf '%s\n' "$pid"
  fi
}

maria_client() { # maria_client ROOT ARGS...  (root over the private unix socket)
  local root=$1
  shift
  mariadb --no-defaults --protocol=socket --socket="$root/mariadb.sock" -uroot "$@"
}

maria_start() {
  local root pid
  root=$(maria_root)
  mkdir -p "$root"
  pid=$(maria_pid "$root")
  if [ -n "$pid" ]; then
    log "MariaDB already running (pid $pid)"
  else
    rm -f "$root/mariadb.pid" "$root/mariadb.sock"
    require_free_port "$maria_port" FLEET_MARIADB_PORT
    if [ ! -d "$root/data/mysql" ]; then
      log "initialising MariaDB data directory in $root/data"
      rm -rf "$root/data"
      mariadb-install-db --no-defaults --user=root --datadir="$root/data" --skip-test-db \
        --auth-root-authentication-method=socket >"$root/install-db.log" 2>&1 \
        || die "mariadb-install-db failed, see $root/install-db.log"
    fi
    log "starting MariaDB on 127.0.0.1:$maria_port"
    # utf8mb4 like Debian's own config (which --no-defaults skips); root because the data directory belongs to
    # root and may sit where the mysql user cannot go.
    setsid /usr/sbin/mariadbd --no-defaults --user=root --datadir="$root/data" \
      --socket="$root/mariadb.sock" --pid-file="$root/mariadb.pid" --port="$maria_port" \
      --bind-address=127.0.0.1 --skip-name-resolve --log-error="$root/mariadb.err" \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
      --innodb-buffer-pool-size=64M \
      </dev/null >>"$root/mariadb.out" 2>&1 &
  fi
  wait_until "$ready_timeout" "MariaDB" maria_client "$root" -e 'SELECT 1' \
    || die "MariaDB not ready after ${ready_timeout}s, see $root/mariadb.err"
  maria_client "$root" <<SQL
CREATE DATABASE IF NOT EXISTS $db_name CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$db_user'@'127.0.0.1' IDENTIFIED BY '$db_password';
CREATE USER IF NOT EXISTS '$db_user'@'localhost' IDENTIFIED BY '$db_password';
ALTER USER '$db_user'@'127.0.0.1' IDENTIFIED BY '$db_password';
ALTER USER '$db_user'@'localhost' IDENTIFIED BY '$db_password';
GRANT ALL PRIVILEGES ON $db_name.* TO '$db_user'@'127.0.0.1';
GRANT ALL PRIVILEGES ON $db_name.* TO '$db_user'@'localhost';
SQL
}

maria_stop() {
  local root pid
  root=$(maria_root)
  pid=$(maria_pid "$root")
  if [ -n "$pid" ]; then
    log "stopping MariaDB (pid $pid)"
    kill -TERM "$pid"
    wait_until 60 "MariaDB stop" eval "! pid_runs $pid mariadbd" || { log "MariaDB did not stop in 60s, killing it"; kill -KILL "$pid" || true; }
  fi
  rm -f "$root/mariadb.pid" "$root/mariadb.sock"
}

# ---------------------------------------------------------------- crash (fault tests)

pg_kill() {
  local root pid
  root=$(pg_root)
  pg_running "$root" || { log "PostgreSQL is not running"; return 0; }
  pid=$(head -n 1 "$root/data/postmaster.pid")
  # Freeze the postmaster first so it cannot restart its backends, then kill them all at once.
  kill -STOP "$pid"
  kill -KILL $(pgrep -P "$pid" || true) "$pid" 2>/dev/null || true
  wait_until 30 "PostgreSQL exit" eval "! pid_runs $pid $root/data" || die "PostgreSQL (pid $pid) survived SIGKILL"
  log "killed PostgreSQL (pid $pid and its backends)"
}

maria_kill() {
  local root pid
  root=$(maria_root)
  pid=$(maria_pid "$root")
  [ -n "$pid" ] || { log "MariaDB is not running"; return 0; }
  kill -KILL "$pid"
  wait_until 30 "MariaDB exit" eval "! pid_runs $pid mariadbd" || die "MariaDB (pid $pid) survived SIGKILL"
  log "killed MariaDB (pid $pid)"
}

server_pids() { # server_pids SERVER: the server's processes (PostgreSQL: the postmaster and its children)
  local root pid
  if [ "$1" = postgres ]; then
    root=$(pg_root)
    pg_running "$root" || return 0
    pid=$(head -n 1 "$root/data/postmaster.pid")
    printf '%s\n' "$pid" $(pgrep -P "$pid" || true)
  else
    maria_pid "$(maria_root)"
  fi
}

signal_server() { # signal_server SERVER SIGNAL
  local pids
  pids=$(server_pids "$1")
  [ -n "$pids" ] || die "$1 is not running"
  kill "-$2" $pids
  log "sent SIG$2 to $1 ($(echo $pids | tr '\n' ' '))"
}

# ---------------------------------------------------------------- commands

servers=${2:-all}
case "$servers" in
  all | postgres | mariadb) ;;
  *) echo "unknown server '$servers': use postgres or mariadb" >&2; exit 2 ;;
esac
wants() { [ "$servers" = all ] || [ "$servers" = "$1" ]; }

print_env() {
  printf "export FLEET_IT_POSTGRES_URL='%s'\n" \
    "jdbc:postgresql://127.0.0.1:$pg_port/$db_name?user=$db_user&password=$db_password"
  printf "export FLEET_IT_MARIADB_URL='%s'\n" \
    "jdbc:mariadb://127.0.0.1:$maria_port/$db_name?user=$db_user&password=$db_password"
}

case "${1:-}" in
  start)
    install_packages
    if wants postgres; then pg_start; log "ready: PostgreSQL 127.0.0.1:$pg_port, database $db_name"; fi
    if wants mariadb; then maria_start; log "ready: MariaDB 127.0.0.1:$maria_port, database $db_name"; fi
    ;;
  stop)
    if wants postgres; then pg_stop; fi
    if wants mariadb; then maria_stop; fi
    ;;
  kill)
    [ "$servers" != all ] || { echo "usage: $0 kill {postgres|mariadb}" >&2; exit 2; }
    if wants postgres; then pg_kill; fi
    if wants mariadb; then maria_kill; fi
    ;;
  freeze | thaw)
    [ "$servers" != all ] || { echo "usage: $0 $1 {postgres|mariadb}" >&2; exit 2; }
    signal_server "$servers" "$([ "$1" = freeze ] && echo STOP || echo CONT)"
    ;;
  env)
    print_env
    ;;
  *)
    echo "usage: $0 {start|stop|env} [postgres|mariadb] | {kill|freeze|thaw} {postgres|mariadb}" >&2
    exit 2
    ;;
esac
