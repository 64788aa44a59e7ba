// buildAreaProject: one `insitu area` run (movie, drift, areas) as a Project.

#include "insitu/project/area_project_build.h"
#include "insitu/project/front_project.h"

#include "insitu/project/project_file.h"

#include <nlohmann/json.hpp>

namespace insitu {

Provenance areasProvenance(const AreaResult& result, const std::string& driftName, int movieId,
                           const std::vector<int>& seedRoiIds)
{
    const AreaOptions& o = result.options;
    const nlohmann::json parameters{{"drift", driftName},
                                    {"core", o.core},
                                    {"model", o.model},
                                    {"ray_count", o.rayCount},
                                    {"prior_weight", o.priorWeight},
                                    {"edge_half_window_px", o.edgeHalfWindowPx},
                                    {"temporal_half_window_frames", o.temporalHalfWindowFrames},
                                    {"a0_frames", {o.areaZeroFirstFrame, o.areaZeroLastFrame}}};
    const std::string movie = "movie:" + std::to_string(movieId);
    std::vector<std::string> inputs{movie};
    if (driftName != "none")
        inputs.push_back("drift:" + movie);
    for (const int id : seedRoiIds)
        inputs.push_back("roi:" + std::to_string(id));
    return makeProvenance(parameters.dump(), inputs);
}

Project buildAreaProject(const Movie& movie, const std::optional<DriftResult>& drift,
                         const AreaResult& result, const std::string& driftName)
{
    Project project;
    project.name = movie.info().path.stem().string();
    ProjectMovie entry = describeAnalysedMovie(movie, project.nextMovieId++);
    const std::string movieId = "movie:" + std::to_string(entry.id);
    const Provenance provenance = areasProvenance(result, drift ? driftName : "none", entry.id);
    if (drift) {
        entry.driftOptions = drift->options;
        entry.drift = ProjectDrift{*drift, makeProvenance(provenance.parametersJson, {movieId})};
    }
    entry.areas = ProjectAreas{result, provenance};
    entry.areaSettings = areaSettingsFromResult(entry);
    project.movies.push_back(std::move(entry));
    return project;
}

} // namespace insitu
