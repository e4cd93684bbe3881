#!/usr/bin/env bash
# The stores against their floors (issue 15), a few minutes on 2 cores: the PostgreSQL and Redis
# claims and the inbox acceptance beside one bare statement each, through the same pool or client,
# on real servers the benchmarks start and stop themselves; the in-memory store at 1 and 2 threads.
# JSON in verify-benchmarks/results/stores*.json, rendered by StoreReport into the stores section
# of verify-benchmarks/README.md. Not run by .ci/run.
#
#   ROUNDS=2        rounds of every store beside its floor (the order alternates between rounds)
#   SKIP_BUILD=1    use the benchmarks.jar already built
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-2}
JAR=verify-benchmarks/target/benchmarks.jar
OUT=verify-benchmarks/results
SETTINGS=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
COMMAND="bash verify-benchmarks/run-stores.sh"
if [ "$ROUNDS" != 2 ]; then COMMAND="ROUNDS=$ROUNDS $COMMAND"; fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -o -DskipTests package -pl verify-benchmarks -am
fi
mkdir -p "$OUT"
rm -f "$OUT"/stores*.json "$OUT"/stores-environment.txt

# Whatever this script starts (a JMH run, whose forks start and stop the servers) is stopped with it.
child=
trap 'if [ -n "$child" ]; then kill "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; fi' EXIT
run() {
  "$@" &
  child=$!
  wait "$child"
  child=
}

# One JMH run; when another user's JMH run holds /tmp/jmh.lock, wait for it rather than overlap
# (JMH then exits with 0 having run nothing, so its log is what tells).
jmh() {
  local log
  log=$(mktemp)
  for _ in $(seq 1 90); do
    run java -jar "$JAR" "$@" >"$log" 2>&1 || true
    if grep -q 'Unable to acquire the JMH lock' "$log"; then
      echo "another JMH run holds /tmp/jmh.lock; waiting" >&2
      sleep 10
      continue
    fi
    if grep -q '^# Run complete' "$log" && ! grep -qE '<failure>|^ERROR' "$log"; then
      grep -E '^(Benchmark|[A-Za-z]+Benchmark\.)' "$log" || true
      rm -f "$log"
      return 0
    fi
    cat "$log" >&2
    rm -f "$log"
    return 1
  done
  rm -f "$log"
  return 1
}

echo "load at start: $(uptime)"
{
  echo "load at start: $(uptime | sed 's/.*load average/load average/')"
  run java -cp "$JAR" dev.hookverify.benchmarks.StoreRoundTrips 2>/dev/null
} >"$OUT/stores-environment.txt"

for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order=HOOKVERIFY,FLOOR; else order=FLOOR,HOOKVERIFY; fi
  jmh 'PostgresStoreBenchmark|RedisStoreBenchmark|InboxBenchmark' -p implementation="$order" \
    -p redis=V6_2,V7 "${SETTINGS[@]}" -rf json -rff "$OUT/stores-round$round.json"
done
for threads in 1 2; do
  jmh IdempotencyBenchmark -p key=NEW -p implementation=HOOKVERIFY,BARE_MAP -t "$threads" \
    "${SETTINGS[@]}" \
    -rf json -rff "$OUT/stores-memory-t$threads.json"
done

echo "load at end: $(uptime | sed 's/.*load average/load average/')" >>"$OUT/stores-environment.txt"
echo "load at end: $(uptime)"
java -cp "$JAR" dev.hookverify.benchmarks.StoreReport "$OUT" "$COMMAND"
