// Parsing of the OME-XML block of an OME-TIFF: Pixels, TiffData and Plane elements only.

#include "insitu/io/length_unit.h"
#include "insitu/io/tiff_reader.h"

#include <map>
#include <set>
#include <string>

namespace insitu {

namespace {

using Attributes = std::map<std::string, std::string>;

/// One start tag `<[prefix:]name attr="value" ...>` found in the XML.
struct Element
{
    std::size_t begin = 0; // position of '<'
    std::size_t end = 0;   // position after '>'
    bool selfClosing = false;
    Attributes attributes;
};

/// Decodes the five predefined XML entities.
std::string unescape(std::string text)
{
    static const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + 1))
            text.replace(pos, std::string(from).size(), to);
    return text;
}

Attributes parseAttributes(std::string_view text)
{
    Attributes out;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto eq = text.find('=', i);
        if (eq == std::string_view::npos)
            break;
        std::size_t nameBegin = i;
        while (nameBegin < eq && std::isspace(static_cast<unsigned char>(text[nameBegin])))
            ++nameBegin;
        std::size_t nameEnd = eq;
        while (nameEnd > nameBegin && std::isspace(static_cast<unsigned char>(text[nameEnd - 1])))
            --nameEnd;
        std::size_t q = eq + 1;
        while (q < text.size() && std::isspace(static_cast<unsigned char>(text[q])))
            ++q;
        if (q >= text.size() || (text[q] != '"' && text[q] != '\''))
            break;
        const char quote = text[q];
        const auto close = text.find(quote, q + 1);
        if (close == std::string_view::npos)
            break;
        std::string name(text.substr(nameBegin, nameEnd - nameBegin));
        if (const auto colon = name.find(':'); colon != std::string::npos)
            name = name.substr(colon + 1);
        out[name] = unescape(std::string(text.substr(q + 1, close - q - 1)));
        i = close + 1;
    }
    return out;
}

/// All start tags with local name `name` (any namespace prefix) in [from, to).
std::vector<Element> findElements(std::string_view xml, std::string_view name, std::size_t from = 0,
                                  std::size_t to = std::string_view::npos)
{
    std::vector<Element> out;
    to = std::min(to, xml.size());
    std::size_t pos = from;
    while (pos < to) {
        const auto lt = xml.find('<', pos);
        if (lt == std::string_view::npos || lt >= to)
            break;
        std::size_t n = lt + 1;
        std::size_t nameEnd = n;
        while (nameEnd < xml.size() && !std::isspace(static_cast<unsigned char>(xml[nameEnd])) &&
               xml[nameEnd] != '>' && xml[nameEnd] != '/')
            ++nameEnd;
        std::string_view tag = xml.substr(n, nameEnd - n);
        if (const auto colon = tag.find(':'); colon != std::string_view::npos)
            tag = tag.substr(colon + 1);
        const auto gt = xml.find('>', nameEnd);
        if (gt == std::string_view::npos)
            break;
        if (tag == name) {
            Element e;
            e.begin = lt;
            e.end = gt + 1;
            e.selfClosing = gt > 0 && xml[gt - 1] == '/';
            e.attributes =
                parseAttributes(xml.substr(nameEnd, gt - nameEnd - (e.selfClosing ? 1 : 0)));
            out.push_back(std::move(e));
        }
        pos = gt + 1;
    }
    return out;
}

std::optional<double> number(const Attributes& a, const std::string& key)
{
    const auto it = a.find(key);
    if (it == a.end())
        return std::nullopt;
    try {
        return std::stod(it->second);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

int integer(const Attributes& a, const std::string& key, int fallback)
{
    const auto v = number(a, key);
    return v ? static_cast<int>(*v) : fallback;
}

std::string text(const Attributes& a, const std::string& key, const std::string& fallback = {})
{
    const auto it = a.find(key);
    return it == a.end() ? fallback : it->second;
}

} // namespace

int omePlaneIndex(const OmeMetadata& ome, int z, int c, int t)
{
    int index = 0;
    int stride = 1;
    for (std::size_t k = 2; k < ome.dimensionOrder.size() && k < 5; ++k) {
        switch (ome.dimensionOrder[k]) {
        case 'Z':
            index += z * stride;
            stride *= ome.sizeZ;
            break;
        case 'C':
            index += c * stride;
            stride *= ome.sizeC;
            break;
        case 'T':
            index += t * stride;
            stride *= ome.sizeT;
            break;
        default:
            break;
        }
    }
    return index;
}

std::optional<OmeMetadata> parseOmeXml(std::string_view xml, std::string_view fileName)
{
    const auto pixelsList = findElements(xml, "Pixels");
    if (pixelsList.empty())
        return std::nullopt;
    const Element& pixels = pixelsList.front();
    const Attributes& a = pixels.attributes;
    OmeMetadata ome;
    ome.dimensionOrder = text(a, "DimensionOrder", "XYZCT");
    if (ome.dimensionOrder.size() != 5 || ome.dimensionOrder.substr(0, 2) != "XY")
        ome.dimensionOrder = "XYZCT";
    ome.type = text(a, "Type", text(a, "PixelType"));
    ome.sizeX = integer(a, "SizeX", 0);
    ome.sizeY = integer(a, "SizeY", 0);
    ome.sizeZ = std::max(1, integer(a, "SizeZ", 1));
    ome.sizeC = std::max(1, integer(a, "SizeC", 1));
    ome.sizeT = std::max(1, integer(a, "SizeT", 1));
    if (const auto px = number(a, "PhysicalSizeX"); px && *px > 0) {
        if (const auto factor = nmPerLengthUnit(text(a, "PhysicalSizeXUnit", "\xC2\xB5m")))
            ome.nmPerPixel = *px * *factor;
    }
    if (const auto dt = number(a, "TimeIncrement"); dt && *dt > 0) {
        if (const auto factor = secondsPerTimeUnit(text(a, "TimeIncrementUnit", "s")))
            ome.timeIncrementS = *dt * *factor;
    }

    // The Pixels element's content ends at its closing tag (or the next Pixels/Image element).
    std::size_t contentEnd = xml.find("Pixels>", pixels.end);
    if (contentEnd == std::string_view::npos)
        contentEnd = xml.size();
    if (pixelsList.size() > 1)
        contentEnd = std::min(contentEnd, pixelsList[1].begin);

    const long long planeTotal = static_cast<long long>(ome.sizeZ) * ome.sizeC * ome.sizeT;
    // 4·10⁶ planes (a 4000-frame × 1000-slice set) keep the plane tables under 100 MB; a
    // larger SizeZ × SizeC × SizeT in a file of a few KB is damage, not data.
    if (planeTotal <= 0 || planeTotal > 4'000'000)
        return std::nullopt;
    const auto tiffData = findElements(xml, "TiffData", pixels.end, contentEnd);
    if (tiffData.empty()) {
        ome.ifdOfPlane.resize(static_cast<std::size_t>(planeTotal));
        for (long long p = 0; p < planeTotal; ++p)
            ome.ifdOfPlane[static_cast<std::size_t>(p)] = p;
    } else {
        ome.ifdOfPlane.assign(static_cast<std::size_t>(planeTotal), -1);
        // Which TiffData belong to this file: the UUID matches the root OME UUID, or, without one,
        // the FileName matches ours or every TiffData names the same (possibly renamed) file.
        const auto roots = findElements(xml, "OME");
        const std::string rootUuid =
            roots.empty() ? std::string() : text(roots.front().attributes, "UUID");
        std::vector<std::pair<std::string, std::string>> refs; // (uuid, file name) per TiffData
        std::set<std::string> distinctFiles;
        for (const auto& td : tiffData) {
            std::pair<std::string, std::string> ref;
            if (!td.selfClosing) {
                const auto close = xml.find("TiffData>", td.end);
                const auto uuids = findElements(xml, "UUID", td.end, close);
                if (!uuids.empty()) {
                    ref.second = text(uuids.front().attributes, "FileName");
                    const auto textEnd = xml.find('<', uuids.front().end);
                    if (!uuids.front().selfClosing && textEnd != std::string_view::npos)
                        ref.first =
                            std::string(xml.substr(uuids.front().end, textEnd - uuids.front().end));
                    distinctFiles.insert(ref.first + "|" + ref.second);
                }
            }
            refs.push_back(ref);
        }
        for (std::size_t i = 0; i < tiffData.size(); ++i) {
            const auto& td = tiffData[i];
            const auto& [uuid, file] = refs[i];
            bool here = uuid.empty() && file.empty();
            if (!here && !rootUuid.empty())
                here = uuid == rootUuid;
            else if (!here)
                here = distinctFiles.size() == 1 || file == fileName;
            if (!here) {
                ome.multiFile = true;
                continue;
            }
            const Attributes& t = td.attributes;
            const long long ifd = integer(t, "IFD", 0);
            const int first = omePlaneIndex(ome, integer(t, "FirstZ", 0), integer(t, "FirstC", 0),
                                            integer(t, "FirstT", 0));
            const bool hasCount = t.count("PlaneCount") > 0;
            const long long count =
                hasCount ? integer(t, "PlaneCount", 1) : (t.count("IFD") ? 1 : planeTotal - first);
            for (long long k = 0; k < count && first + k < planeTotal; ++k)
                if (first + k >= 0)
                    ome.ifdOfPlane[static_cast<std::size_t>(first + k)] = ifd + k;
        }
    }

    // Per-plane DeltaT of the planes with Z = 0 and C = 0, indexed by T.
    std::vector<std::optional<double>> deltaT(static_cast<std::size_t>(ome.sizeT));
    for (const auto& plane : findElements(xml, "Plane", pixels.end, contentEnd)) {
        const Attributes& p = plane.attributes;
        if (integer(p, "TheZ", 0) != 0 || integer(p, "TheC", 0) != 0)
            continue;
        const int t = integer(p, "TheT", 0);
        const auto dt = number(p, "DeltaT");
        const auto factor = secondsPerTimeUnit(text(p, "DeltaTUnit", "s"));
        if (t >= 0 && t < ome.sizeT && dt && factor)
            deltaT[static_cast<std::size_t>(t)] = *dt * *factor;
    }
    bool allTimes = ome.sizeT > 1;
    for (const auto& v : deltaT)
        allTimes = allTimes && v.has_value();
    if (allTimes)
        for (const auto& v : deltaT)
            ome.deltaTS.push_back(*v);
    return ome;
}

} // namespace insitu
