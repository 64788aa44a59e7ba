#include "insitu/memory_budget.h"

#include "insitu/error.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace insitu {

std::uint64_t memoryBudgetBytes()
{
    std::uint64_t budget = std::numeric_limits<std::uint64_t>::max();
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages > 0 && pageSize > 0)
        budget = static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize) / 2;
    rlimit limit{};
    if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
        budget = std::min<std::uint64_t>(budget, limit.rlim_cur / 2);
    if (const char* mb = std::getenv("INSITU_MEMORY_BUDGET_MB")) {
        char* end = nullptr;
        const unsigned long long value = std::strtoull(mb, &end, 10);
        if (end != mb && *end == '\0' && value > 0)
            budget = std::min<std::uint64_t>(budget, value << 20);
    }
    return budget;
}

std::optional<std::uint64_t> checkedProduct(std::initializer_list<std::int64_t> factors)
{
    std::uint64_t product = 1;
    for (const std::int64_t factor : factors) {
        if (factor < 0)
            return std::nullopt;
        const auto f = static_cast<std::uint64_t>(factor);
        if (f != 0 && product > std::numeric_limits<std::uint64_t>::max() / f)
            return std::nullopt;
        product *= f;
    }
    return product;
}

std::uint64_t requireBudget(std::initializer_list<std::int64_t> factors, const std::string& what)
{
    const auto bytes = checkedProduct(factors);
    const std::uint64_t budget = memoryBudgetBytes();
    if (!bytes || *bytes > budget)
        throw Error(
            what + ": needs " +
            (bytes ? std::to_string(*bytes >> 20) + " MiB" : std::string("more than 2^64 bytes")) +
            ", more than the memory budget of " + std::to_string(budget >> 20) +
            " MiB (corrupt or absurd size?)");
    return *bytes;
}

} // namespace insitu
