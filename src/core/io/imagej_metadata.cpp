// Parsing of the ImageJ ImageDescription (ij/io/FileSaver.getDescriptionString format).

#include "insitu/io/tiff_reader.h"

#include <charconv>
#include <string>

namespace insitu {

namespace {

std::optional<double> toDouble(const std::string& text)
{
    try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == 0)
            return std::nullopt;
        return value;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

int toPositiveInt(const std::string& text, int fallback)
{
    int value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    (void)ptr;
    return (ec == std::errc() && value > 0) ? value : fallback;
}

} // namespace

std::optional<ImageJDescription> parseImageJDescription(std::string_view text)
{
    if (text.substr(0, 7) != "ImageJ=")
        return std::nullopt;
    ImageJDescription d;
    bool haveImages = false;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string line(text.substr(start, end - start));
        start = end + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == '\0'))
            line.pop_back();
        const auto eq = line.find('=');
        if (eq == std::string::npos)
            continue;
        const std::string key = line.substr(0, eq);
        const std::string value = line.substr(eq + 1);
        d.fields[key] = value;
        if (key == "images") {
            d.images = toPositiveInt(value, 1);
            haveImages = true;
        } else if (key == "channels") {
            d.channels = toPositiveInt(value, 1);
        } else if (key == "slices") {
            d.slices = toPositiveInt(value, 1);
        } else if (key == "frames") {
            d.frames = toPositiveInt(value, 1);
        } else if (key == "unit") {
            d.unit = value;
        } else if (key == "finterval") {
            d.frameInterval = toDouble(value);
        } else if (key == "tunit") {
            d.timeUnit = value;
        } else if (key == "fps") {
            d.fps = toDouble(value);
        } else if (key == "spacing") {
            d.spacing = toDouble(value);
        }
    }
    if (!haveImages)
        d.images = d.channels * d.slices * d.frames;
    return d;
}

} // namespace insitu
