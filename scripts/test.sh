#!/usr/bin/env bash
# Runs the whole test suite the way CI does: installs and starts a private Docker engine, PostgreSQL and
# MariaDB (scripts/services/*.sh, idempotent), exports where they listen, then runs `mvn -B verify`.
# Extra arguments go to Maven (e.g. `scripts/test.sh -pl reconciler-jdbi -am`).
# FLEET_KEEP_SERVICES=1 leaves the services running afterwards (faster reruns).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
export FLEET_SERVICES_DIR=${FLEET_SERVICES_DIR:-$repo/.services}
mkdir -p "$FLEET_SERVICES_DIR"

log() { printf '[test.sh %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

for tool in java mvn; do
  command -v "$tool" >/dev/null || { log "missing $tool: this script needs a JDK 17 and Maven 3.8+"; exit 1; }
done

watchdog_pid=
cleanup() {
  [ -n "$watchdog_pid" ] && kill "$watchdog_pid" 2>/dev/null || true
  if [ "${FLEET_KEEP_SERVICES:-0}" != 1 ]; then
    log "stopping services (FLEET_KEEP_SERVICES=1 keeps them)"
    bash scripts/services/docker.sh stop || true
    bash scripts/services/databases.sh stop || true
  fi
}
trap cleanup EXIT

for svc in docker databases; do
  log "starting $svc"
  bash "scripts/services/$svc.sh" start
  eval "$(bash "scripts/services/$svc.sh" env)"
done
export FLEET_IT_DOCKER_HOST FLEET_IT_DOCKER_IMAGE FLEET_IT_POSTGRES_URL FLEET_IT_MARIADB_URL

# Docker 20.10 can wedge under heavy container churn: while the tests run, restart the engine we started if it
# stops answering (docker.sh start is a no-op on a healthy engine).
(
  while sleep 30; do
    bash scripts/services/docker.sh start >/dev/null 2>&1 || log "docker watchdog: restart failed"
  done
) &
watchdog_pid=$!

log "mvn -B verify $*"
mvn -B verify "$@"
