#!/usr/bin/env bash
# Installs every Debian 12 package xrtemu needs to build and test.
# Idempotent; run as root (or with sudo) on a fresh machine.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libxrt-dev libxrt1 libxrt-utils          # stock XRT 2.13.466: coreutil, headers, xbutil, xclbinutil
  libsystemc-dev                           # SystemC 2.3 + TLM-2.0
  nlohmann-json3-dev libboost-dev libboost-program-options-dev
  libboost-context-dev                     # OpenCL C kernels: one fiber per work-item (barriers)
  libelf-dev                               # ABI conformance test reads the installed shims
  catch2                                   # Catch2 v2
  verilator zlib1g-dev                     # RTL kernels (xrtemu package_xo); zlib for FST waveforms
  libclang-14-dev                          # kernel interface extraction (C API)
  clang-14                                 # OpenCL C kernels (v++ -c on .cl), fuzz/ targets
  libclang-rt-14-dev                       # libFuzzer + ASan/UBSan runtimes for clang (fuzz/)
  tcl8.6-dev                               # vivado: batch Tcl packaging of RTL kernels
  ocl-icd-opencl-dev ocl-icd-libopencl1    # OpenCL ICD loader (-lOpenCL) for OpenCL hosts
  opencl-c-headers opencl-clhpp-headers    # Khronos CL/cl.h and C++ bindings CL/opencl.hpp
  python3-dev python3-pybind11 pybind11-dev python3-numpy python3-pytest   # pyxrt, matmul_rt (python/)
  python3-torch python3-matplotlib         # PyTorch offload demo (large: ~610 MB, ~2.5 min to install)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
echo "xrtemu: build dependencies present"
