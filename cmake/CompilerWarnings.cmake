# One INTERFACE target carrying the project's warning flags; every target of ours links it.
add_library(insitu_warnings INTERFACE)
target_compile_options(insitu_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual)
if(INSITU_WERROR)
    target_compile_options(insitu_warnings INTERFACE -Werror)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        # GCC 12's flow-sensitive string warnings fire on std::string inside libstdc++ at -O3
        # (GCC bugs 105329, 105651); keep them visible but do not fail the build on them.
        target_compile_options(insitu_warnings INTERFACE
            -Wno-error=restrict -Wno-error=stringop-overflow -Wno-error=stringop-overread
            -Wno-error=array-bounds)
    endif()
endif()
