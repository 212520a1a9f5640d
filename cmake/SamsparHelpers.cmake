# Small helpers so that every library, binary and test is declared the same way.

set(SAMSPAR_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Wunused -Wnull-dereference
    -Wimplicit-fallthrough
    # GCC 12 reports moves of std::variant (sql::Value) as maybe-uninitialized
    # at -O2 (GCC bug 105562 and relatives); the check is left to sanitizers.
    -Wno-maybe-uninitialized)

function(samspar_target_defaults target)
  target_compile_options(${target} PRIVATE ${SAMSPAR_WARNINGS})
  if(SAMSPAR_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR})
endfunction()

# samspar_library(<name> SRCS <files...> DEPS <targets...>)
function(samspar_library name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SRCS})
  samspar_target_defaults(${name})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# samspar_binary(<name> SRCS <files...> DEPS <targets...>)
function(samspar_binary name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SRCS})
  samspar_target_defaults(${name})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
endfunction()

# samspar_test(<name> SRCS <files...> DEPS <targets...> [LABELS <labels...>])
# Every GoogleTest case becomes its own CTest test, so the log names each one.
function(samspar_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SRCS;DEPS;LABELS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  add_executable(${name} ${ARG_SRCS})
  samspar_target_defaults(${name})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    SAMSPAR_TESTDATA_DIR="${SAMSPAR_TESTDATA_DIR}"
    SAMSPAR_BINARY_DIR="${CMAKE_BINARY_DIR}"
    SAMSPAR_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  gtest_discover_tests(${name}
    DISCOVERY_TIMEOUT 60
    PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${ARG_LABELS}")
endfunction()

# samspar_proto_library(<name> PROTOS <files...> IMPORT_DIR <dir>)
# Messages and gRPC stubs of the .proto files, generated into the build tree;
# includes are relative to IMPORT_DIR ("samspar/v1/roster.grpc.pb.h").
function(samspar_proto_library name)
  cmake_parse_arguments(ARG "" "IMPORT_DIR" "PROTOS" ${ARGN})
  add_library(${name} STATIC ${ARG_PROTOS})
  target_link_libraries(${name} PUBLIC protobuf::libprotobuf gRPC::grpc++)
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_BINARY_DIR})
  protobuf_generate(TARGET ${name} LANGUAGE cpp
                    IMPORT_DIRS ${ARG_IMPORT_DIR}
                    PROTOC_OUT_DIR ${CMAKE_CURRENT_BINARY_DIR})
  protobuf_generate(TARGET ${name} LANGUAGE grpc
                    GENERATE_EXTENSIONS .grpc.pb.h .grpc.pb.cc
                    PLUGIN "protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>"
                    IMPORT_DIRS ${ARG_IMPORT_DIR}
                    PROTOC_OUT_DIR ${CMAKE_CURRENT_BINARY_DIR})
endfunction()
