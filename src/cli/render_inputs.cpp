#include "render_inputs.h"

#include "insitu/error.h"
#include "insitu/project/project_file.h"

#include <cmath>
#include <sstream>

namespace insitu::cli {

std::vector<double> splitNumbers(const std::string& text, char separator, const std::string& option)
{
    std::vector<double> values;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, separator)) {
        try {
            std::size_t used = 0;
            values.push_back(std::stod(part, &used));
            if (used != part.size() || !std::isfinite(values.back()))
                throw std::invalid_argument(part);
        } catch (const std::exception&) {
            throw Error(option + " '" + text + "': '" + part + "' is not a finite number");
        }
    }
    return values;
}

std::optional<std::pair<double, double>> parseContrast(const std::string& text)
{
    if (text == "auto")
        return std::nullopt;
    const auto v = splitNumbers(text, ',', "--contrast");
    if (v.size() != 2)
        throw Error("--contrast '" + text + "': expected auto or LO,HI");
    if (!(v[1] > v[0]))
        throw Error("--contrast '" + text + "': HI must be above LO");
    return std::pair{v[0], v[1]};
}

ProjectMovieInput openProjectMovie(const Project& project, const std::filesystem::path& projectPath,
                                   std::optional<int> movieId,
                                   const std::vector<std::string>& searchPaths)
{
    const std::string where = projectPath.string();
    if (project.movies.empty())
        throw Error(where + ": the project holds no movie");
    const ProjectMovie* pm = movieId ? project.movie(*movieId) : &project.movies.front();
    if (pm == nullptr)
        throw Error(where + ": no movie with id " + std::to_string(*movieId));
    const std::vector<std::filesystem::path> search(searchPaths.begin(), searchPaths.end());
    const auto found = locateMovie(*pm, search);
    if (!found)
        throw Error(where + ": movie " + pm->path.string() +
                    " not found (give --movie-search-path)");
    ProjectMovieInput input;
    input.projectMovie = pm;
    input.movie = openMovie(*found);
    input.movie->setCalibration(pm->effectiveCalibration());
    return input;
}

} // namespace insitu::cli
