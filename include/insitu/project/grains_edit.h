#pragma once
// Hand fixes of a stored grains result (merge two grains, delete one): the labels changed, the
// grains measured again and the ECD summaries and E112 intercepts recomputed from them.

#include "insitu/project/grains_project.h"

namespace insitu {

/// One hand fix: merge grain `otherId` into grain `id`, or delete grain `id` (its pixels become
/// "no grain", label 0, as boundary pixels are).
struct GrainEdit
{
    enum class Kind { Merge, Delete };
    Kind kind = Kind::Delete;
    int id = 0;
    int otherId = 0; ///< Merge only
};

/// stored with edit applied. Throws insitu::Error naming a grain id that is not in stored (or a
/// merge of a grain with itself).
[[nodiscard]] ProjectGrains editedGrains(const ProjectGrains& stored, const GrainEdit& edit);

} // namespace insitu
