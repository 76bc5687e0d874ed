#!/usr/bin/env bash
# Builds cwo-benchmarks and runs every benchmark, then writes BENCHMARKS.md at the repository root.
#
#   cwo-benchmarks/run-all.sh                 # all end-to-end scenarios + micro benchmarks -> BENCHMARKS.md
#   cwo-benchmarks/run-all.sh cpu memory      # only these scenarios -> cwo-benchmarks/target/BENCHMARKS.md
#
# End-to-end scenarios: cpu, polite, latency, memory, resume (and smoke, the CI one). Each runs the
# simulated site and the scraper in separate JVMs (see dev.cwo.benchmarks.e2e.EndToEndBenchmark).
# Environment: CWO_MVN_OPTS (extra Maven flags, e.g. -o), CWO_BENCH_WORK (work directory; default a
# temporary one), CWO_BENCH_SCRAPER_JVM_ARGS (extra JVM options for every scraping process, e.g.
# "-XX:StartFlightRecording=filename=/tmp/scrape.jfr"), CWO_BENCH_SKIP_MICRO=1 (skip the micro
# benchmarks), CWO_BENCH_OUT (where the report goes).
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"

scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then
  scenarios=(cpu polite latency memory resume)
  out=${CWO_BENCH_OUT:-$root/BENCHMARKS.md}
  micro=${CWO_BENCH_SKIP_MICRO:-0}
else
  out=${CWO_BENCH_OUT:-$root/cwo-benchmarks/target/BENCHMARKS.md}
  micro=1 # a chosen subset runs no micro benchmarks
  [ "${CWO_BENCH_SKIP_MICRO:-1}" = 0 ] && micro=0
fi
work=${CWO_BENCH_WORK:-$(mktemp -d -t cwo-bench-XXXXXX)}
mkdir -p "$work"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

echo "== building cwo-benchmarks (tests skipped)"
build_cmd="./mvnw -B -q ${CWO_MVN_OPTS:-} -pl cwo-benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/e2e.classpath"
$build_cmd
cp="$root/cwo-benchmarks/target/classes:$(cat "$root/cwo-benchmarks/target/e2e.classpath")"

joined=$(IFS=,; echo "${scenarios[*]}")
e2e_cmd="$java -Dcwo.bench.scraperJvmArgs=\"${CWO_BENCH_SCRAPER_JVM_ARGS:-}\" -cp <classpath> dev.cwo.benchmarks.e2e.EndToEndBenchmark --scenarios $joined --work $work"
echo "== end-to-end: $joined (work directory $work)"
started=$(date -u +"%Y-%m-%d %H:%M UTC")
"$java" -Dcwo.bench.scraperJvmArgs="${CWO_BENCH_SCRAPER_JVM_ARGS:-}" -cp "$cp" \
  dev.cwo.benchmarks.e2e.EndToEndBenchmark --scenarios "$joined" --work "$work" \
  --out "$work/e2e-results.md" 2>&1 | tee "$work/e2e.log"

micro_md=""
if [ "$micro" = 0 ]; then
  if [ -x "$root/cwo-benchmarks/run-micro.sh" ]; then
    echo "== micro benchmarks: cwo-benchmarks/run-micro.sh"
    case " ${CWO_MVN_OPTS:-} " in *" -o "*) export MVN_OFFLINE=1 ;; esac
    "$root/cwo-benchmarks/run-micro.sh" 2>&1 | tee "$work/micro.log"
    micro_md="Command: \`cwo-benchmarks/run-micro.sh\` (its output, verbatim):"$'\n\n```\n'"$(tail -n 200 "$work/micro.log")"$'\n```\n'
  else
    # HOOK: the JMH micro benchmarks plug in here once cwo-benchmarks/run-micro.sh exists.
    micro_md="Not run: cwo-benchmarks/run-micro.sh did not exist when this report was made (hook in run-all.sh)."$'\n'
  fi
else
  micro_md="Not run in this invocation (a chosen subset of scenarios, or CWO_BENCH_SKIP_MICRO=1)."$'\n'
fi

cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
mem_total=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo 2>/dev/null || echo unknown)
jdk=$("$java" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')
mvn_version=$(./mvnw -v -B -q 2>/dev/null | head -1 || echo unknown)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)

{
  echo "# cwo benchmarks"
  echo
  echo "Written by \`cwo-benchmarks/run-all.sh\`; run started $started, finished $(date -u +"%Y-%m-%d %H:%M UTC")."
  echo
  echo "## Machine and versions"
  echo
  echo "- CPU: $cpu_model, $(nproc) cores visible to the JVM ($(getconf _NPROCESSORS_ONLN) online)"
  echo "- Memory: $mem_total"
  echo "- OS: $(uname -sr)"
  echo "- JDK: $jdk"
  echo "- Maven: $mvn_version"
  echo "- cwo: $(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1), commit $commit$dirty"
  echo
  echo "**The machine was shared** with other builds and test runs while these figures were"
  echo "taken (two cores between several jobs), so times and CPU figures are noisier, and"
  echo "slower, than on an idle machine; CPU seconds are less affected than wall time."
  echo
  echo "## Commands"
  echo
  echo '```'
  echo "$build_cmd"
  echo "$e2e_cmd"
  echo '```'
  echo
  echo "Each scenario below also names the command that reruns it alone."
  echo
  echo "## End-to-end scenarios"
  echo
  echo "The simulated site (\`SimulatedCwoSiteMain\`) and the scraper (\`ScrapeWorker\`) each run in"
  echo "their own JVM; the figures are the scraping process's own: wall time from building its parts"
  echo "to closing them, requests it sent (counted on the wire, retries included), CPU time of the"
  echo "whole process (JVM start, JIT and GC included) per 1,000 requests, peak RSS (\`VmHWM\`) and the"
  echo "largest heap left after a garbage collection. Exactness: the SQLite store, read back after the"
  echo "scraper ended, equals the site's ground truth (every vehicle field, every combination and"
  echo "range, nothing extra, no failures journaled)."
  echo
  cat "$work/e2e-results.md"
  if [ -f "$root/cwo-benchmarks/BENCHMARKS-notes.md" ]; then
    echo "## Analysis"
    echo
    cat "$root/cwo-benchmarks/BENCHMARKS-notes.md"
    echo
  fi
  echo "## Micro benchmarks (JMH)"
  echo
  printf '%s\n' "$micro_md"
} > "$out"
echo "== report written to $out"
