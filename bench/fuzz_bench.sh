#!/usr/bin/env bash
# Fuzzing figures: runs each libFuzzer target of fuzz/ for <seconds> (default
# 60) through scripts/fuzz.sh and prints one line per target:
#   P20 fuzz xclbin: 1234567 executions in 60 s, no crash (goal >= 10000000 in total)
# The goal (issue 19) is 10 M executions per target over all long runs with no
# crash, leak or hang; the corpus in <build>/fuzz/corpus/ carries over, so
# repeated runs add up.  Usage: bench/fuzz_bench.sh [seconds] [targets...]
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
shift || true
targets=${*:-$("$here/scripts/fuzz.sh" list)}
n=20
for t in $targets; do
  out=$(mktemp)
  "$here/scripts/fuzz.sh" "$t" "$secs" >"$out" 2>&1
  rc=$?
  line=$(tail -1 "$out")
  rm -f "$out"
  runs=$(echo "$line" | sed -nE 's/^fuzz [a-z_]+: ([0-9]+) executions.*/\1/p')
  verdict="no crash"
  ((rc != 0)) && verdict="FAILED (artifacts in ${BUILD_DIR:-$here/build}/fuzz/artifacts/$t/)"
  echo "P$n fuzz $t: ${runs:-0} executions in $secs s, $verdict (goal >= 10000000 in total)"
  n=$((n + 1))
done
