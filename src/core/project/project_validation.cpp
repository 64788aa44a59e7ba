#include "project_validation.h"

#include "insitu/error.h"

#include <cmath>
#include <string>

namespace insitu::layout {

namespace {

constexpr int kMaxSidePx = 1 << 20;      // no detector is wider than a million pixels
constexpr double kMaxCoordinatePx = 1e7; // ROI points well outside any frame are damage

void check(bool ok, const std::string& part, const std::string& problem)
{
    if (!ok)
        throw Error(part + ": " + problem);
}

void checkPositive(const std::optional<double>& value, const std::string& part,
                   const std::string& name)
{
    if (value)
        check(std::isfinite(*value) && *value > 0, part,
              name + " " + std::to_string(*value) + " is not a finite positive number");
}

void checkCalibration(const Calibration& c, const std::string& part)
{
    checkPositive(c.nmPerPixel, part, "nm_per_pixel");
    checkPositive(c.frameIntervalS, part, "frame_interval_s");
    for (const double t : c.timestampsS)
        check(std::isfinite(t), part, "timestamps_s holds a non-finite time");
}

void checkMovie(const ProjectMovie& movie, std::size_t index)
{
    const std::string part =
        "movie " + std::to_string(index) + " (id " + std::to_string(movie.id) + ")";
    check(movie.frameCount >= 0, part,
          "frame_count " + std::to_string(movie.frameCount) + " is negative");
    check(movie.width >= 0 && movie.width <= kMaxSidePx && movie.height >= 0 &&
              movie.height <= kMaxSidePx,
          part,
          "frame size " + std::to_string(movie.width) + " x " + std::to_string(movie.height) +
              " px is impossible");
    checkCalibration(movie.fileCalibration, part + " calibration");
    checkPositive(movie.calibrationOverride.nmPerPixel, part + " calibration_override",
                  "nm_per_pixel");
    checkPositive(movie.calibrationOverride.frameIntervalS, part + " calibration_override",
                  "frame_interval_s");
    for (const Roi& roi : movie.rois) {
        const std::string roiPart = part + " ROI " + std::to_string(roi.id);
        check(std::isfinite(roi.widthPx) && roi.widthPx >= 0 && roi.widthPx <= kMaxCoordinatePx,
              roiPart, "width_px is not a finite size");
        for (const auto& p : roi.points)
            check(std::isfinite(p.x) && std::isfinite(p.y) && std::abs(p.x) <= kMaxCoordinatePx &&
                      std::abs(p.y) <= kMaxCoordinatePx,
                  roiPart, "points_px holds a non-finite or absurd coordinate");
    }
    for (const ProjectFronts& fronts : movie.fronts)
        check(std::isfinite(fronts.kymographStepPx) && fronts.kymographStepPx > 0,
              part + " fronts of ROI " + std::to_string(fronts.result.roiId),
              "kymograph_step_px is not a finite positive number");
}

} // namespace

void validateProject(const Project& project)
{
    for (std::size_t i = 0; i < project.movies.size(); ++i)
        checkMovie(project.movies[i], i);
}

} // namespace insitu::layout
