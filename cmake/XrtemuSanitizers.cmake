# ThreadSanitizer builds of our own code, beside the normal build.
#
#   option XRTEMU_TSAN   (ON when the compiler accepts -fsanitize=thread)
#
#   xrtemu_tsan_flags(<target>)
#     Compiles and links <target> with -fsanitize=thread.
#
#   xrtemu_add_tsan_copies(TARGETS <targets...> [SUFFIX _tsan]
#                          [PLATFORM_DIR <dir>] [SHIM <target>])
#     For each target, a TSan-instrumented copy <target><SUFFIX> made from the
#     original's properties (sources, include directories, definitions,
#     options, link libraries), read when this function runs, so sources
#     added to the originals later are picked up at the next configure.
#     Links between the listed targets are redirected to the copies (per-source
#     file properties are not copied; none are used today).  The
#     copy of SHIM (default xrtemu_shim) is written to PLATFORM_DIR/lib under
#     the original's file name, with the hw_emu/sw_emu names beside it and the
#     platform JSONs in PLATFORM_DIR/share: a second XILINX_XRT directory.
#     Call it after the originals are defined.
include_guard(GLOBAL)

include(CheckCXXSourceCompiles)

# Whole-tree sanitizer build (scripts/sanitize.sh, docs/reliability.md):
#   -DXRTEMU_SANITIZE=address,undefined
# compiles and links every target of ours with those sanitizers; UBSan
# findings abort (no recovery) so a test that hits one fails.  TSan cannot be
# combined with ASan, so the TSan copies are off in such a build.
# UBSan's vptr check is left out: it needs the typeinfo of every polymorphic
# class it sees, and stock libxrt_coreutil does not export the typeinfo of
# the XRT classes our shim and ABI tests derive from (xrt_core::device), so
# such a build would not link.
set(XRTEMU_SANITIZE "" CACHE STRING "Sanitizers for the whole tree, e.g. address,undefined (empty: none)")
#
# Such a build compiles at -O1 with line tables only (-g1), after the build
# type's flags so these win: -O1 is the level ASan's authors recommend
# (fast enough, and stack traces stay exact), and line tables are all a
# sanitizer report needs (function, file, line).  Together they take about
# 40 % off the compile time of -O2 -g, which CI's subset pays cold.
if(XRTEMU_SANITIZE)
  add_compile_options(-O1 -g1)
  add_compile_options(-fsanitize=${XRTEMU_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${XRTEMU_SANITIZE})
  if(XRTEMU_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize=vptr)
    add_link_options(-fno-sanitize=vptr)
  endif()
  set(XRTEMU_TSAN OFF CACHE BOOL "" FORCE)
  if(XRTEMU_SANITIZE MATCHES "address")
    # glibc's aligned_alloc for stock libxrt_coreutil (asan_aligned_alloc.c):
    # in every target of ours, and as a library to preload into stock
    # executables (xrtemu_asan_stock_tests below).
    # An object, not an archive: the ASan runtime, first on every link line,
    # would satisfy the symbol before an archive member was looked at.
    add_library(xrtemu_asan_aligned_alloc OBJECT ${CMAKE_CURRENT_LIST_DIR}/asan_aligned_alloc.c)
    add_library(xrtemu_asan_preload SHARED ${CMAKE_CURRENT_LIST_DIR}/asan_aligned_alloc.c)
    link_libraries(xrtemu_asan_aligned_alloc)
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so
                    OUTPUT_VARIABLE XRTEMU_LIBASAN OUTPUT_STRIP_TRAILING_WHITESPACE)
  endif()
endif()

# Tests that run stock executables (python3, xbutil, hosts built by a
# project's own Makefile) which load instrumented libraries of ours: in an
# ASan build they get the runtime preloaded (after the aligned_alloc above),
# without leak checking (the compilers such a test runs leak by design).
function(xrtemu_asan_stock_tests)
  if(XRTEMU_SANITIZE MATCHES "address")
    set_property(TEST ${ARGN} APPEND PROPERTY ENVIRONMENT
                 "LD_PRELOAD=$<TARGET_FILE:xrtemu_asan_preload>:${XRTEMU_LIBASAN}"
                 "ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=0:suppressions=${PROJECT_SOURCE_DIR}/scripts/asan.supp")
  endif()
endfunction()

set(CMAKE_REQUIRED_FLAGS -fsanitize=thread)
set(CMAKE_REQUIRED_LINK_OPTIONS -fsanitize=thread)
check_cxx_source_compiles("int main() { return 0; }" XRTEMU_HAVE_TSAN)
unset(CMAKE_REQUIRED_FLAGS)
unset(CMAKE_REQUIRED_LINK_OPTIONS)
option(XRTEMU_TSAN "Build the ThreadSanitizer shim/card copies and the stress_tsan test" ${XRTEMU_HAVE_TSAN})

function(xrtemu_tsan_flags target)
  # Frame pointers: TSan's reports unwind the stacks of both accesses.
  target_compile_options(${target} PRIVATE -fsanitize=thread -fno-omit-frame-pointer)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "STATIC_LIBRARY" OR type STREQUAL "OBJECT_LIBRARY")
    # Whoever links the instrumented objects needs the runtime.
    target_link_options(${target} INTERFACE -fsanitize=thread)
  else()
    target_link_options(${target} PRIVATE -fsanitize=thread)
  endif()
endfunction()

# Rewrites the items of list <var> that name one of <targets> (alone or inside
# a generator expression such as $<LINK_ONLY:t>) to name its copy.
function(_xrtemu_map_targets var suffix)
  set(items ${${var}})
  foreach(t IN LISTS ARGN)
    list(TRANSFORM items REPLACE "^${t}$" "${t}${suffix}")
    list(TRANSFORM items REPLACE "([:,<])${t}>" "\\1${t}${suffix}>")
  endforeach()
  set(${var} "${items}" PARENT_SCOPE)
endfunction()

function(xrtemu_add_tsan_copies)
  cmake_parse_arguments(PARSE_ARGV 0 S "" "SUFFIX;PLATFORM_DIR;SHIM" "TARGETS")
  if(NOT S_SUFFIX)
    set(S_SUFFIX _tsan)
  endif()
  if(NOT S_SHIM)
    set(S_SHIM xrtemu_shim)
  endif()
  foreach(t IN LISTS S_TARGETS)
    get_target_property(type ${t} TYPE)
    get_target_property(src_dir ${t} SOURCE_DIR)
    get_target_property(sources ${t} SOURCES)
    set(abs_sources)
    foreach(s IN LISTS sources)
      # Relative paths are relative to the directory that defined the target.
      if(NOT s MATCHES "^\\$<" AND NOT IS_ABSOLUTE "${s}")
        set(s "${src_dir}/${s}")
      endif()
      list(APPEND abs_sources "${s}")
    endforeach()
    _xrtemu_map_targets(abs_sources ${S_SUFFIX} ${S_TARGETS})
    set(copy ${t}${S_SUFFIX})
    if(type STREQUAL "STATIC_LIBRARY")
      add_library(${copy} STATIC ${abs_sources})
    elseif(type STREQUAL "OBJECT_LIBRARY")
      add_library(${copy} OBJECT ${abs_sources})
    elseif(type STREQUAL "SHARED_LIBRARY")
      add_library(${copy} SHARED ${abs_sources})
    else()
      message(FATAL_ERROR "xrtemu_add_tsan_copies: ${t} is a ${type}; only libraries are copied")
    endif()
    foreach(p INCLUDE_DIRECTORIES COMPILE_DEFINITIONS COMPILE_OPTIONS COMPILE_FEATURES
              LINK_OPTIONS LINK_LIBRARIES
              INTERFACE_INCLUDE_DIRECTORIES INTERFACE_COMPILE_DEFINITIONS INTERFACE_COMPILE_OPTIONS
              INTERFACE_LINK_OPTIONS INTERFACE_LINK_LIBRARIES
              CXX_STANDARD CXX_VISIBILITY_PRESET VISIBILITY_INLINES_HIDDEN POSITION_INDEPENDENT_CODE
              OUTPUT_NAME VERSION SOVERSION)
      get_target_property(v ${t} ${p})
      if(NOT v STREQUAL "v-NOTFOUND")
        _xrtemu_map_targets(v ${S_SUFFIX} ${S_TARGETS})
        set_property(TARGET ${copy} PROPERTY ${p} "${v}")
      endif()
    endforeach()
    xrtemu_tsan_flags(${copy})
    if(t STREQUAL S_SHIM)
      if(NOT S_PLATFORM_DIR)
        message(FATAL_ERROR "xrtemu_add_tsan_copies: PLATFORM_DIR is required with the shim")
      endif()
      set_target_properties(${copy} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${S_PLATFORM_DIR}/lib)
      file(MAKE_DIRECTORY ${S_PLATFORM_DIR}/lib ${S_PLATFORM_DIR}/share/xrtemu/platforms)
      foreach(alias xrt_hwemu xrt_swemu)
        add_custom_command(TARGET ${copy} POST_BUILD
          COMMAND ${CMAKE_COMMAND} -E create_symlink $<TARGET_SONAME_FILE_NAME:${copy}>
                  ${S_PLATFORM_DIR}/lib/lib${alias}.so.2)
      endforeach()
      # As shim/CMakeLists.txt does for build/platform.
      file(GLOB platform_files ${PROJECT_SOURCE_DIR}/share/xrtemu/platforms/*.json)
      add_custom_target(${copy}_platform_data
        COMMAND ${CMAKE_COMMAND} -E copy_if_different ${platform_files} ${S_PLATFORM_DIR}/share/xrtemu/platforms
        DEPENDS ${platform_files})
      add_dependencies(${copy} ${copy}_platform_data)
    endif()
  endforeach()
endfunction()
