# xrtemu_add_test(<name> SOURCES <files...> [LIBS <targets...>] [ENV <k=v...>])
# Builds a Catch2 (v2, Debian) executable and registers it with CTest.
find_package(Catch2 2 REQUIRED)

if(NOT TARGET xrtemu_catch_main)
  add_library(xrtemu_catch_main OBJECT ${CMAKE_CURRENT_LIST_DIR}/catch_main.cpp)
  target_link_libraries(xrtemu_catch_main PUBLIC Catch2::Catch2)
endif()

function(xrtemu_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;ENV" ${ARGN})
  add_executable(${name} ${T_SOURCES} $<TARGET_OBJECTS:xrtemu_catch_main>)
  target_link_libraries(${name} PRIVATE Catch2::Catch2 ${T_LIBS})
  target_compile_definitions(${name} PRIVATE
    XRTEMU_BUILD_DIR="${CMAKE_BINARY_DIR}"
    XRTEMU_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    XRTEMU_PLATFORM_DIR="${XRTEMU_PLATFORM_DIR}")
  add_test(NAME ${name} COMMAND ${name})
  # Tests stay independent of other programs running on the machine: no
  # test process answers queries from another one's card (peer_status.h)
  # unless the test asks for it; nor does it share CU contexts with tests
  # running beside it (context_registry.h), as each CI job would have a
  # card of its own.
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "XRTEMU_PEER_VIEW=0;XRTEMU_CARD_SHARING=isolated;${T_ENV}")
endfunction()

# Tests added with plain add_test in the calling directory get the same
# card of their own (XRTEMU_CARD_SHARING=isolated) as xrtemu_add_test's,
# unless they set XRTEMU_CARD_SHARING themselves.  Call at the end of the
# directory's CMakeLists.txt.
function(xrtemu_tests_on_own_cards)
  get_property(tests DIRECTORY PROPERTY TESTS)
  foreach(t IN LISTS tests)
    get_property(env TEST ${t} PROPERTY ENVIRONMENT)
    if(NOT env MATCHES "XRTEMU_CARD_SHARING=")
      set_property(TEST ${t} APPEND PROPERTY ENVIRONMENT "XRTEMU_CARD_SHARING=isolated")
    endif()
  endforeach()
endfunction()
