# Every third-party dependency comes from Debian 12 packages (scripts/setup.sh).
find_package(PkgConfig REQUIRED)
pkg_check_modules(SYSTEMC REQUIRED IMPORTED_TARGET systemc)
find_package(nlohmann_json 3 REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(Threads REQUIRED)

# Stock XRT (libxrt-dev): public headers and libxrt_coreutil.
# Debian puts XRT's headers under /usr/include/xrt (xrt.h, xclbin.h,
# xrt/xrt_device.h, experimental/...): that directory is the include root.
find_path(XRT_INCLUDE_DIR xrt/xrt_device.h PATH_SUFFIXES xrt REQUIRED)
find_library(XRT_COREUTIL_LIB NAMES xrt_coreutil REQUIRED)
add_library(xrt::coreutil SHARED IMPORTED GLOBAL)
set_target_properties(xrt::coreutil PROPERTIES
  IMPORTED_LOCATION ${XRT_COREUTIL_LIB}
  INTERFACE_INCLUDE_DIRECTORIES "${XRT_INCLUDE_DIR}"
  # xrt_uuid.h calls libuuid inline, so every user of the headers needs it.
  INTERFACE_LINK_LIBRARIES uuid)
# Where the stock shims live (read by the ABI conformance test).
get_filename_component(XRT_LIB_DIR ${XRT_COREUTIL_LIB} DIRECTORY)
