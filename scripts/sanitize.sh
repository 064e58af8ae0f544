#!/usr/bin/env bash
# ASan+UBSan build of the whole tree in ./build-asan (or $BUILD_DIR), then the
# full test suite under it.  Extra arguments go to ctest (e.g. -R xclbin).
#   scripts/sanitize.sh [ctest args...]   everything (33 min of build on 2 cores when it compiled at -O2 -g; less at today's -O1 -g1)
#   scripts/sanitize.sh --ci              the part CI runs (.ci/run): only the
#                                         targets of the tests listed below
# See docs/reliability.md for what is instrumented and why LD_PRELOAD is set.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build-asan}

# The CI subset: every unit test of the readers and the card model, and the
# stock-XRT paths with the most concurrency (native and OpenCL hosts, the HAL,
# execution modes with callbacks, fault injection, the memory checker).  A
# cold build of these is about 22 CPU-minutes (-O1 -g1), the tests under a minute.
ci_tests=(xclbin_tests cards_platform_file cards_device_list
          emu_memory_bank emu_interconnect emu_control_block emu_control_protocol emu_card emu_card_e2e
          emu_shutdown emu_model_abi2 emu_ert_decoder emu_dma_engine
          shim_bank_allocator shim_status_segment
          e2e_walking_skeleton e2e_hal e2e_exec_modes e2e_opencl e2e_faults e2e_memcheck)

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
source "$here/scripts/sanitize_env.sh"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXRTEMU_SANITIZE=address,undefined "${launcher[@]}"
if [[ ${1:-} == --ci ]]; then
  shift
  cmake --build "$build" --target "${ci_tests[@]}"
  pattern=$(IFS='|'; echo "^(${ci_tests[*]})\$")
  ctest --test-dir "$build" --output-on-failure -j2 -R "$pattern" "$@"
  exit
fi
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j2 "$@"
