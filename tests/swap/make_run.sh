#!/usr/bin/env bash
# The swap, end to end: a clean copy of examples/swap, xrtemu's settings64.sh
# sourced, and the project's own `make run` — nothing else.
#   make_run.sh <build dir> <example dir> <work dir> <target> <platform>
set -euo pipefail
build=$1 example=$2 work=$3 target=$4 platform=$5
rm -rf "$work"
mkdir -p "$(dirname "$work")"
cp -r "$example" "$work"
# A clean environment: no xrtemu or XRT settings inherited from the caller.
unset XILINX_XRT XILINX_VITIS XILINX_VIVADO XRTEMU_PLATFORM XRTEMU_CONFIG EMCONFIG_PATH XCL_EMULATION_MODE
# shellcheck disable=SC1091
source "$build/settings64.sh"
cd "$work"
make run TARGET="$target" PLATFORM="$platform"
