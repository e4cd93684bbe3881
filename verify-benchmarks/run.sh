#!/usr/bin/env bash
# The verification benchmarks behind the published figures (about 14 minutes on 2 cores): JMH
# JSON in verify-benchmarks/results, rendered by Report into verify-benchmarks/README.md,
# docs/benchmarks.md and the root README (the sections between their markers). The request path
# and the stores have scripts of their own: run-request-path.sh, run-stores.sh.
#
# Run it on a quiet machine; the load average before and after is printed into the README.
# FORKS (default 1) sets the JMH forks of every target row: on this 2-core VM one fork's ratio
# moves by more than the targets' margins (verify-benchmarks/README.md, "Where targets are
# missed"), and FORKS=4 averages four JVMs per row (with one fork the target rows take about 7 of
# the run's 15 minutes).
# JAVA25 names a JDK 25 for the virtual-thread rows (run-twilio.sh, run last)
# [/usr/lib/jvm/temurin-25-jdk-amd64].
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ ! -x "$JAVA25/bin/java" ]; then
  echo "no JDK 25 at $JAVA25 (set JAVA25): the virtual-thread rows need one" >&2
  exit 1
fi

mvn -B -q -DskipTests package
JAR=verify-benchmarks/target/benchmarks.jar
OUT=verify-benchmarks/results
mkdir -p "$OUT"
rm -f "$OUT"/micro-*.json "$OUT"/precise-*.json
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)

# The targets are judged on these runs: every floor class's bare Mac beside the public API, in
# one JMH run per question, so a change of the machine's pace moves both sides.
PRECISE=(-f "${FORKS:-1}" -wi 3 -w 1s -i 5 -r 1s)
java -jar "$JAR" \
  'EndToEndBenchmark|StripeBenchmark|GithubBenchmark|StandardWebhooksBenchmark|SlackBenchmark|TwilioBenchmark' \
  -p sender=STRIPE,GITHUB,STANDARD_WEBHOOKS,SLACK,TWILIO -p size=64,1024,16384 -p forged=false \
  -p implementation=BARE_MAC "${PRECISE[@]}" -prof gc -rf json -rff "$OUT/precise-floors.json"
java -jar "$JAR" EndToEndBenchmark \
  -p sender=STRIPE,GITHUB,STANDARD_WEBHOOKS,SLACK,TWILIO,SHOPIFY,DISCORD -p size=1024 \
  -p forged=false,true "${PRECISE[@]}" -rf json -rff "$OUT/precise-forged.json"
for threads in 1 2; do
  java -jar "$JAR" 'EndToEndBenchmark|StripeBenchmark' -p sender=STRIPE -p size=1024 \
    -p forged=false -p implementation=BARE_MAC -t "$threads" "${PRECISE[@]}" \
    -rf json -rff "$OUT/precise-threads-$threads.json"
done

# Shorter runs: the peer SDKs at 1 KiB (the chart), the comparison site and signature decoding.
SHORT=(-f 1 -wi 2 -w 500ms -i 3 -r 1s)
java -jar "$JAR" 'StripeBenchmark|StandardWebhooksBenchmark|SlackBenchmark|TwilioBenchmark' \
  -p size=1024 -p forged=false "${SHORT[@]}" -rf json -rff "$OUT/micro-peers.json"
java -jar "$JAR" 'ConstantTimeBenchmark|CodecBenchmark' "${SHORT[@]}" \
  -rf json -rff "$OUT/micro-other.json"

HOOKVERIFY_BENCH_LOAD="$LOAD_BEFORE and $(cut -d' ' -f1 /proc/loadavg)" \
  java -cp "$JAR" dev.hookverify.benchmarks.Report "$OUT"

# Twilio's own table and the Mac strategies on platform and fresh virtual threads (JDK 25).
JDK25="$JAVA25/bin/java" bash verify-benchmarks/run-twilio.sh
