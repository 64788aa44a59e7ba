# One INTERFACE target carrying the project's warning flags; every target of ours links it.
add_library(insitu_warnings INTERFACE)
target_compile_options(insitu_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual)
if(INSITU_WERROR)
    target_compile_options(insitu_warnings INTERFACE -Werror)
endif()
