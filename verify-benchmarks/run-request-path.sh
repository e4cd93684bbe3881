#!/usr/bin/env bash
# The request path (issue 15): what hookverify adds to a real HTTP request. The shipped servlet
# filter in Jetty on loopback, driven by wrk, in five scenarios at 1 KiB: a bare endpoint,
# verification (Stripe), verification + in-memory claim, verification + PostgreSQL claim (embedded
# PostgreSQL 14, HikariCP) and inbox acceptance (no workers), each in a fresh server JVM; then, in
# the verification server, bare (the same servlet unfiltered, at /bare) and verification measured
# alternately in short paired windows, on which the 10 % target is judged (a drift of the shared
# machine moves both); then FilterBenchmark, the filter's own work without a container (JMH).
# Writes verify-benchmarks/results/request-path.json and filter.json and renders the request-path
# section of verify-benchmarks/README.md. About 8 minutes on 2 cores; every process it starts is
# stopped (the servers stop their PostgreSQL), and it fails on any non-2xx answer, repeated
# delivery or wrk error.
#   bash verify-benchmarks/run-request-path.sh
# Overrides (environment): WARMUP (s, 10), SECONDS_MEASURED (s, 15), CONNECTIONS (16),
# SCENARIOS (comma-separated, default below), PAIRED_ROUNDS (6), PAIRED_SECONDS (5), SERVER_JVM
# (the server JVM's options, e.g. a JFR recording), RATE (the most requests a second each batch of
# signed deliveries is sized for, 50000; the run fails if wrk runs out).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is missing: sudo apt-get install -y wrk (Debian's 4.1.0)" >&2
    exit 1
  fi
fi

WARMUP=${WARMUP:-10}
SECONDS_MEASURED=${SECONDS_MEASURED:-15}
CONNECTIONS=${CONNECTIONS:-16}
SCENARIOS=${SCENARIOS:-BARE,VERIFY,MEMORY_CLAIM,POSTGRES_CLAIM,INBOX}
PAIRED_ROUNDS=${PAIRED_ROUNDS:-6}
PAIRED_SECONDS=${PAIRED_SECONDS:-5}
RATE=${RATE:-50000}
SERVER_JVM=${SERVER_JVM:--Xms1g -Xmx1g}
OUT=verify-benchmarks/results
mkdir -p "$OUT"

echo "=== $(date -u +%FT%TZ) uptime:$(uptime)"
# The server and driver are verify-it test classes (Jetty, embedded PostgreSQL, HikariCP); the
# class path comes from the same reactor build, so nothing needs installing into ~/.m2.
mvn -B -q -o -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt -pl verify-it,verify-benchmarks -am
CP="verify-it/target/test-classes:$(cat verify-it/target/test-classpath.txt)"

# 1 wrk thread: 2 cores are shared by the server, PostgreSQL and wrk itself.
timeout 900 java -cp "$CP" \
  -Drequestpath.scenarios="$SCENARIOS" -Drequestpath.warmup="$WARMUP" \
  -Drequestpath.seconds="$SECONDS_MEASURED" -Drequestpath.connections="$CONNECTIONS" \
  -Drequestpath.threads=1 -Drequestpath.serverJvm="$SERVER_JVM" -Drequestpath.rate="$RATE" \
  -Drequestpath.pairedRounds="$PAIRED_ROUNDS" -Drequestpath.pairedSeconds="$PAIRED_SECONDS" \
  -Drequestpath.command="bash verify-benchmarks/run-request-path.sh" \
  dev.hookverify.requestpath.RequestPathRun "$OUT/request-path.json" \
  verify-benchmarks/request-path.lua

# The filter's own work without a container, beside it (about 40 s).
java -jar verify-benchmarks/target/benchmarks.jar FilterBenchmark -prof gc -rf json \
  -rff "$OUT/filter.json"

java -cp verify-benchmarks/target/benchmarks.jar dev.hookverify.benchmarks.RequestPathReport "$OUT"
echo "=== $(date -u +%FT%TZ) uptime:$(uptime)"
