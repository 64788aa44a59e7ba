// Acquisition metadata from the XML fragments inside TIA .emi files.

#include "insitu/io/length_unit.h"
#include "insitu/io/ser_reader.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace insitu {

namespace {

constexpr std::uint64_t kMaxEmiBytes = 64ull << 20; // .emi files are small; refuse giants

/// Text between <tag> and </tag> inside xml (first occurrence), or "".
std::string element(std::string_view xml, std::string_view tag)
{
    std::string open("<");
    open.append(tag).append(">");
    std::string close("</");
    close.append(tag).append(">");
    const auto b = xml.find(open);
    if (b == std::string_view::npos)
        return {};
    const auto e = xml.find(close, b + open.size());
    if (e == std::string_view::npos)
        return {};
    return std::string(xml.substr(b + open.size(), e - b - open.size()));
}

std::string trimmed(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::optional<double> parseNumber(const std::string& s)
{
    const std::string t = trimmed(s);
    if (t.empty())
        return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (end == t.c_str())
        return std::nullopt;
    return v;
}

nlohmann::json parseObjectInfo(std::string_view xml)
{
    nlohmann::json meta = nlohmann::json::object();
    if (const auto v =
            parseNumber(element(element(xml, "MicroscopeConditions"), "AcceleratingVoltage")))
        meta["voltage_kV"] = *v / 1000.0;
    if (const auto d = trimmed(element(xml, "AcquireDate")); !d.empty())
        meta["acquisition_date"] = latin1ToUtf8(d);

    nlohmann::json rows = nlohmann::json::object();
    const std::string description = element(xml, "ExperimentalDescription");
    std::string_view rest = description;
    for (auto pos = rest.find("<Data>"); pos != std::string_view::npos; pos = rest.find("<Data>")) {
        const auto end = rest.find("</Data>", pos);
        if (end == std::string_view::npos)
            break;
        const std::string_view row = rest.substr(pos, end - pos);
        const std::string label = trimmed(element(row, "Label"));
        const std::string value = trimmed(element(row, "Value"));
        const std::string unit = trimmed(element(row, "Unit"));
        if (!label.empty())
            rows[latin1ToUtf8(label)] =
                unit.empty() ? latin1ToUtf8(value) : latin1ToUtf8(value + " " + unit);
        if (label == "Magnification")
            if (const auto v = parseNumber(value))
                meta["magnification"] = *v;
        if (label == "Mode")
            meta["mode"] = latin1ToUtf8(value);
        if (label == "Microscope")
            meta["microscope"] =
                latin1ToUtf8(value.rfind("Microscope ", 0) == 0 ? value.substr(11) : value);
        if (label == "High tension" && !meta.contains("voltage_kV"))
            if (const auto v = parseNumber(value))
                meta["voltage_kV"] = unit == "V" ? *v / 1000.0 : *v;
        if (label == "Camera length")
            meta["camera_length"] = latin1ToUtf8(value + (unit.empty() ? "" : " " + unit));
        rest = rest.substr(end + 7);
    }
    if (!rows.empty())
        meta["description"] = rows;
    const std::string acquire = element(xml, "AcquireInfo");
    if (const auto v = parseNumber(element(acquire, "DwellTimePath")))
        meta["dwell_or_exposure_s"] = *v;
    if (const auto s = trimmed(element(acquire, "CameraNamePath")); !s.empty())
        meta["camera"] = latin1ToUtf8(s);
    return meta;
}

} // namespace

nlohmann::json readEmiMetadata(const std::filesystem::path& emiPath)
{
    const BinaryFile file(emiPath);
    if (file.size() > kMaxEmiBytes)
        file.fail("too large for a TIA .emi metadata file (" + std::to_string(file.size()) +
                  " bytes)");
    const auto bytes = file.readBytes(0, static_cast<std::size_t>(file.size()));
    const std::string_view all(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    nlohmann::json objects = nlohmann::json::array();
    std::size_t from = 0;
    while (true) {
        const auto b = all.find("<ObjectInfo>", from);
        if (b == std::string_view::npos)
            break;
        const auto e = all.find("</ObjectInfo>", b);
        if (e == std::string_view::npos)
            break;
        objects.push_back(parseObjectInfo(all.substr(b, e - b)));
        from = e + 13;
    }
    return objects;
}

} // namespace insitu
