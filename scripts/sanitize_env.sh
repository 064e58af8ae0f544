# Sourced by scripts/sanitize.sh: the environment every process of the
# sanitizer build runs in (build steps that run our tools, and the tests).
here=${here:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export ASAN_OPTIONS="abort_on_error=0:detect_leaks=1:suppressions=$here/scripts/asan.supp${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$here/scripts/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$here/scripts/ubsan.supp${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
