#pragma once
// BatchRecipe: which movies a batch run analyses, with which template project, into which folder
// (the recipe JSON of docs/user-guide.md), and the deterministic movie list and its shares.

#include "insitu/project/project.h"
#include "insitu/roi/roi.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// What a recipe changes for one movie: its ROIs (frame-0 px, replacing the template's ROIs of
/// the same id) and its calibration.
struct BatchMovieOverride
{
    std::vector<Roi> rois;
    CalibrationOverride calibration;

    bool operator==(const BatchMovieOverride&) const = default;
};

/// A batch run: movies (paths or glob patterns, relative to the recipe's folder), the template
/// project whose analyses are applied to each, the output folder, and overrides.
struct BatchRecipe
{
    std::filesystem::path baseDir; ///< relative paths are resolved against it (recipe's folder)
    std::vector<std::string> movies;
    std::filesystem::path templateProject;
    int templateMovieId = 0; ///< the template's movie whose settings apply; 0 = its first movie
    std::filesystem::path outputDir;
    CalibrationOverride calibration; ///< for every movie (over the template's own override)
    /// Per movie, keyed by file name, by the path as written in `movies`, or by absolute path.
    std::map<std::string, BatchMovieOverride> overrides;

    bool operator==(const BatchRecipe&) const = default;
};

/// Parses a recipe document (keys "movies", "template", "template_movie", "output",
/// "calibration": {"pixel_size_nm", "frame_interval_s", "time_zero_frame"}, "overrides":
/// {name: {"rois": [...], "calibration": {...}}}); relative paths are kept relative to baseDir.
/// Throws insitu::Error naming source and the problem.
[[nodiscard]] BatchRecipe recipeFromJson(const nlohmann::json& document,
                                         const std::filesystem::path& baseDir,
                                         const std::string& source = "recipe");
/// The recipe as a document recipeFromJson reads back (paths as given).
[[nodiscard]] nlohmann::json recipeToJson(const BatchRecipe& recipe);
/// Reads a recipe file; relative paths in it are relative to the file's folder. Throws
/// insitu::Error naming the file when it is missing or not a valid recipe.
[[nodiscard]] BatchRecipe loadRecipe(const std::filesystem::path& path);
/// Writes recipe as JSON to path (atomically).
void saveRecipe(const BatchRecipe& recipe, const std::filesystem::path& path);

/// A ROI as JSON {"id", "name", "shape", "points_px": [[x, y], …], "width_px"}, and back.
[[nodiscard]] nlohmann::json roiToJson(const Roi& roi);
[[nodiscard]] Roi roiFromJson(const nlohmann::json& json);

/// path resolved against recipe.baseDir (absolute paths unchanged), lexically normalised.
[[nodiscard]] std::filesystem::path resolvePath(const BatchRecipe& recipe,
                                                const std::filesystem::path& path);

/// The movies of recipe: each entry resolved against baseDir, glob patterns (*, ?, [...])
/// expanded; sorted by absolute path, duplicates removed. Throws insitu::Error when a plain path
/// (no wildcard) does not exist or no movie is named at all; a pattern that matches nothing is
/// an error too (it is most likely a typo).
[[nodiscard]] std::vector<std::filesystem::path> expandMovies(const BatchRecipe& recipe);

/// Share `index` of `count` of movies: every count-th movie starting at index (in list order),
/// so shares differ in size by at most one. Throws insitu::Error when index ∉ [0, count).
[[nodiscard]] std::vector<std::filesystem::path>
shareOfMovies(const std::vector<std::filesystem::path>& movies, int index, int count);

/// The override of movie (by file name, path as written, or absolute path), or nullptr.
[[nodiscard]] const BatchMovieOverride* overrideFor(const BatchRecipe& recipe,
                                                    const std::filesystem::path& movie);

/// The name of a movie's output folder under outputDir/movies: its file stem, with "-<8 hex>" of
/// its path added when another movie in movies has the same stem.
[[nodiscard]] std::string movieOutputName(const std::filesystem::path& movie,
                                          const std::vector<std::filesystem::path>& movies);

/// "sha256:<hex>" of text.
[[nodiscard]] std::string sha256Text(const std::string& text);

} // namespace insitu
