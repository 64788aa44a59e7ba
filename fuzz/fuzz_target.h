#pragma once
// INSITU_FUZZ_TARGET(name): the body of one fuzz target. Built with INSITU_LIBFUZZER it is the
// libFuzzer entry point; otherwise it registers itself with the replay driver (replay_main.cpp)
// under name, so the same code replays tests/fuzz-regressions/<name>/ in the normal build.

#include <cstddef>
#include <cstdint>

namespace insitu::fuzz {

/// Runs one input; throws (or crashes) on a bug. insitu::Error is the expected refusal and
/// never escapes a target.
using TargetFunction = void (*)(const std::uint8_t* data, std::size_t size);

/// Adds a target to the replay driver's table; returns true (for a static initialiser).
bool registerTarget(const char* name, TargetFunction function);

} // namespace insitu::fuzz

#ifdef INSITU_LIBFUZZER
#define INSITU_FUZZ_TARGET(name)                                                                   \
    static void fuzzOneInput(const std::uint8_t* data, std::size_t size);                          \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)              \
    {                                                                                              \
        fuzzOneInput(data, size);                                                                  \
        return 0;                                                                                  \
    }                                                                                              \
    static void fuzzOneInput(const std::uint8_t* data, std::size_t size)
#else
#define INSITU_FUZZ_TARGET(name)                                                                   \
    static void fuzzOneInput(const std::uint8_t* data, std::size_t size);                          \
    [[maybe_unused]] static const bool fuzzRegistered =                                            \
        insitu::fuzz::registerTarget(#name, fuzzOneInput);                                         \
    static void fuzzOneInput(const std::uint8_t* data, std::size_t size)
#endif
