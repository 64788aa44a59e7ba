#pragma once
// The memory budget: every allocation whose size comes from a file or an option (frames,
// planes, FFT buffers, kymographs) is checked against it first, so that a declared size
// becomes one clear insitu::Error instead of std::bad_alloc or the kernel's OOM killer.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

namespace insitu {

/// Bytes one buffer may take: half the physical memory, at most half the address-space limit
/// (RLIMIT_AS), and never more than INSITU_MEMORY_BUDGET_MB when that is set.
[[nodiscard]] std::uint64_t memoryBudgetBytes();

/// The product of the factors, or nullopt when it overflows 64 bits (or a factor is negative).
[[nodiscard]] std::optional<std::uint64_t>
checkedProduct(std::initializer_list<std::int64_t> factors);

/// factors' product in bytes; throws insitu::Error "<what>: needs N MiB, more than the memory
/// budget of M MiB" when it overflows or exceeds memoryBudgetBytes().
std::uint64_t requireBudget(std::initializer_list<std::int64_t> factors, const std::string& what);

} // namespace insitu
