# The reader tests again, built with AddressSanitizer and UndefinedBehaviorSanitizer: the file
# readers and the core types they use are compiled a second time with the sanitizers, so that
# every golden, malformed-file and fuzz case runs with memory and UB checks in the normal test
# run (issue #3). Any report aborts the test binary, and the ctest case fails.
option(INSITU_SANITIZED_READER_TESTS "Also run the reader tests under ASan/UBSan" ON)
if(NOT INSITU_SANITIZED_READER_TESTS OR INSITU_SANITIZE OR NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    return()
endif()

set(SANITIZE_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
file(GLOB READER_SOURCES CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/src/core/io/*.cpp ${PROJECT_SOURCE_DIR}/src/core/base/*.cpp
     ${PROJECT_SOURCE_DIR}/src/core/hdf5/*.cpp
     # the clocks in file names and times that folders of frames read (ec/file_clock.h)
     ${PROJECT_SOURCE_DIR}/src/core/ec/file_clock.cpp ${PROJECT_SOURCE_DIR}/src/core/ec/local_clock.cpp)
file(GLOB READER_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/core/io/*.cpp)

add_executable(tests_readers_sanitized ${READER_SOURCES} ${READER_TESTS} support/test_paths.cpp
               $<TARGET_OBJECTS:insitu_catch_main>)
# -O0 after the build type's flags: instrumented code is slow to compile when optimised, the
# cases run in seconds anyway, and stack traces stay exact. (Catch2's main is the plain object.)
# GCC 12 warns "may be used uninitialized" inside std::function when sanitizing (false positives).
target_compile_options(tests_readers_sanitized PRIVATE ${SANITIZE_FLAGS} -O0 -g
                       $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
target_link_options(tests_readers_sanitized PRIVATE -fsanitize=address,undefined)
target_include_directories(tests_readers_sanitized PRIVATE
    ${CMAKE_CURRENT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/include ${PROJECT_BINARY_DIR}/generated)
target_include_directories(tests_readers_sanitized SYSTEM PRIVATE ${HDF5_INCLUDE_DIRS})
target_compile_definitions(tests_readers_sanitized PRIVATE ${HDF5_DEFINITIONS}
    INSITU_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    INSITU_BINARY_DIR="${PROJECT_BINARY_DIR}"
    INSITU_EXTERNAL_DATA_DIR="${PROJECT_SOURCE_DIR}/../shared/data/external"
    INSITU_NIST_DIR="${PROJECT_SOURCE_DIR}/../shared/data/reference/nist-strd")
target_link_libraries(tests_readers_sanitized PRIVATE Catch2::Catch2 insitu_warnings
    opencv_core opencv_imgproc opencv_imgcodecs opencv_videoio nlohmann_json::nlohmann_json
    Eigen3::Eigen ${HDF5_LIBRARIES} TIFF::TIFF Threads::Threads)
# One process for the whole binary (a sanitized start-up per case would cost more than the
# cases); the environment makes any report fatal and checks for leaks at exit.
add_test(NAME "asan: reader tests under AddressSanitizer and UBSan"
         COMMAND tests_readers_sanitized)
set_tests_properties("asan: reader tests under AddressSanitizer and UBSan" PROPERTIES
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"
    TIMEOUT 900)
