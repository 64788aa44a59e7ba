#pragma once
// What `insitu render` and `insitu export --figure` read alike: number lists, --contrast, and
// the movie of a project (located, with its effective calibration).

#include "insitu/io/movie.h"
#include "insitu/project/project.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace insitu::cli {

/// text split at separator into finite numbers; throws insitu::Error naming option otherwise.
[[nodiscard]] std::vector<double> splitNumbers(const std::string& text, char separator,
                                               const std::string& option);

/// --contrast: "auto" → none, "LO,HI" → the two grey values (HI > LO). Throws insitu::Error.
[[nodiscard]] std::optional<std::pair<double, double>> parseContrast(const std::string& text);

/// The movie `movieId` (default: first) of project (read from projectPath) opened from where it
/// is found, with the project's calibration. Throws insitu::Error naming projectPath.
struct ProjectMovieInput
{
    const ProjectMovie* projectMovie = nullptr; ///< points into the given project
    std::shared_ptr<Movie> movie;
};
[[nodiscard]] ProjectMovieInput openProjectMovie(const Project& project,
                                                 const std::filesystem::path& projectPath,
                                                 std::optional<int> movieId,
                                                 const std::vector<std::string>& searchPaths);

} // namespace insitu::cli
