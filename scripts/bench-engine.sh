#!/usr/bin/env bash
# The real-engine benchmark (reconciler-benchmarks, io.decnet.reconciler.benchmarks.engine.EngineBenchmark): a
# pass on a real Docker engine and real SQLite/PostgreSQL/MariaDB for N = 50, 500 and 2,000 deckies × 2 containers,
# next to the bare reads (state file bytes, one SELECT, one list call). Starts the services it needs (the private
# engine and databases of scripts/services, idempotent), builds the benchmark jar, runs, cleans up what it made.
# Arguments go to the runner, e.g.:
#   scripts/bench-engine.sh                                        # everything (about 10 minutes on 2 cores)
#   scripts/bench-engine.sh --sizes 50 --passes 5 --databases sqlite   # a smoke run
#   scripts/bench-engine.sh --freshness       # kill -> row, state file rename -> row, passes per event burst
#                                             # with the real long-lived command (500 deckies; --deckies N ...)
# BENCH_SKIP_BUILD=1 reuses the jar already built.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
export FLEET_SERVICES_DIR=${FLEET_SERVICES_DIR:-$repo/.services}
jar=reconciler-benchmarks/target/benchmarks.jar

for svc in docker databases; do
  bash "scripts/services/$svc.sh" start >&2
  eval "$(bash "scripts/services/$svc.sh" env)"
done
export FLEET_IT_DOCKER_HOST FLEET_IT_DOCKER_IMAGE FLEET_IT_POSTGRES_URL FLEET_IT_MARIADB_URL

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -pl reconciler-benchmarks,reconciler-cli -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
fi
main=io.decnet.reconciler.benchmarks.engine.EngineBenchmark
if [ "${1:-}" = --freshness ]; then
  shift
  main=io.decnet.reconciler.benchmarks.engine.FreshnessBenchmark
fi
exec java -XX:+UseSerialGC -cp "$jar" "$main" "$@"
