#pragma once
// Private to src/core/project: attribute helpers, options as JSON and fits in layout v1 (the
// parts shared by the movie and project-level writers of project_layout_v1.cpp).

#include "hdf5_handles.h"

#include "insitu/export/options_json.h" // analysis options as the JSON attributes
#include "insitu/front/front_result.h"
#include "insitu/kinetics/fit_result.h"
#include "insitu/project/project.h"
#include "insitu/registration/drift_result.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace insitu::layout::v1 {

/// Name of the index-th child group ("0", "1", ...).
[[nodiscard]] std::string childName(std::size_t index);

/// Throws insitu::Error naming the group unless it holds exactly `count` links ("0" … count-1).
void requireOnlyIndexedChildren(hid_t parent, std::size_t count);

/// Children named "0", "1", ... in order; refused when any other child is there.
template <typename F> void forEachIndexedChild(hid_t parent, F&& visit)
{
    std::size_t i = 0;
    for (;; ++i) {
        const std::string name = childName(i);
        if (!h5::exists(parent, name))
            break;
        h5::Handle child = h5::openGroup(parent, name);
        visit(child.id());
    }
    // A renamed or extra child would otherwise be skipped: the project would load half-empty.
    requireOnlyIndexedChildren(parent, i);
}

/// Throws insitu::Error(what) unless condition holds.
void require(bool condition, const std::string& what);
[[nodiscard]] int readInt(hid_t object, const std::string& name);
void writeInt(hid_t object, const std::string& name, int value);
void writeBool(hid_t object, const std::string& name, bool value);
[[nodiscard]] bool readBool(hid_t object, const std::string& name);
[[nodiscard]] std::optional<int> readOptionalInt(hid_t object, const std::string& name);
[[nodiscard]] nlohmann::json parseJsonAttribute(hid_t object, const std::string& name);

void writeProvenance(hid_t object, const Provenance& provenance);
[[nodiscard]] Provenance readProvenance(hid_t object);

/// The front analysis settings as the JSON text attribute of docs/project-file.md.
[[nodiscard]] nlohmann::json frontSettingsJson(const FrontAnalysisSettings& settings);
[[nodiscard]] FrontAnalysisSettings frontSettingsFromJson(const nlohmann::json& json);

/// A fit as the group `name` under parent (parameters table, attributes, provenance).
void writeFit(hid_t parent, const std::string& name, const FitResult& fit);
[[nodiscard]] FitResult readFit(hid_t parent, const std::string& name);

} // namespace insitu::layout::v1
