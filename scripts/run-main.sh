#!/usr/bin/env bash
# The main job, end to end: builds the fleet-reconciler jar, then runs one reconcile of the example state file
# into a SQLite database, and prints DECNET's counts line plus the details line.
#   scripts/run-main.sh                      # database: .run-main/decnet.db (kept between runs)
#   FLEET_DB_URL=jdbc:sqlite:/tmp/x.db scripts/run-main.sh
# Docker: uses DOCKER_HOST (default unix:///var/run/docker.sock). Without a reachable Docker daemon it still
# works: rows are inserted with DECNET's default state (running), no state is changed, and the details line says
# docker=unusable. Exit code 0 on success.
set -euo pipefail
shopt -s extglob
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
command -v java >/dev/null || { echo "error: needs a JDK 17+ (java not found)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "error: needs Maven 3.8+ (mvn not found)" >&2; exit 1; }

echo "[run-main] building reconciler-cli/target/fleet-reconciler.jar" >&2
# Maven's own output goes to stderr (without colour codes), so stdout carries only the reconcile report.
mvn -B -q -DskipTests -pl reconciler-cli -am package 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2

mkdir -p .run-main
db=${FLEET_DB_URL:-jdbc:sqlite:$repo/.run-main/decnet.db}
echo "[run-main] fleet-reconciler reconcile --once --state examples/decnet-state.json --db ${db//password=*([^&])/password=***}" >&2
bin/fleet-reconciler reconcile --once --state examples/decnet-state.json --db "$db"
