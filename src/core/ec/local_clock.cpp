// Parsing and arithmetic of instrument wall-clock readings (local time, zone unknown).

#include "insitu/ec/local_clock.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace insitu {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

long long daysFromCivil(int year, int month, int day)
{
    using namespace std::chrono;
    const auto ymd = std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
                     std::chrono::day{static_cast<unsigned>(day)};
    return sys_days{ymd}.time_since_epoch().count();
}

bool validDate(int year, int month, int day)
{
    const auto ymd = std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
                     std::chrono::day{static_cast<unsigned>(day)};
    return year >= 1900 && year <= 9999 && ymd.ok();
}

/// Reads up to three integers separated by one of / - . : into parts.
bool splitDate(std::string_view s, std::array<int, 3>& parts)
{
    const char* p = s.data();
    const char* end = s.data() + s.size();
    for (int i = 0; i < 3; ++i) {
        const auto [next, ec] = std::from_chars(p, end, parts[static_cast<std::size_t>(i)]);
        if (ec != std::errc{})
            return false;
        p = next;
        if (i < 2) {
            if (p == end || (*p != '/' && *p != '-' && *p != '.' && *p != ':'))
                return false;
            ++p;
        }
    }
    return p == end;
}

} // namespace

std::string LocalDateTime::iso() const
{
    std::array<char, 64> buf{};
    const int wholeSecond = static_cast<int>(std::floor(second));
    const int millis = static_cast<int>(std::lround((second - wholeSecond) * 1000.0));
    if (millis == 0)
        std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day,
                      hour, minute, wholeSecond);
    else
        std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03d", year, month,
                      day, hour, minute, wholeSecond, millis);
    return buf.data();
}

double LocalDateTime::secondsSince(const LocalDateTime& other) const
{
    const double days = static_cast<double>(daysFromCivil(year, month, day) -
                                            daysFromCivil(other.year, other.month, other.day));
    return days * 86400.0 + (hour - other.hour) * 3600.0 + (minute - other.minute) * 60.0 +
           (second - other.second);
}

LocalDateTime LocalDateTime::plusSeconds(double seconds) const
{
    using namespace std::chrono;
    const double total = static_cast<double>(daysFromCivil(year, month, day)) * 86400.0 +
                         hour * 3600.0 + minute * 60.0 + second + seconds;
    const double dayCount = std::floor(total / 86400.0);
    double rest = total - dayCount * 86400.0;
    const year_month_day ymd{sys_days{days{static_cast<long long>(dayCount)}}};
    LocalDateTime t;
    t.year = static_cast<int>(ymd.year());
    t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    t.hour = static_cast<int>(rest / 3600.0);
    rest -= t.hour * 3600.0;
    t.minute = static_cast<int>(rest / 60.0);
    t.second = rest - t.minute * 60.0;
    return t;
}

std::optional<double> parseTimeOfDayS(std::string_view text)
{
    text = trim(text);
    int pm = -1; // -1 none, 0 AM, 1 PM
    if (text.size() > 2) {
        const auto suffix = text.substr(text.size() - 2);
        if (suffix == "AM" || suffix == "am" || suffix == "PM" || suffix == "pm") {
            pm = (suffix[0] == 'P' || suffix[0] == 'p') ? 1 : 0;
            text = trim(text.substr(0, text.size() - 2));
        }
    }
    const char* p = text.data();
    const char* end = text.data() + text.size();
    int hour = 0;
    int minute = 0;
    double second = 0;
    auto r = std::from_chars(p, end, hour);
    if (r.ec != std::errc{} || r.ptr == end || *r.ptr != ':')
        return std::nullopt;
    r = std::from_chars(r.ptr + 1, end, minute);
    if (r.ec != std::errc{})
        return std::nullopt;
    if (r.ptr != end) {
        if (*r.ptr != ':')
            return std::nullopt;
        // Seconds may carry a decimal comma (EC-Lab in European locales).
        std::string seconds(r.ptr + 1, end);
        std::replace(seconds.begin(), seconds.end(), ',', '.');
        const auto s = std::from_chars(seconds.data(), seconds.data() + seconds.size(), second);
        if (s.ec != std::errc{} || s.ptr != seconds.data() + seconds.size())
            return std::nullopt;
    }
    if (pm >= 0) {
        if (hour < 1 || hour > 12)
            return std::nullopt;
        hour = hour % 12 + (pm == 1 ? 12 : 0);
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || !(second >= 0) || second >= 61)
        return std::nullopt;
    return hour * 3600.0 + minute * 60.0 + second;
}

std::optional<LocalDateTime> parseLocalDateTime(std::string_view text, DateOrder order)
{
    text = trim(text);
    const auto space = text.find_first_of(" \tT");
    if (space == std::string_view::npos)
        return std::nullopt;
    std::array<int, 3> parts{};
    if (!splitDate(text.substr(0, space), parts))
        return std::nullopt;
    const auto timeOfDay = parseTimeOfDayS(text.substr(space + 1));
    if (!timeOfDay)
        return std::nullopt;
    LocalDateTime t;
    switch (order) {
    case DateOrder::MonthDayYear:
        t.month = parts[0], t.day = parts[1], t.year = parts[2];
        break;
    case DateOrder::DayMonthYear:
        t.day = parts[0], t.month = parts[1], t.year = parts[2];
        break;
    case DateOrder::YearMonthDay:
        t.year = parts[0], t.month = parts[1], t.day = parts[2];
        break;
    }
    if (!validDate(t.year, t.month, t.day))
        return std::nullopt;
    const auto shifted = LocalDateTime{t.year, t.month, t.day, 0, 0, 0}.plusSeconds(*timeOfDay);
    return shifted;
}

std::optional<LocalDateTime> parseIsoLocalDateTime(std::string_view text)
{
    text = trim(text);
    if (text.size() < 16 || text[10] != 'T' || text.back() == 'Z' ||
        text.find('+', 10) != std::string_view::npos)
        return std::nullopt;
    return parseLocalDateTime(text, DateOrder::YearMonthDay);
}

} // namespace insitu
