// Kymograph TIFF export: a stored kymograph back to a calibrated Kymograph, and its ImageJ TIFF.

#include "insitu/export/kymograph_tiff.h"

#include "insitu/error.h"
#include "insitu/io/tiff_writer.h"

#include <algorithm>

namespace insitu {

Kymograph storedKymograph(const ProjectFronts& fronts, const Calibration& calibration)
{
    if (!fronts.kymograph || fronts.kymograph->rows <= 0 || fronts.kymograph->cols <= 0)
        throw Error("ROI " + std::to_string(fronts.result.roiId) + ": no kymograph stored");
    const ImageF32& image = *fronts.kymograph;
    Kymograph kymograph;
    kymograph.values = cv::Mat(image.rows, image.cols, CV_32F,
                               const_cast<float*>(image.values.data()))
                           .clone();
    kymograph.stepPx = fronts.kymographStepPx;
    kymograph.nmPerPixel = calibration.nmPerPixel;
    kymograph.frameIntervalS = calibration.frameIntervalS;
    for (int row = 0; row < image.rows; ++row) {
        const auto t = calibration.timeOfFrameS(row);
        if (!t) {
            kymograph.timesS.clear();
            break;
        }
        kymograph.timesS.push_back(*t);
    }
    const auto& inputs = fronts.provenance.inputIds;
    kymograph.driftCorrected = std::any_of(inputs.begin(), inputs.end(), [](const std::string& id) {
        return id.rfind("drift:", 0) == 0;
    });
    return kymograph;
}

std::optional<double> kymographSecondsPerRow(const Kymograph& kymograph)
{
    if (kymograph.frameIntervalS && *kymograph.frameIntervalS > 0)
        return kymograph.frameIntervalS;
    const auto& t = kymograph.timesS;
    if (t.size() >= 2 && t.back() > t.front())
        return (t.back() - t.front()) / static_cast<double>(t.size() - 1);
    return std::nullopt;
}

void writeKymographTiff(const Kymograph& kymograph, const std::filesystem::path& path)
{
    if (kymograph.values.empty())
        throw Error(path.string() + ": empty kymograph");
    TiffStackOptions options;
    options.width = kymograph.sampleCount();
    options.height = kymograph.frameCount();
    options.frameCount = 1;
    options.pixelType = PixelType::Float32;
    options.nmPerPixel = kymograph.nmPerSample();
    options.secondsPerRow = kymographSecondsPerRow(kymograph);
    options.frameIntervalS = options.secondsPerRow;
    cv::Mat values;
    kymograph.values.convertTo(values, CV_32F);
    writeTiffStack(path, {values}, options);
}

} // namespace insitu
