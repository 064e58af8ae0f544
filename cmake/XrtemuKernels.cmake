# CMake functions to build HLS C++ kernels and xclbins with xrtemu's v++
# (`xrtemu compile` / `xrtemu link`).  Usable from xrtemu's own tree (the CLI
# is the target named by XRTEMU_EXECUTABLE_TARGET, `xrtemu`) and from an
# installed prefix (find_package(xrtemu) sets XRTEMU_EXECUTABLE).
#
#   xrtemu_add_kernel(<target> KERNEL <name> SOURCES <files...>
#                     [INCLUDE_DIRS <dirs...>] [DEFINITIONS <NAME[=VALUE]...>]
#                     [PLATFORM <p>] [OUTPUT <path>.xo] [HLS_PRE_TCL <scripts...>] [DEBUG])
#     Compiles the kernel (v++ -c) into <name>.xo (in the current binary
#     directory unless OUTPUT says otherwise). <target> is a custom target
#     built by default; its XRTEMU_XO_FILE property holds the .xo path.
#     DEBUG: v++ -g (line tables; the kernel's runs are memory-checked).
#     HLS_PRE_TCL: Vitis HLS Tcl scripts (--hls.pre_tcl), e.g. config_interface
#     -s_axilite_mailbox both / -s_axilite_auto_restart_counter 1.
#
#   xrtemu_add_rtl_kernel(<target> KERNEL <name> KERNEL_XML <kernel.xml> SOURCES <.v/.sv...>
#                         [TOP <module>] [INCLUDE_DIRS <dirs...>] [DEFINITIONS <NAME[=VALUE]...>]
#                         [PLATFORM <p>] [OUTPUT <path>.xo] [NO_WAVES])
#     Packages an RTL kernel (xrtemu package_xo: Verilator + the AXI
#     bridges) into <name>.xo; otherwise like xrtemu_add_kernel, so the
#     target goes into xrtemu_link_xclbin's KERNELS next to HLS kernels.
#
#   xrtemu_link_xclbin(<target> KERNELS <kernel targets...> OUTPUT <path>.xclbin
#                      [CONFIG <cfg files...>] [CONNECTIVITY <nk=...|sp=...>...]
#                      [PLATFORM <p>] [DEBUG])
#     Links the kernels' .xo files (v++ -l) into an xclbin. CONNECTIVITY
#     entries become --connectivity.<key>=<value> options. <target> is a
#     custom target built by default; its XRTEMU_XCLBIN_FILE property holds
#     the output path.  DEBUG: v++ -l -g (every kernel's runs memory-checked).
include_guard(GLOBAL)

function(_xrtemu_tool out_cmd out_dep)
  if(XRTEMU_EXECUTABLE_TARGET)
    set(${out_cmd} "$<TARGET_FILE:${XRTEMU_EXECUTABLE_TARGET}>" PARENT_SCOPE)
    # In this tree the tool also needs the platform files copied beside the shim.
    set(${out_dep} ${XRTEMU_EXECUTABLE_TARGET} ${XRTEMU_TOOL_DATA_TARGET} PARENT_SCOPE)
  elseif(XRTEMU_EXECUTABLE)
    set(${out_cmd} "${XRTEMU_EXECUTABLE}" PARENT_SCOPE)
    set(${out_dep} "${XRTEMU_EXECUTABLE}" PARENT_SCOPE)
  else()
    message(FATAL_ERROR "xrtemu: XRTEMU_EXECUTABLE is not set (use find_package(xrtemu))")
  endif()
endfunction()

# What xrtemu_add_kernel and xrtemu_add_rtl_kernel share, in the caller's
# scope (a macro): K_OUTPUT made absolute (default <kernel>.xo in the binary
# dir), `sources` absolute, `opts` with -I/-D/--platform, `out_dir`, and the
# tool command in `tool` / `tool_dep`.
macro(_xrtemu_kernel_common)
  if(NOT K_OUTPUT)
    set(K_OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/${K_KERNEL}.xo)
  endif()
  get_filename_component(K_OUTPUT "${K_OUTPUT}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_BINARY_DIR})
  get_filename_component(out_dir "${K_OUTPUT}" DIRECTORY)
  _xrtemu_tool(tool tool_dep)
  set(sources)
  foreach(s IN LISTS K_SOURCES)
    get_filename_component(s "${s}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND sources "${s}")
  endforeach()
  set(opts)
  foreach(i IN LISTS K_INCLUDE_DIRS)
    get_filename_component(i "${i}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND opts -I "${i}")
  endforeach()
  foreach(d IN LISTS K_DEFINITIONS)
    list(APPEND opts -D "${d}")
  endforeach()
  if(K_PLATFORM)
    list(APPEND opts --platform ${K_PLATFORM})
  endif()
endmacro()

function(xrtemu_add_kernel target)
  cmake_parse_arguments(PARSE_ARGV 1 K "DEBUG" "KERNEL;OUTPUT;PLATFORM" "SOURCES;INCLUDE_DIRS;DEFINITIONS;HLS_PRE_TCL")
  if(K_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "xrtemu_add_kernel(${target}): unknown arguments ${K_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT K_KERNEL)
    message(FATAL_ERROR "xrtemu_add_kernel(${target}): KERNEL <name> is required")
  endif()
  if(NOT K_SOURCES)
    message(FATAL_ERROR "xrtemu_add_kernel(${target}): SOURCES is required")
  endif()
  _xrtemu_kernel_common()
  if(K_DEBUG)
    list(APPEND opts -g)   # line tables + memory checker (docs/memcheck.md)
  endif()
  set(pre_tcl "")
  foreach(t IN LISTS K_HLS_PRE_TCL)
    get_filename_component(t "${t}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND opts --hls.pre_tcl "${t}")
    list(APPEND pre_tcl "${t}")
  endforeach()
  add_custom_command(OUTPUT "${K_OUTPUT}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${out_dir}"
    COMMAND ${tool} compile -c -k ${K_KERNEL} ${opts} ${sources} -o "${K_OUTPUT}"
    DEPENDS ${sources} ${pre_tcl} ${tool_dep}
    IMPLICIT_DEPENDS CXX ${sources}
    COMMENT "xrtemu compile: kernel ${K_KERNEL} -> ${K_OUTPUT}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS "${K_OUTPUT}")
  set_target_properties(${target} PROPERTIES XRTEMU_XO_FILE "${K_OUTPUT}" XRTEMU_KERNEL_NAME ${K_KERNEL})
endfunction()

function(xrtemu_add_rtl_kernel target)
  cmake_parse_arguments(PARSE_ARGV 1 K "NO_WAVES" "KERNEL;KERNEL_XML;OUTPUT;PLATFORM;TOP" "SOURCES;INCLUDE_DIRS;DEFINITIONS")
  if(K_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "xrtemu_add_rtl_kernel(${target}): unknown arguments ${K_UNPARSED_ARGUMENTS}")
  endif()
  foreach(required KERNEL KERNEL_XML SOURCES)
    if(NOT K_${required})
      message(FATAL_ERROR "xrtemu_add_rtl_kernel(${target}): ${required} is required")
    endif()
  endforeach()
  _xrtemu_kernel_common()
  get_filename_component(xml "${K_KERNEL_XML}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  if(K_TOP)
    list(APPEND opts --top ${K_TOP})
  endif()
  if(K_NO_WAVES)
    list(APPEND opts --no-waves)
  endif()
  # In xrtemu's own tree the bridges' headers change too: rebuild then.
  set(header_deps)
  if(XRTEMU_EXECUTABLE_TARGET)
    file(GLOB header_deps ${PROJECT_SOURCE_DIR}/kernels/include/xrtemu/rtl/*.hpp)
    list(APPEND header_deps ${PROJECT_SOURCE_DIR}/kernels/include/xrtemu/kernel_model.h)
  endif()
  add_custom_command(OUTPUT "${K_OUTPUT}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${out_dir}"
    COMMAND ${tool} package_xo --kernel_name ${K_KERNEL} --kernel_xml "${xml}" ${opts} --sources ${sources}
            -o "${K_OUTPUT}"
    DEPENDS ${sources} "${xml}" ${tool_dep} ${header_deps}
    COMMENT "xrtemu package_xo: RTL kernel ${K_KERNEL} -> ${K_OUTPUT}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS "${K_OUTPUT}")
  set_target_properties(${target} PROPERTIES XRTEMU_XO_FILE "${K_OUTPUT}" XRTEMU_KERNEL_NAME ${K_KERNEL})
endfunction()

function(xrtemu_link_xclbin target)
  cmake_parse_arguments(PARSE_ARGV 1 L "DEBUG" "OUTPUT;PLATFORM" "KERNELS;CONFIG;CONNECTIVITY")
  if(L_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "xrtemu_link_xclbin(${target}): unknown arguments ${L_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT L_KERNELS)
    message(FATAL_ERROR "xrtemu_link_xclbin(${target}): KERNELS <kernel targets...> is required")
  endif()
  if(NOT L_OUTPUT)
    message(FATAL_ERROR "xrtemu_link_xclbin(${target}): OUTPUT <path>.xclbin is required")
  endif()
  get_filename_component(L_OUTPUT "${L_OUTPUT}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_BINARY_DIR})
  _xrtemu_tool(tool tool_dep)
  set(xos)
  foreach(k IN LISTS L_KERNELS)
    # A generator expression, so the kernel target may be defined later.
    list(APPEND xos "$<TARGET_PROPERTY:${k},XRTEMU_XO_FILE>")
  endforeach()
  set(opts)
  set(cfgs)
  foreach(c IN LISTS L_CONFIG)
    get_filename_component(c "${c}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND cfgs "${c}")
    list(APPEND opts --config "${c}")
  endforeach()
  foreach(c IN LISTS L_CONNECTIVITY)
    if(NOT c MATCHES "^([A-Za-z_.]+)=(.+)$")
      message(FATAL_ERROR "xrtemu_link_xclbin(${target}): CONNECTIVITY entry '${c}' is not key=value (nk=..., sp=...)")
    endif()
    list(APPEND opts "--connectivity.${CMAKE_MATCH_1}=${CMAKE_MATCH_2}")
  endforeach()
  if(L_PLATFORM)
    list(APPEND opts --platform ${L_PLATFORM})
  endif()
  if(L_DEBUG)
    list(APPEND opts -g)   # every kernel's runs are checked (docs/memcheck.md)
  endif()
  get_filename_component(out_dir "${L_OUTPUT}" DIRECTORY)
  add_custom_command(OUTPUT "${L_OUTPUT}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${out_dir}"
    COMMAND ${tool} link -l ${opts} ${xos} -o "${L_OUTPUT}"
    DEPENDS ${xos} ${L_KERNELS} ${cfgs} ${tool_dep}
    COMMENT "xrtemu link: ${L_OUTPUT}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS "${L_OUTPUT}")
  set_target_properties(${target} PROPERTIES XRTEMU_XCLBIN_FILE "${L_OUTPUT}")
endfunction()
