// Layout v1: attribute helpers and provenance (docs/project-file.md).

#include "layout_v1_parts.h"

#include "insitu/error.h"
#include "insitu/json_text.h"

#include <limits>

namespace insitu::layout::v1 {

namespace {

int toInt(std::int64_t value, const std::string& name)
{
    require(value >= std::numeric_limits<int>::min() && value <= std::numeric_limits<int>::max(),
            "attribute " + name + " is out of range");
    return static_cast<int>(value);
}

} // namespace

std::string childName(std::size_t index)
{
    return std::to_string(index);
}

void requireOnlyIndexedChildren(hid_t parent, std::size_t count)
{
    H5G_info_t info{};
    require(H5Gget_info(parent, &info) >= 0, "cannot list a group");
    if (info.nlinks == count)
        return;
    char name[256] = {};
    H5Iget_name(parent, name, sizeof name);
    throw Error("group " + printableText(name) + " holds " + std::to_string(info.nlinks) +
                " entries, of which only " + std::to_string(count) +
                " are numbered 0, 1, … (renamed or damaged part)");
}

void require(bool condition, const std::string& what)
{
    if (!condition)
        throw Error(what);
}

int readInt(hid_t object, const std::string& name)
{
    return toInt(h5::readIntAttribute(object, name), name);
}

void writeInt(hid_t object, const std::string& name, int value)
{
    h5::writeAttribute(object, name, static_cast<std::int64_t>(value));
}

void writeBool(hid_t object, const std::string& name, bool value)
{
    writeInt(object, name, value ? 1 : 0);
}

bool readBool(hid_t object, const std::string& name)
{
    return h5::readIntAttribute(object, name) != 0;
}

std::optional<int> readOptionalInt(hid_t object, const std::string& name)
{
    if (!h5::hasAttribute(object, name))
        return std::nullopt;
    return readInt(object, name);
}

nlohmann::json parseJsonAttribute(hid_t object, const std::string& name)
{
    const std::string text = h5::readStringAttribute(object, name);
    auto json = parseJsonLimited(text);
    require(json.has_value(), "attribute " + name + " is not valid JSON (or nests deeper than " +
                                  std::to_string(kMaxJsonDepth) + " levels)");
    return *json;
}

void writeProvenance(hid_t object, const Provenance& provenance)
{
    h5::writeAttribute(object, "program_version", provenance.programVersion);
    h5::writeAttribute(object, "parameters", provenance.parametersJson);
    h5::writeAttribute(object, "input_ids", dumpJson(nlohmann::json(provenance.inputIds)));
    h5::writeAttribute(object, "created", provenance.createdUtc);
}

Provenance readProvenance(hid_t object)
{
    Provenance provenance;
    provenance.programVersion = h5::readStringAttribute(object, "program_version");
    provenance.parametersJson = h5::readStringAttribute(object, "parameters");
    const auto ids = parseJsonAttribute(object, "input_ids");
    require(ids.is_array(), "attribute input_ids is not a JSON array");
    for (const auto& id : ids) {
        require(id.is_string(), "attribute input_ids holds a non-string");
        provenance.inputIds.push_back(id.get<std::string>());
    }
    provenance.createdUtc = h5::readStringAttribute(object, "created");
    return provenance;
}

} // namespace insitu::layout::v1
