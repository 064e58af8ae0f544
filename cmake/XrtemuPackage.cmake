# `cmake --install` produces a prefix with bin/xrtemu, the platform
# directory (lib/xrtemu/platform, the XILINX_XRT to use), the kernel model
# headers and a package config for find_package(xrtemu).
include(CMakePackageConfigHelpers)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/kernels/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS xrtemu_kernel_api EXPORT xrtemuTargets)
install(EXPORT xrtemuTargets NAMESPACE xrtemu:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xrtemu)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/xrtemuConfig.cmake.in
  ${CMAKE_BINARY_DIR}/xrtemuConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xrtemu
  PATH_VARS CMAKE_INSTALL_LIBDIR CMAKE_INSTALL_BINDIR)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/xrtemuConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/xrtemuConfig.cmake ${CMAKE_BINARY_DIR}/xrtemuConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xrtemu)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/XrtemuKernels.cmake DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xrtemu)
