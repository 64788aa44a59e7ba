// Find-or-add of an analysed movie in a project loaded from (or new for) a path.

#include "insitu/project/project_update.h"

#include "insitu/project/front_project.h"
#include "insitu/project/project_file.h"

#include <system_error>

namespace insitu {

Project loadProjectOrNew(const std::filesystem::path& path, const Movie& movie)
{
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
        return loadProject(path);
    Project project;
    project.name = movie.info().path.stem().string();
    return project;
}

const ProjectMovie* findAnalysedMovie(const Project& project, const Movie& movie)
{
    const std::string fingerprint = computeMovieFingerprint(movie.info().path);
    for (const ProjectMovie& m : project.movies)
        if (m.fingerprint == fingerprint)
            return &m;
    return nullptr;
}

ProjectMovie& analysedMovieEntry(Project& project, const Movie& movie)
{
    ProjectMovie fresh = describeAnalysedMovie(movie, project.nextMovieId);
    for (ProjectMovie& m : project.movies)
        if (m.fingerprint == fresh.fingerprint) {
            m.path = fresh.path;
            m.fileCalibration = fresh.fileCalibration;
            m.calibrationOverride = fresh.calibrationOverride;
            return m;
        }
    ++project.nextMovieId;
    project.movies.push_back(std::move(fresh));
    return project.movies.back();
}

} // namespace insitu
