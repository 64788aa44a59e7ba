// movieStartClock(): the frame-0 wall clock from DM, TIA/EMI, TIFF, Velox, SER and folder
// metadata.

#include "insitu/ec/movie_clock.h"

#include "insitu/ec/file_clock.h"

#include <array>
#include <charconv>
#include <sstream>

namespace insitu {

namespace {

std::string stringAt(const nlohmann::json& j, const char* key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// A number stored as a JSON number or as a numeric string (Velox writes strings).
std::optional<double> numberAt(const nlohmann::json& j, const nlohmann::json::json_pointer& at)
{
    if (!j.is_object() || !j.contains(at))
        return std::nullopt;
    const auto& v = j.at(at);
    if (v.is_number())
        return v.get<double>();
    if (!v.is_string())
        return std::nullopt;
    const auto& text = v.get_ref<const std::string&>();
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size())
        return std::nullopt;
    return value;
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

std::optional<MovieClock> localClock(const nlohmann::json& meta)
{
    if (!meta.is_object())
        return std::nullopt;
    const auto date = stringAt(meta, "acquisition_date");
    const auto time = stringAt(meta, "acquisition_time");
    if (!date.empty() && !time.empty())
        if (const auto t = parseLocalDateTime(date + " " + time, DateOrder::MonthDayYear))
            return MovieClock{*t, false, "DM DataBar Acquisition Date + Time"};
    if (!date.empty())
        if (const auto t = parseAsctime(date))
            return MovieClock{*t, false, "TIA AcquireDate"};
    if (const auto seq = meta.find("sequence"); seq != meta.end() && seq->is_object())
        if (const auto text = stringAt(*seq, "frame0_clock"); !text.empty())
            if (const auto t = parseIsoLocalDateTime(text))
                return MovieClock{*t, false, "file names"};
    if (const auto tiff = meta.find("tiff"); tiff != meta.end() && tiff->is_object())
        if (const auto text = stringAt(*tiff, "datetime"); !text.empty())
            if (const auto t = parseLocalDateTime(text, DateOrder::YearMonthDay))
                return MovieClock{*t, false, "TIFF DateTime"};
    return std::nullopt;
}

std::optional<MovieClock> utcClock(const nlohmann::json& meta)
{
    using P = nlohmann::json::json_pointer;
    const auto utc = [](double unixS, const char* source) {
        return MovieClock{utcCalendarTime(unixS), true, source};
    };
    if (const auto us = numberAt(meta, P("/frame0_timestamp_unix_us")))
        return utc(*us * 1e-6, "Velox TimeStamp (UTC)");
    if (const auto s =
            numberAt(meta, P("/acquisition/Acquisition/AcquisitionStartDatetime/DateTime")))
        return utc(*s, "Velox AcquisitionStartDatetime (UTC)");
    if (const auto s = numberAt(meta, P("/acquisition_time_unix_s")))
        return utc(*s, "SER tag time (UTC)");
    if (const auto s = numberAt(meta, P("/sequence/first_file_modified_unix_s")))
        return utc(*s, "modification time of the first file (UTC)");
    return std::nullopt;
}

} // namespace

std::optional<MovieClock> movieStartClock(const MovieInfo& info)
{
    const auto& meta = info.metadata;
    if (auto clock = localClock(meta))
        return clock;
    if (const auto first = meta.find("first_file"); first != meta.end())
        if (auto clock = localClock(*first)) {
            clock->source += " of the first file";
            return clock;
        }
    return utcClock(meta);
}

} // namespace insitu
