#!/usr/bin/env bash
# Twilio against its floor (forged and genuine, bytes per verification) on the default JDK, and the
# Mac strategies on reused platform threads and fresh virtual threads on JDK 25 (1 and 2 threads);
# JSON in verify-benchmarks/results/twilio*.json, rendered into the README's twilio section.
# A few minutes on 2 cores. JDK25 overrides the Temurin 25 java.
set -euo pipefail
cd "$(dirname "$0")/.."
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}

mvn -B -q -DskipTests package -pl verify-benchmarks -am
JAR=verify-benchmarks/target/benchmarks.jar
OUT=verify-benchmarks/results
mkdir -p "$OUT"
TIMES=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
echo "start: $(uptime)" > "$OUT/twilio-load.txt"

java -jar "$JAR" 'TwilioBenchmark|EndToEndBenchmark' -p implementation=BARE_MAC -p sender=TWILIO \
  -p size=64,1024 -p forged=false,true "${TIMES[@]}" -prof gc -rf json -rff "$OUT/twilio.json"
for threads in 1 2; do
  "$JDK25" -jar "$JAR" 'VirtualThreadBenchmark|MacStrategyBenchmark' -t "$threads" "${TIMES[@]}" \
    -prof gc -rf json -rff "$OUT/twilio-threads-$threads.json"
done
echo "end: $(uptime)" >> "$OUT/twilio-load.txt"

java -cp "$JAR" dev.hookverify.benchmarks.TwilioReport "$OUT"
