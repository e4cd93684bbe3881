#!/usr/bin/env bash
# Before and after, side by side in one run (issue 9: "the redesign does not slow the hot path"):
# builds benchmarks.jar from BASE_COMMIT (in a temporary git worktree under /tmp, removed
# afterwards) and from this checkout as it is (uncommitted changes included), then runs
# EndToEndBenchmark with both jars, alternating before and after in every round, and prints one
# table (dev.hookverify.benchmarks.Compare). Read verify-benchmarks/README.md, "Before and
# after". Run it on a quiet machine: a load average above 2 on 2 cores makes the numbers noise.
#
#   bash verify-benchmarks/compare.sh fd051b5
#
# Environment (defaults in brackets): ROUNDS [3]; SENDERS [STRIPE,GITHUB,STANDARD_WEBHOOKS,
# SLACK,TWILIO,SHOPIFY,DISCORD], kept only where both jars have them; SIZES [64,1024];
# FORGED [false,true]; JMH_TIMES [-wi 2 -w 500ms -i 3 -r 500ms]; OUT [/tmp/bench-compare], where
# the JSON results and JMH's output are kept. The defaults run 7 senders x 2 sizes x 2 = 28 forks
# per jar and round, each about 3.5 s (2.5 s timed, plus JVM start and setup): about 10 minutes
# on 2 cores, plus 1-2 minutes for the two builds. JMH_TIMES='-wi 2 -w 1s -i 3 -r 1s' makes the
# measurement about 16 minutes; ROUNDS=2 cuts it by a third.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BASE_COMMIT" >&2
  exit 2
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BASE=$(git rev-parse --verify --quiet "$1^{commit}") || { echo "not a commit: $1" >&2; exit 2; }
ROUNDS=${ROUNDS:-3}
SENDERS=${SENDERS:-STRIPE,GITHUB,STANDARD_WEBHOOKS,SLACK,TWILIO,SHOPIFY,DISCORD}
SIZES=${SIZES:-64,1024}
FORGED=${FORGED:-false,true}
JMH_TIMES=${JMH_TIMES:--wi 2 -w 500ms -i 3 -r 500ms}
OUT=${OUT:-/tmp/bench-compare}
BEFORE_JAR=/tmp/bench-before.jar
AFTER_JAR=/tmp/bench-after.jar

load() { cut -d' ' -f1 /proc/loadavg; }
# Maven's output goes to a log, shown only when the build fails.
build() {
  (cd "$1" && mvn -B -q -DskipTests package -pl verify-benchmarks -am) >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; echo "build failed in $1" >&2; exit 1; }
}
LOAD_START=$(load)

WORK=$(mktemp -d /tmp/hookverify-compare.XXXXXX)
cleanup() {
  git -C "$ROOT" worktree remove --force "$WORK/base" 2>/dev/null || true
  git -C "$ROOT" worktree prune
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "building before ($(git log -1 --format='%h %s' "$BASE" | cut -c1-80))" >&2
git worktree add --quiet --detach "$WORK/base" "$BASE"
build "$WORK/base"
cp "$WORK/base/verify-benchmarks/target/benchmarks.jar" "$BEFORE_JAR"

AFTER_NAME="$(git log -1 --format='%h' HEAD)"
if [ -n "$(git status --porcelain)" ]; then
  AFTER_NAME="$AFTER_NAME + uncommitted changes"
fi
echo "building after ($AFTER_NAME)" >&2
build "$ROOT"
cp verify-benchmarks/target/benchmarks.jar "$AFTER_JAR"

# The senders both jars have: JMH lists each parameter's values with -lp.
senders_in() {
  java -jar "$1" -lp 'EndToEndBenchmark' | sed -n 's/^ *param "sender" = {\(.*\)}$/\1/p' \
    | tr -d ' ' | tr ',' '\n'
}
COMMON=$(comm -12 <(senders_in "$BEFORE_JAR" | sort) <(senders_in "$AFTER_JAR" | sort))
KEPT=()
for sender in ${SENDERS//,/ }; do
  if grep -qx "$sender" <<<"$COMMON"; then
    KEPT+=("$sender")
  else
    echo "skipping $sender: not in both jars" >&2
  fi
done
[ ${#KEPT[@]} -gt 0 ] || { echo "no sender in both jars" >&2; exit 1; }
KEPT_LIST=$(IFS=,; echo "${KEPT[*]}")

mkdir -p "$OUT"
rm -f "$OUT"/before-*.json "$OUT"/after-*.json "$OUT"/before-*.log "$OUT"/after-*.log
# Odd rounds run before first, even rounds after first, so a drift of the machine during the run
# does not always favour the same side.
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then order="before after"; else order="after before"; fi
  for side in $order; do
    jar=$BEFORE_JAR
    [ "$side" = after ] && jar=$AFTER_JAR
    echo "round $round/$ROUNDS: $side (load $(load))" >&2
    # shellcheck disable=SC2086 # JMH_TIMES is a list of options
    java -jar "$jar" EndToEndBenchmark -p sender="$KEPT_LIST" -p size="$SIZES" \
      -p forged="$FORGED" -f 1 $JMH_TIMES -prof gc -rf json -rff "$OUT/$side-$round.json" \
      >"$OUT/$side-$round.log"
  done
done
LOAD_END=$(load)

echo
echo "EndToEndBenchmark, before = $(git log -1 --format='%h' "$BASE"), after = $AFTER_NAME;" \
  "$ROUNDS round(s) of {before, after}, each \`-f 1 $JMH_TIMES -prof gc\`;" \
  "$(java -version 2>&1 | head -1), $(nproc) cores, load average $LOAD_START at start," \
  "$LOAD_END at end."
awk -v a="$LOAD_START" -v b="$LOAD_END" 'BEGIN { exit !(a > 2 || b > 2) }' \
  && echo "WARNING: load average above 2: other work shared the cores; these numbers are noise."
echo
java -cp "$AFTER_JAR" dev.hookverify.benchmarks.Compare "$OUT"
