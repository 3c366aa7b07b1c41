#!/usr/bin/env bash
# Builds reconciler-benchmarks/target/benchmarks.jar and runs the JMH benchmarks with short settings: one fork,
# 3 warmup and 5 measured iterations of 1 s each (about four minutes for all of them on 2 cores).
# Extra arguments go to JMH; an option given there replaces the default of the same name. Examples:
#   scripts/bench.sh PlanBenchmark -p deckies=10000    # one benchmark, one fleet size
#   scripts/bench.sh -i 10 -r 2s                       # measure longer
#   scripts/bench.sh -h                                # JMH's options
# BENCH_SKIP_BUILD=1 reuses the jar already built. Results are also written as JSON to
# reconciler-benchmarks/target/jmh-result.json (unless -rff says otherwise).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
jar=reconciler-benchmarks/target/benchmarks.jar

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -pl reconciler-benchmarks -am package -DskipTests
fi
if [ ! -f "$jar" ]; then
  echo "bench.sh: $jar is missing; run without BENCH_SKIP_BUILD=1 to build it" >&2
  exit 1
fi

# JMH rejects an option given twice, so a default is passed only when the caller did not give that option.
defaults=(-f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff reconciler-benchmarks/target/jmh-result.json)
args=()
for ((k = 0; k < ${#defaults[@]}; k += 2)); do
  given=0
  for arg in "$@"; do
    [ "$arg" = "${defaults[k]}" ] && given=1
  done
  [ "$given" = 1 ] || args+=("${defaults[k]}" "${defaults[k + 1]}")
done
exec java -jar "$jar" "${args[@]}" "$@"
