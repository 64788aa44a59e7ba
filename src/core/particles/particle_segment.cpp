// segmentParticles: the pipeline of methods-2.md §2 from a raw frame to measured particles.

#include "insitu/particles/particle_segment.h"

#include "particle_steps.h"
#include "row_bands.h"

#include "insitu/error.h"
#include "insitu/particles/region_mask.h"
#include "insitu/particles/size_statistics.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace insitu {

namespace particles {

void regionMasks(const std::vector<Roi>& regions, int width, int height,
                 std::vector<cv::Mat>& masks, std::vector<std::string>& names,
                 std::vector<double>& areasPx)
{
    masks.clear();
    names.clear();
    areasPx.clear();
    if (regions.empty()) { // the whole frame, filled in parallel row bands
        masks.emplace_back(height, width, CV_8U);
        forRowBands(height, [&](int y0, int y1) { masks.back().rowRange(y0, y1).setTo(255); });
        names.emplace_back("frame");
        areasPx.push_back(static_cast<double>(width) * height);
    }
    for (const Roi& roi : regions) {
        masks.push_back(regionMask(roi, width, height));
        names.push_back(roi.name);
        areasPx.push_back(cv::countNonZero(masks.back()));
    }
}

} // namespace particles

double Particle::ecdPx() const
{
    return 2 * std::sqrt(areaPx / CV_PI);
}

ParticleSegmentation segmentParticles(const cv::Mat& frame, std::optional<double> nmPerPixel,
                                      const std::vector<Roi>& regions,
                                      const ParticleOptions& options)
{
    if (nmPerPixel && !(*nmPerPixel > 0 && std::isfinite(*nmPerPixel)))
        throw Error("particles: the pixel size must be positive");
    const auto [minPx, maxPx] = diameterLimitsPx(options, nmPerPixel);
    const FlattenedFrame flat = flattenFrame(frame, nmPerPixel, options);

    ParticleSegmentation out;
    ParticleResult& result = out.result;
    result.options = options;
    result.nmPerPixel = nmPerPixel;
    result.width = frame.cols;
    result.height = frame.rows;
    result.polarityUsed = flat.polarity;

    std::vector<cv::Mat> masks;
    std::vector<std::string> names;
    std::vector<double> areas;
    particles::regionMasks(regions, frame.cols, frame.rows, masks, names, areas);

    cv::Mat raw = frame;
    if (frame.depth() != CV_32F)
        frame.convertTo(raw, CV_32F);
    cv::Mat distance;
    if (options.threshold == ParticleThreshold::Blob) {
        // on the raw frame (the LoG removes a smooth background itself), particles positive
        const cv::Mat positive = flat.polarity == ParticlePolarity::Dark ? cv::Mat(-raw) : raw;
        out.labels = particles::detectBlobs(positive, minPx, maxPx, options.blobFalseAlarmsPerMpx,
                                            result.thresholdValue);
        cv::distanceTransform(out.labels > 0, distance, cv::DIST_L2, cv::DIST_MASK_PRECISE);
    } else {
        particles::MaskComponents components;
        const cv::Mat mask = particles::detectionMask(flat, options.threshold, minPx, maxPx,
                                                      result.thresholdValue, &components);
        out.labels =
            particles::splitTouching(mask, minPx, options.maxNeckRatio, distance, &components);
    }
    particles::refineOutlines(out.labels, flat.signal, distance);
    result.particles = particles::measureParticles(out.labels, raw, masks, names, minPx, maxPx);
    computeStatistics(result, names, areas);
    return out;
}

} // namespace insitu
