#include "insitu/project/front_project.h"

#include "insitu/project/project_file.h"

#include <opencv2/core.hpp>

namespace insitu {

ImageF32 kymographImage(const Kymograph& kymograph)
{
    ImageF32 image;
    cv::Mat values;
    kymograph.values.convertTo(values, CV_32F);
    if (!values.isContinuous())
        values = values.clone();
    image.rows = values.rows;
    image.cols = values.cols;
    const auto* data = values.ptr<float>();
    image.values.assign(data, data + values.total());
    return image;
}

ProjectMovie describeAnalysedMovie(const Movie& movie, int id)
{
    ProjectMovie entry = describeMovie(movie.info().path, id);
    // describeMovie read the file's calibration; what the run used differs only by user overrides.
    const Calibration& used = movie.calibration();
    if (used.nmPerPixel != entry.fileCalibration.nmPerPixel)
        entry.calibrationOverride.nmPerPixel = used.nmPerPixel;
    if (used.frameIntervalS != entry.fileCalibration.frameIntervalS ||
        used.timestampsS != entry.fileCalibration.timestampsS)
        entry.calibrationOverride.frameIntervalS = used.frameIntervalS;
    if (used.timeZeroFrame != entry.fileCalibration.timeZeroFrame)
        entry.calibrationOverride.timeZeroFrame = used.timeZeroFrame;
    return entry;
}

Project buildFrontProject(const Movie& movie, const Roi& roi,
                          const std::optional<DriftResult>& drift, const Kymograph& kymograph,
                          const FrontResult& fronts, const std::string& parametersJson)
{
    Project project;
    project.name = movie.info().path.stem().string();
    ProjectMovie entry = describeAnalysedMovie(movie, project.nextMovieId++);

    const std::string movieId = "movie:" + std::to_string(entry.id);
    Roi storedRoi = roi;
    if (storedRoi.id <= 0)
        storedRoi.id = project.nextRoiId;
    project.nextRoiId = std::max(project.nextRoiId, storedRoi.id + 1);
    entry.rois.push_back(storedRoi);

    std::vector<std::string> frontInputs = {movieId, "roi:" + std::to_string(storedRoi.id)};
    if (drift) {
        entry.driftOptions = drift->options;
        entry.drift = ProjectDrift{*drift, makeProvenance(parametersJson, {movieId})};
        frontInputs.push_back("drift:" + movieId);
    }
    ProjectFronts stored;
    stored.result = fronts;
    stored.result.roiId = storedRoi.id;
    stored.kymograph = kymographImage(kymograph);
    stored.kymographStepPx = kymograph.stepPx;
    stored.provenance = makeProvenance(parametersJson, frontInputs);
    entry.fronts.push_back(std::move(stored));
    entry.frontSettings = frontSettingsFromResults(entry);
    project.movies.push_back(std::move(entry));
    return project;
}

} // namespace insitu
