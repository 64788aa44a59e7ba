// Catch2's main for the Qt-free test binaries; kept alone so it compiles once.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
