#!/usr/bin/env bash
# Runs one libFuzzer target of fuzz/ (docs/reliability.md).
#   scripts/fuzz.sh <target> <seconds>   long run, as fresh processes of
#                                        $XRTEMU_FUZZ_CHUNK (600) seconds each;
#                                        the corpus grows in
#                                        <build>/fuzz/corpus/<target>, crashes
#                                        land in <build>/fuzz/artifacts/<target>/
#   scripts/fuzz.sh <target> test        the ctest run: $XRTEMU_FUZZ_RUNS
#                                        (3000) executions from the seeds, in
#                                        a scratch corpus
#   scripts/fuzz.sh list                 the targets
# Extra arguments go to the fuzzer (e.g. -jobs=2, -max_len=4096).  The last
# line printed is "fuzz <target>: <n> executions in <s> s, <rate>/s".
# Targets: xclbin cfg kernel_xml platform emconfig ert.  Build dir: $BUILD_DIR
# or ./build (configured with clang++-14 + libclang-rt-14-dev present).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
targets="xclbin cfg kernel_xml platform emconfig ert"
if [[ ${1:-} == list ]]; then echo "$targets"; exit 0; fi
if [[ $# -lt 2 ]]; then
  echo "usage: scripts/fuzz.sh <target> <seconds>|test [fuzzer args...]   (targets: $targets)" >&2
  exit 2
fi
target=$1 how=$2
shift 2
bin=$build/fuzz/bin/fuzz_$target
[[ " $targets " == *" $target "* ]] || { echo "fuzz.sh: unknown target '$target' (targets: $targets)" >&2; exit 2; }
[[ -x $bin ]] || { echo "fuzz.sh: $bin not built (needs clang++-14 and libclang-rt-14-dev; cmake option XRTEMU_FUZZ)" >&2; exit 2; }

# Seeds: the project's own files of the kind, gathered into one directory.
seeds=$build/fuzz/seeds/$target
rm -rf "$seeds" && mkdir -p "$seeds"
gather() {   # gather <dir> <find name pattern>...
  local dir=$1; shift
  [[ -d $dir ]] || return 0
  local args=() first=1
  for p in "$@"; do ((first)) || args+=(-o); args+=(-name "$p"); first=0; done
  find "$dir" \( -path "$build" -o -name 'build*' -o -name .git \) -prune -o -type f \( "${args[@]}" \) -size -256k \
    -print0 | while IFS= read -r -d '' f; do cp "$f" "$seeds/$(echo "$f" | md5sum | cut -c1-12)-$(basename "$f")"; done
}
case $target in
  xclbin)     gather "$build/xclbin" '*.xclbin'; gather "$here/xclbin/tests" '*.xclbin' ;;
  cfg)        gather "$here" '*.cfg' ;;
  kernel_xml) gather "$here" 'kernel*.xml' '*.kernel.xml'; gather "$build/xclbin" '*.xml' ;;
  platform)   gather "$here/share/xrtemu/platforms" '*.json'; gather "$here/cards/tests" '*.json' ;;
  emconfig)   : ;;
  ert)        : ;;
esac
[[ -d $here/fuzz/seeds/$target ]] && cp "$here/fuzz/seeds/$target"/* "$seeds"/ 2>/dev/null || true

artifacts=$build/fuzz/artifacts/$target
mkdir -p "$artifacts"
log=$(mktemp)
if [[ $how == test ]]; then
  corpus=$(mktemp -d)
  trap 'rm -rf "$corpus" "$log"' EXIT
  chunks=("-runs=${XRTEMU_FUZZ_RUNS:-3000} -seed=1")
else
  trap 'rm -f "$log"' EXIT
  corpus=$build/fuzz/corpus/$target
  mkdir -p "$corpus"
  # Long runs: ASan's stack capture and fill on every allocation were most
  # of a file parser's cost (xclbin: 214 -> 375 executions/s).  A finding
  # still stops the run; rerun its artifact (`$bin <file>`) for the
  # allocation and free stacks.  Set ASAN_OPTIONS to override.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0:max_malloc_fill_size=0}
  # A long run is a series of fresh processes of XRTEMU_FUZZ_CHUNK seconds
  # (600) on the same corpus, so a process that has run into a slow state
  # (below) does not stay there for hours.
  chunk=${XRTEMU_FUZZ_CHUNK:-600}
  [[ $how =~ ^[0-9]+$ && $chunk =~ ^[1-9][0-9]*$ ]] ||
    { echo "fuzz.sh: seconds must be a whole number (got '$how'), XRTEMU_FUZZ_CHUNK too (got '$chunk')" >&2; exit 2; }
  chunks=()
  for ((left = how; left > 0; left -= chunk)); do
    chunks+=("-max_total_time=$((left < chunk ? left : chunk))")
  done
fi
start=$(date +%s.%N)
runs=0 rc=0
for limit in "${chunks[@]}"; do
  set +e
  # -rss_limit_mb is libFuzzer's default, 2048.  Once a process's peak RSS
  # passes half of it, libFuzzer hands all of ASan's free memory back to the
  # kernel every second (-purge_allocator_interval), and every allocation
  # after that faults in fresh pages: at 1024 the xclbin target's peak (about
  # 600 MB, most of it ASan's quarantine) crossed the line within minutes and
  # the process ran at half speed (docs/reliability.md, "Long runs").
  # shellcheck disable=SC2086  # $limit is one or two fuzzer flags
  "$bin" $limit -artifact_prefix="$artifacts/" -print_final_stats=1 -rss_limit_mb=2048 -timeout=10 \
    "$@" "$corpus" "$seeds" 2>&1 | tee "$log" | grep -v -E '^#[0-9]+\s+(NEW|REDUCE|pulse)'
  rc=${PIPESTATUS[0]}
  set -e
  n=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
  runs=$((runs + ${n:-0}))
  ((rc == 0)) || break
done
end=$(date +%s.%N)
awk -v t="$target" -v n="$runs" -v a="$start" -v b="$end" \
  'BEGIN { s = b - a; printf "fuzz %s: %d executions in %.1f s, %.0f/s\n", t, n, s, (s > 0 ? n / s : 0) }'
exit "$rc"
