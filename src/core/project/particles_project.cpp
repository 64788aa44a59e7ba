// ProjectParticles to and from a segmentation, and stored into a project (`--project`).

#include "insitu/project/particles_project_build.h"

#include "insitu/particles/particle_options_json.h"
#include "insitu/project/front_project.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace insitu {

ProjectParticles toProjectParticles(const ParticleSegmentation& seg, int firstFrame, int lastFrame,
                                    const std::vector<Roi>& regions,
                                    std::vector<ParticleEdit> edits)
{
    ProjectParticles stored;
    stored.firstFrame = firstFrame;
    stored.lastFrame = lastFrame;
    stored.regions = regions;
    stored.result = seg.result;
    stored.edits = std::move(edits);
    CV_Assert(seg.labels.type() == CV_32S && seg.labels.isContinuous());
    const auto* begin = seg.labels.ptr<std::int32_t>();
    stored.labels.assign(begin, begin + seg.labels.total());
    return stored;
}

ParticleSegmentation particleSegmentation(const ProjectParticles& stored)
{
    ParticleSegmentation seg;
    seg.result = stored.result;
    seg.labels = cv::Mat(stored.result.height, stored.result.width, CV_32S);
    if (!stored.labels.empty())
        std::copy(stored.labels.begin(), stored.labels.end(), seg.labels.ptr<std::int32_t>());
    else
        seg.labels.setTo(0);
    return seg;
}

std::string particlesParametersJson(const ProjectParticles& stored)
{
    nlohmann::json regions = nlohmann::json::array();
    for (const Roi& roi : stored.regions) {
        nlohmann::json points = nlohmann::json::array();
        for (const PointPx& p : roi.points)
            points.push_back({p.x, p.y});
        regions.push_back(
            {{"name", roi.name}, {"shape", roiShapeName(roi.shape)}, {"points_px", points}});
    }
    return nlohmann::json{{"options", particleOptionsJson(stored.result.options)},
                          {"frames", {stored.firstFrame, stored.lastFrame}},
                          {"regions", regions},
                          {"edits", stored.edits.size()}}
        .dump();
}

int storeParticles(Project& project, const Movie& movie, ProjectParticles particles,
                   bool driftCorrected)
{
    ProjectMovie entry = describeAnalysedMovie(movie, project.nextMovieId);
    auto same =
        std::find_if(project.movies.begin(), project.movies.end(), [&](const ProjectMovie& m) {
            return m.fingerprint == entry.fingerprint || m.path == entry.path;
        });
    if (same == project.movies.end()) {
        ++project.nextMovieId;
        if (project.name.empty())
            project.name = movie.info().path.stem().string();
        project.movies.push_back(std::move(entry));
        same = project.movies.end() - 1;
    }
    const std::string movieId = "movie:" + std::to_string(same->id);
    std::vector<std::string> inputs{movieId};
    if (driftCorrected)
        inputs.push_back("drift:" + movieId);
    particles.provenance = makeProvenance(particlesParametersJson(particles), inputs);
    same->particles = std::move(particles);
    same->particleSettings = particleSettingsFromResult(*same);
    return same->id;
}

} // namespace insitu
