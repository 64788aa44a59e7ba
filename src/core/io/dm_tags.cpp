#include "dm_tags.h"

#include "insitu/io/length_unit.h"

#include <cmath>
#include <limits>

namespace insitu::dm {

namespace {

constexpr int kMaxDepth = 64;
constexpr std::uint64_t kMaxTags = 4'000'000;
constexpr std::uint64_t kMaxInfoWords = 4096;
constexpr std::uint64_t kDecodeLimitBytes = 16 * 1024; // larger arrays stay on disk

// DM encoded types (info[0]).
constexpr std::uint64_t kStruct = 15;
constexpr std::uint64_t kString = 18;
constexpr std::uint64_t kArray = 20;

/// Size in bytes of a simple encoded type, 0 when not simple.
std::uint64_t simpleSize(std::uint64_t type)
{
    switch (type) {
    case 2:
    case 4:
        return 2; // int16, uint16
    case 3:
    case 5:
    case 6:
        return 4; // int32, uint32, float32
    case 7:
    case 11:
    case 12:
        return 8; // float64, int64, uint64
    case 8:
    case 9:
    case 10:
        return 1; // bool, int8, uint8
    default:
        return 0;
    }
}

nlohmann::json decodeSimple(std::uint64_t type, const unsigned char* p, Endian order)
{
    switch (type) {
    case 2:
        return decodeValue<std::int16_t>(p, order);
    case 3:
        return decodeValue<std::int32_t>(p, order);
    case 4:
        return decodeValue<std::uint16_t>(p, order);
    case 5:
        return decodeValue<std::uint32_t>(p, order);
    case 6: {
        const double v = decodeValue<float>(p, order);
        return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
    }
    case 7: {
        const double v = decodeValue<double>(p, order);
        return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
    }
    case 8:
        return p[0] != 0;
    case 9:
        return static_cast<std::int8_t>(p[0]);
    case 10:
        return p[0];
    case 11:
        return decodeValue<std::int64_t>(p, order);
    case 12:
        return decodeValue<std::uint64_t>(p, order);
    default:
        return nullptr;
    }
}

/// UTF-16 code units to UTF-8 (unpaired surrogates become U+FFFD); stops at a NUL.
std::string utf16ToUtf8(const std::vector<std::uint16_t>& units)
{
    std::string out;
    for (std::size_t i = 0; i < units.size(); ++i) {
        std::uint32_t cp = units[i];
        if (cp == 0)
            break;
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < units.size() && units[i + 1] >= 0xDC00 &&
            units[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (units[i + 1] - 0xDC00);
            ++i;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    return out;
}

class Parser
{
public:
    Parser(const BinaryFile& file, int version, Endian dataOrder)
        : m_file(file), m_cursor(file, 0, Endian::Big), m_dm4(version == 4), m_order(dataOrder)
    {
    }

    void parseGroupBody(Tag& group, std::uint64_t offset)
    {
        m_cursor.seek(offset);
        parseGroup(group, 0);
    }

private:
    std::uint64_t readCount()
    {
        return m_dm4 ? m_cursor.value<std::uint64_t>(Endian::Big)
                     : m_cursor.value<std::uint32_t>(Endian::Big);
    }

    void parseGroup(Tag& group, int depth)
    {
        if (depth > kMaxDepth)
            m_file.fail("DM tag tree nested deeper than " + std::to_string(kMaxDepth) +
                        " levels (corrupt file?)");
        group.isGroup = true;
        m_cursor.skip(2, "DM tag group header"); // is_sorted, is_open
        const std::uint64_t count = readCount();
        // Each tag takes at least 3 bytes: a count larger than the rest of the file is corrupt.
        if (count > (m_file.size() - std::min(m_file.size(), m_cursor.offset())) / 3)
            m_file.fail("DM tag group '" + group.name + "' claims " + std::to_string(count) +
                        " tags, more than the file can hold (corrupt file?)");
        for (std::uint64_t i = 0; i < count; ++i) {
            if (++m_tagCount > kMaxTags)
                m_file.fail("DM tag tree has more than " + std::to_string(kMaxTags) + " tags");
            Tag tag;
            const auto kind = m_cursor.value<std::uint8_t>();
            const auto nameLength = m_cursor.value<std::uint16_t>(Endian::Big);
            tag.name = latin1ToUtf8(m_cursor.string(nameLength));
            if (m_dm4)
                (void)m_cursor.value<std::uint64_t>(Endian::Big); // tag size, recomputed below
            if (kind == 20) {
                parseGroup(tag, depth + 1);
            } else if (kind == 21) {
                parseData(tag);
            } else {
                m_file.fail("DM tag '" + tag.name + "' has unknown kind " + std::to_string(kind) +
                            " at offset " + std::to_string(m_cursor.offset() - 1) +
                            " (corrupt file?)");
            }
            group.children.push_back(std::move(tag));
        }
    }

    void parseData(Tag& tag)
    {
        char delimiter[4];
        m_cursor.read(delimiter, 4);
        if (std::string_view(delimiter, 4) != "%%%%")
            m_file.fail("DM tag '" + tag.name + "' lacks its '%%%%' marker at offset " +
                        std::to_string(m_cursor.offset() - 4) + " (corrupt file?)");
        const std::uint64_t ninfo = readCount();
        if (ninfo == 0 || ninfo > kMaxInfoWords)
            m_file.fail("DM tag '" + tag.name + "' has an invalid type description (" +
                        std::to_string(ninfo) + " words)");
        std::vector<std::uint64_t> info(static_cast<std::size_t>(ninfo));
        for (auto& word : info)
            word = readCount();

        const std::uint64_t start = m_cursor.offset();
        tag.payloadOffset = start;
        const std::uint64_t type = info[0];
        const auto bad = [&] {
            m_file.fail("DM tag '" + tag.name + "' has an unsupported type encoding (type " +
                        std::to_string(type) + ", " + std::to_string(ninfo) + " words)");
        };
        std::uint64_t bytes = 0;
        if (ninfo == 1) {
            bytes = simpleSize(type);
            if (bytes == 0)
                bad();
            unsigned char buf[8];
            m_cursor.read(buf, static_cast<std::size_t>(bytes));
            tag.value = decodeSimple(type, buf, m_order);
        } else if (type == kString && ninfo >= 2) {
            bytes = info[1];
            m_file.requireRange(start, bytes, "DM string tag '" + tag.name + "'");
            if (bytes <= kDecodeLimitBytes)
                tag.value = latin1ToUtf8(m_cursor.string(static_cast<std::size_t>(bytes)));
        } else if (type == kStruct && ninfo >= 3) {
            const std::uint64_t fields = info[2];
            if (fields > (ninfo - 3) / 2) // not 3 + 2·fields > ninfo: that wraps for huge counts
                bad();
            nlohmann::json values = nlohmann::json::array();
            for (std::uint64_t k = 0; k < fields; ++k) {
                const std::uint64_t ft = info[static_cast<std::size_t>(4 + 2 * k)];
                const std::uint64_t fs = simpleSize(ft);
                if (fs == 0)
                    bad();
                unsigned char buf[8];
                m_cursor.read(buf, static_cast<std::size_t>(fs));
                values.push_back(decodeSimple(ft, buf, m_order));
                bytes += fs;
            }
            tag.value = std::move(values);
        } else if (type == kArray && ninfo >= 3) {
            std::uint64_t elementBytes = 0;
            std::uint64_t count = 0;
            if (info[1] == kStruct) {
                if (ninfo < 5)
                    bad();
                const std::uint64_t fields = info[3];
                if ((ninfo - 5) % 2 != 0 || fields != (ninfo - 5) / 2) // overflow-safe
                    bad();
                for (std::uint64_t k = 0; k < fields; ++k) {
                    const std::uint64_t fs = simpleSize(info[static_cast<std::size_t>(5 + 2 * k)]);
                    if (fs == 0)
                        bad();
                    elementBytes += fs;
                }
                count = info.back();
            } else {
                elementBytes = simpleSize(info[1]);
                if (elementBytes == 0 || ninfo != 3)
                    bad();
                count = info[2];
                tag.arrayElementType = static_cast<int>(info[1]);
            }
            tag.arrayCount = count;
            if (elementBytes != 0 && count > m_file.size() / elementBytes)
                m_file.fail("DM array tag '" + tag.name + "' claims " + std::to_string(count) +
                            " elements, more than the file holds (corrupt file?)");
            bytes = elementBytes * count;
            m_file.requireRange(start, bytes, "DM array tag '" + tag.name + "'");
            if (tag.arrayElementType != 0 && bytes <= kDecodeLimitBytes && tag.name != "Data")
                tag.value = decodeArray(tag, static_cast<std::size_t>(count),
                                        static_cast<std::size_t>(elementBytes));
        } else {
            bad();
        }
        tag.payloadBytes = bytes;
        m_cursor.seek(start);
        m_cursor.skip(bytes, "DM tag '" + tag.name + "' payload");
    }

    nlohmann::json decodeArray(const Tag& tag, std::size_t count, std::size_t elementBytes)
    {
        std::vector<unsigned char> raw(count * elementBytes);
        m_cursor.read(raw.data(), raw.size());
        const auto type = static_cast<std::uint64_t>(tag.arrayElementType);
        if (type == 4) { // uint16 arrays are UTF-16 text in DM (names, units, strings)
            std::vector<std::uint16_t> units(count);
            for (std::size_t i = 0; i < count; ++i)
                units[i] = decodeValue<std::uint16_t>(raw.data() + 2 * i, m_order);
            return utf16ToUtf8(units);
        }
        if (count > 64)
            return "<array of " + std::to_string(count) + " values>";
        nlohmann::json values = nlohmann::json::array();
        for (std::size_t i = 0; i < count; ++i)
            values.push_back(decodeSimple(type, raw.data() + i * elementBytes, m_order));
        return values;
    }

    const BinaryFile& m_file;
    FileCursor m_cursor;
    bool m_dm4;
    Endian m_order;
    std::uint64_t m_tagCount = 0;
};

} // namespace

const Tag* Tag::child(std::string_view childName) const
{
    for (const auto& c : children)
        if (c.name == childName)
            return &c;
    return nullptr;
}

const Tag* Tag::find(std::string_view path) const
{
    const Tag* node = this;
    while (node && !path.empty()) {
        const auto slash = path.find('/');
        node = node->child(path.substr(0, slash));
        path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
    }
    return node;
}

double Tag::number(double fallback) const
{
    return value.is_number() ? value.get<double>() : fallback;
}

bool looksLikeDm(const std::vector<unsigned char>& head)
{
    if (head.size() < 24 || head[0] != 0 || head[1] != 0 || head[2] != 0)
        return false;
    const int version = head[3];
    if (version != 3 && version != 4)
        return false;
    const std::size_t flagAt = version == 3 ? 8 : 12;
    const auto flag = decodeValue<std::uint32_t>(head.data() + flagAt, Endian::Big);
    const std::size_t groupAt = flagAt + 4;
    return (flag == 0 || flag == 1) && head[groupAt] <= 1 && head[groupAt + 1] <= 1;
}

TagFile parseTagFile(const BinaryFile& file)
{
    if (file.size() < 24)
        file.fail("too short to be a DigitalMicrograph file (" + std::to_string(file.size()) +
                  " bytes)");
    TagFile result;
    result.version = file.readValue<std::int32_t>(0, Endian::Big);
    if (result.version != 3 && result.version != 4)
        file.fail("not a DigitalMicrograph DM3/DM4 file (version field " +
                  std::to_string(result.version) + ")");
    const std::uint64_t flagAt = result.version == 3 ? 8 : 12;
    const auto flag = file.readValue<std::uint32_t>(flagAt, Endian::Big);
    if (flag > 1)
        file.fail("DM header has an invalid byte-order flag (" + std::to_string(flag) + ")");
    result.dataOrder = flag == 1 ? Endian::Little : Endian::Big;
    Parser parser(file, result.version, result.dataOrder);
    parser.parseGroupBody(result.root, flagAt + 4);
    return result;
}

nlohmann::json toJson(const Tag& tag)
{
    if (!tag.isGroup) {
        if (!tag.value.is_null())
            return tag.value;
        if (tag.arrayCount > 0)
            return "<array of " + std::to_string(tag.arrayCount) + " values>";
        return nullptr;
    }
    bool allUnnamed = !tag.children.empty();
    for (const auto& c : tag.children)
        allUnnamed = allUnnamed && c.name.empty();
    if (allUnnamed) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& c : tag.children)
            list.push_back(toJson(c));
        return list;
    }
    nlohmann::json object = nlohmann::json::object();
    for (std::size_t i = 0; i < tag.children.size(); ++i) {
        const auto& c = tag.children[i];
        object[c.name.empty() ? "[" + std::to_string(i) + "]" : c.name] = toJson(c);
    }
    return object;
}

} // namespace insitu::dm
