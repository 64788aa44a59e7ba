#pragma once
// Private to src/core/ec: numbers in messages, short ("5", "0.5", "1800") rather than "5.000000".

#include <cstdio>
#include <string>

namespace insitu::ec {

[[nodiscard]] inline std::string shortNumber(double value)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", value);
    return buf;
}

} // namespace insitu::ec
