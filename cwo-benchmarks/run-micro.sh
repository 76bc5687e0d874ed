#!/usr/bin/env bash
# Builds cwo-benchmarks/target/benchmarks.jar and runs the JMH micro benchmarks with the settings
# their annotations give (1 fork; 3 warm-up and 5 measured iterations of 2-3 s), the allocation
# profiler (-prof gc) and CpuTimeProfiler (CPU per op of the benchmark threads and of the
# PostgreSQL server processes). Results: cwo-benchmarks/target/jmh/micro-<UTC time>.{txt,json}.
#
# Usage: cwo-benchmarks/run-micro.sh [INCLUDE-REGEX] [more JMH options]
#   cwo-benchmarks/run-micro.sh                          # all micro benchmarks (15-20 minutes)
#   cwo-benchmarks/run-micro.sh 'ParseBenchmark' -f 2    # one class, two forks
#   cwo-benchmarks/run-micro.sh 'Store' -p db=sqlite     # one database
# PostgreSQL is expected at 127.0.0.1:5432 (user postgres, trust, database test; override with
# JAVA_OPTS="-Dcwo.pg.url=... -Dcwo.pg.user=..."); when it does not answer, the store benchmarks
# run on SQLite only. Set MVN_OFFLINE=1 to build offline. JAVA_OPTS reaches the JMH host JVM only;
# pass -jvmArgsAppend for the forked benchmark JVMs.
set -euo pipefail
cd "$(dirname "$0")/.."

include='^dev\.cwo\.benchmarks\.micro\.'
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  include="$1"
  shift
fi

./mvnw -B -q ${MVN_OFFLINE:+-o} -pl cwo-benchmarks -am package -DskipTests

db_args=()
if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  echo "PostgreSQL does not answer on 127.0.0.1:5432: store benchmarks on SQLite only" >&2
  db_args=(-p db=sqlite)
fi

out=cwo-benchmarks/target/jmh
mkdir -p "$out"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
{
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(java -version 2>&1 | head -n 1), $(nproc) cores, $(uname -srm)"
  echo "# load average before the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  echo "# java -jar cwo-benchmarks/target/benchmarks.jar '$include' -prof gc -prof dev.cwo.benchmarks.micro.CpuTimeProfiler ${db_args[*]} $*"
} | tee "$out/micro-$stamp.txt"
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar cwo-benchmarks/target/benchmarks.jar "$include" \
  -prof gc -prof dev.cwo.benchmarks.micro.CpuTimeProfiler \
  -rf json -rff "$out/micro-$stamp.json" \
  "${db_args[@]}" "$@" | tee -a "$out/micro-$stamp.txt"
