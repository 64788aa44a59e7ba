// clockInFileName(), utcCalendarTime(), fileModifiedUnixS(): clocks from file names and times.

#include "insitu/ec/file_clock.h"

#include <chrono>
#include <cmath>
#include <regex>
#include <string>

namespace insitu {

std::optional<LocalDateTime> clockInFileName(std::string_view name)
{
    // Digits not glued to other digits: a frame counter next to the stamp must not shift it.
    static const std::regex stamp(
        R"((?:^|[^0-9])((?:19|20)\d{2})([-_.]?)(\d{2})\2(\d{2})[T_ -]?(\d{2})([-_.:h]?)(\d{2})[-_.:m]?(\d{2})(?:[.,](\d{1,6}))?(?![0-9]))");
    const std::string text(name);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), stamp);
         it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        std::string iso = m[1].str() + "-" + m[3].str() + "-" + m[4].str() + "T" + m[5].str() +
                          ":" + m[7].str() + ":" + m[8].str();
        if (m[9].matched)
            iso += "." + m[9].str();
        if (const auto t = parseIsoLocalDateTime(iso))
            return t;
    }
    return std::nullopt;
}

LocalDateTime utcCalendarTime(double unixS)
{
    return LocalDateTime{}.plusSeconds(unixS); // LocalDateTime{} is 1970-01-01T00:00:00
}

std::optional<double> fileModifiedUnixS(const std::filesystem::path& file)
{
    std::error_code ec;
    const auto written = std::filesystem::last_write_time(file, ec);
    if (ec)
        return std::nullopt;
    const auto sys = std::chrono::file_clock::to_sys(written);
    return std::chrono::duration<double>(sys.time_since_epoch()).count();
}

} // namespace insitu
