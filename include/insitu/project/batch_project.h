#pragma once
// BatchProvenance: where a movie's results came from when `insitu batch` made them.

#include <string>

namespace insitu {

/// The batch run that analysed a movie: the recipe, the template and the program (saved in the
/// movie's "batch" group, docs/project-file.md). Absent for projects not made by a batch run.
struct BatchProvenance
{
    std::string recipeJson;          ///< the recipe as run (one JSON document)
    std::string recipeHash;          ///< "sha256:<hex>" of what decides the results (recipeHash)
    std::string templatePath;        ///< the template project as given in the recipe
    std::string templateFingerprint; ///< computeMovieFingerprint of the template file
    std::string programVersion;      ///< insitu::kVersion of the program that ran it
    std::string createdUtc;          ///< ISO-8601 UTC time of the run

    bool operator==(const BatchProvenance&) const = default;
};

} // namespace insitu
