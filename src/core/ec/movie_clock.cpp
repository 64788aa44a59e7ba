// movieStartClock(): the frame-0 wall clock from DM, TIA/EMI and TIFF metadata.

#include "insitu/ec/movie_clock.h"

#include <array>
#include <sstream>

namespace insitu {

namespace {

std::string stringAt(const nlohmann::json& j, const char* key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// "Sun Feb 21 17:50:18 2016" (C asctime, as TIA writes it).
std::optional<LocalDateTime> parseAsctime(const std::string& text)
{
    static constexpr std::array<std::string_view, 12> months{
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::istringstream in(text);
    std::string weekday;
    std::string month;
    int day = 0;
    std::string clock;
    int year = 0;
    if (!(in >> weekday >> month >> day >> clock >> year))
        return std::nullopt;
    for (std::size_t m = 0; m < months.size(); ++m)
        if (months[m] == month)
            return parseLocalDateTime(std::to_string(year) + "-" + std::to_string(m + 1) + "-" +
                                          std::to_string(day) + " " + clock,
                                      DateOrder::YearMonthDay);
    return std::nullopt;
}

} // namespace

std::optional<MovieClock> movieStartClock(const MovieInfo& info)
{
    const auto& meta = info.metadata;
    const auto date = stringAt(meta, "acquisition_date");
    const auto time = stringAt(meta, "acquisition_time");
    if (!date.empty() && !time.empty())
        if (const auto t = parseLocalDateTime(date + " " + time, DateOrder::MonthDayYear))
            return MovieClock{*t, "DM DataBar Acquisition Date + Time"};
    if (!date.empty())
        if (const auto t = parseAsctime(date))
            return MovieClock{*t, "TIA AcquireDate"};
    if (const auto tiff = meta.find("tiff"); tiff != meta.end() && tiff->is_object())
        if (const auto text = stringAt(*tiff, "datetime"); !text.empty())
            if (const auto t = parseLocalDateTime(text, DateOrder::YearMonthDay))
                return MovieClock{*t, "TIFF DateTime"};
    return std::nullopt;
}

} // namespace insitu
