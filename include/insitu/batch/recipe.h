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

/// The logs a batch puts on each movie's clock and how it aligns them (recipe key "timeline",
/// over the template's timeline: its log formats, typed offsets and dose settings).
struct BatchTimeline
{
    /// Log paths (relative to the recipe's folder); "{stem}" and "{dir}" stand for the movie's
    /// file stem and folder, so that one entry names every movie's log.
    std::vector<std::string> logs;
    std::string format;            ///< ecFormatName of every log; empty: the template's
    std::vector<double> offsetsS;  ///< typed t_movie − t_log per log; empty: the template's
    std::string correlate;         ///< cross-correlate the first log's channel (e.g. "<I>")
    std::optional<double> maxLagS; ///< cross-correlation lag window (±s)
    std::optional<std::string> movieStart; ///< typed frame-0 clock (per movie)

    bool operator==(const BatchTimeline&) const = default;
};

/// What a recipe changes for one movie: its ROIs (frame-0 px, replacing the template's ROIs of
/// the same id), its calibration and its timeline (fields given replace the recipe's).
struct BatchMovieOverride
{
    std::vector<Roi> rois;
    CalibrationOverride calibration;
    std::optional<BatchTimeline> timeline;

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
    std::optional<BatchTimeline> timeline; ///< logs of every movie (timeline analysis)
    /// Names of the template's analyses to run (BatchAnalysis::name()); empty: all it holds.
    std::vector<std::string> analyses;

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

/// The "timeline" object of a recipe or override ({"logs", "format", "offset_s", "correlate",
/// "max_lag_s", "movie_start"}), and back. Throws insitu::Error naming where on a bad value.
[[nodiscard]] BatchTimeline batchTimelineFromJson(const nlohmann::json& json,
                                                  const std::string& where);
[[nodiscard]] nlohmann::json batchTimelineToJson(const BatchTimeline& timeline);

/// The timeline of movie: the recipe's, with the fields its override gives replaced (nullopt
/// when neither gives one); "{stem}" and "{dir}" of the log paths filled in and resolved.
[[nodiscard]] std::optional<BatchTimeline> timelineFor(const BatchRecipe& recipe,
                                                       const std::filesystem::path& movie);

/// A ROI as JSON {"id", "name", "shape", "points_px": [[x, y], …], "width_px"}, and back.
[[nodiscard]] nlohmann::json roiToJson(const Roi& roi);
[[nodiscard]] Roi roiFromJson(const nlohmann::json& json);

/// path resolved against recipe.baseDir (absolute paths unchanged), lexically normalised.
[[nodiscard]] std::filesystem::path resolvePath(const BatchRecipe& recipe,
                                                const std::filesystem::path& path);

/// The movies of recipe: each entry resolved against baseDir, glob patterns (*, ?, [...], and
/// "**" for any depth of folders, e.g. "day1/**/*.tif") expanded; sorted by absolute path,
/// duplicates removed. Throws insitu::Error when a plain path (no wildcard) does not exist or no
/// movie is named at all; a pattern that matches nothing is an error too (it is most likely a
/// typo).
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
