#include "insitu/front/kymograph.h"

#include "insitu/error.h"
#include "insitu/io/movie.h"
#include "insitu/io/tiff_writer.h"

#include <string>

namespace insitu {

Kymograph buildKymograph(const Movie& movie, const Roi& roi, const DriftResult* drift,
                         Progress& progress)
{
    return buildKymograph(movie, samplePath(roi, 1.0), drift, progress);
}

Kymograph buildKymograph(const Movie& movie, const SampledPath& path, const DriftResult* drift,
                         Progress& progress)
{
    const int frames = movie.frameCount();
    if (path.size() < 2)
        throw Error("kymograph: the path has fewer than 2 samples");
    if (drift && drift->frameCount() != frames)
        throw Error("kymograph: drift has " + std::to_string(drift->frameCount()) +
                    " frames, the movie " + std::to_string(frames));
    Kymograph kymograph;
    kymograph.values.create(frames, path.size(), CV_32F);
    kymograph.stepPx = path.stepPx;
    const Calibration& cal = movie.calibration();
    kymograph.nmPerPixel = cal.nmPerPixel;
    kymograph.frameIntervalS = cal.frameIntervalS;
    kymograph.driftCorrected = drift != nullptr;
    bool timesKnown = true;
    kymograph.timesS.reserve(static_cast<std::size_t>(frames));
    progress.start(frames, "Building kymograph");
    for (int k = 0; k < frames; ++k) {
        const Frame frame = movie.frame(k);
        const double dx = drift ? drift->dxPx[static_cast<std::size_t>(k)] : 0.0;
        const double dy = drift ? drift->dyPx[static_cast<std::size_t>(k)] : 0.0;
        float* row = kymograph.values.ptr<float>(k);
        if (frame.type() == PixelType::UInt32)  // stored bit-for-bit in CV_32S: decode first
            sampleBandProfile(frame.toFloat32(), path, dx, dy, row);
        else
            sampleBandProfile(frame.mat(), path, dx, dy, row);
        const auto t = cal.timeOfFrameS(k);
        if (t)
            kymograph.timesS.push_back(*t);
        else
            timesKnown = false;
        progress.advance();
    }
    if (!timesKnown)
        kymograph.timesS.clear();
    return kymograph;
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
    options.frameIntervalS = kymograph.frameIntervalS;
    writeTiffStack(path, {kymograph.values}, options);
}

} // namespace insitu
