#!/usr/bin/env bash
# ASan+UBSan build of the whole tree in ./build-asan (or $BUILD_DIR), then the
# full test suite under it.  Extra arguments go to ctest (e.g. -R xclbin).
# See docs/reliability.md for what is instrumented and why LD_PRELOAD is set.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build-asan}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
source "$here/scripts/sanitize_env.sh"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXRTEMU_SANITIZE=address,undefined "${launcher[@]}"
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j2 "$@"
