#!/usr/bin/env bash
# A fixed, short subset of the benchmarks (a few minutes on 2 cores), JSON results, a chart and
# tables: verify-benchmarks/README.md and the marked section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests package
JAR=verify-benchmarks/target/benchmarks.jar
OUT=verify-benchmarks/results
mkdir -p "$OUT"
rm -f "$OUT"/*.json
SHORT=(-f 1 -wi 2 -w 500ms -i 3 -r 1s)

# Ours, the bare-Mac floor and every peer, on the same inputs.
java -jar "$JAR" 'StripeBenchmark|StandardWebhooksBenchmark|SlackBenchmark|TwilioBenchmark' \
  -p size=64,1024,16384 -p forged=false "${SHORT[@]}" -rf json -rff "$OUT/peers.json"
java -jar "$JAR" 'StripeBenchmark|StandardWebhooksBenchmark|SlackBenchmark|TwilioBenchmark' \
  -p size=1024 -p forged=true "${SHORT[@]}" -rf json -rff "$OUT/peers-forged.json"
# End to end through the public API, with allocation per operation.
java -jar "$JAR" EndToEndBenchmark -p forged=false -p size=64,1024,16384,1048576 "${SHORT[@]}" \
  -prof gc -rf json -rff "$OUT/end-to-end-accepted.json"
java -jar "$JAR" EndToEndBenchmark -p forged=true -p size=64,1024 "${SHORT[@]}" \
  -prof gc -rf json -rff "$OUT/end-to-end-forged.json"
# The other hot paths, at 1 and 2 threads where contention could show.
for threads in 1 2; do
  java -jar "$JAR" 'MacStrategyBenchmark|IdempotencyBenchmark' -t "$threads" "${SHORT[@]}" \
    -rf json -rff "$OUT/threads-$threads.json"
done
java -jar "$JAR" 'SignatureEngineBenchmark|ConstantTimeBenchmark|DeliveryIdBenchmark' \
  "${SHORT[@]}" -rf json -rff "$OUT/other.json"

# The targets are judged on longer runs (5 x 2 s), where the short run's noise would decide.
PRECISE=(-f 1 -wi 3 -w 1s -i 5 -r 2s)
java -jar "$JAR" EndToEndBenchmark -p sender=STRIPE,GITHUB,STANDARD_WEBHOOKS,TWILIO \
  -p size=64,1024 "${PRECISE[@]}" -rf json -rff "$OUT/precise-forged.json"
for threads in 1 2; do
  java -jar "$JAR" 'EndToEndBenchmark|StripeBenchmark' -p sender=STRIPE -p size=1024 \
    -p forged=false -p implementation=BARE_MAC -t "$threads" "${PRECISE[@]}" \
    -rf json -rff "$OUT/precise-threads-$threads.json"
done

java -cp "$JAR" dev.hookverify.benchmarks.Report "$OUT"
