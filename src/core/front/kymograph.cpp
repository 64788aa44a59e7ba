#include "insitu/front/kymograph.h"

#include "insitu/error.h"
#include "insitu/io/movie.h"
#include "insitu/thread_budget.h"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <future>
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
    // frames are read in order (one reader), and each batch is sampled on all cores while
    // the next batch is read: sampling hides behind the reading (on the caller's thread alone
    // when its thread budget is one, as in a batch with one core per job)
    constexpr int kBatch = 16;
    const bool overlap = budgetedThreads(2) > 1;
    std::vector<Frame> reading, sampling;
    auto sampleBatch = [&](const std::vector<Frame>& batch, int firstFrame) {
        cv::parallel_for_(cv::Range(0, static_cast<int>(batch.size())), [&](const cv::Range& r) {
            for (int j = r.start; j < r.end; ++j) {
                const int k = firstFrame + j;
                const Frame& frame = batch[static_cast<std::size_t>(j)];
                const double dx = drift ? drift->dxPx[static_cast<std::size_t>(k)] : 0.0;
                const double dy = drift ? drift->dyPx[static_cast<std::size_t>(k)] : 0.0;
                float* row = kymograph.values.ptr<float>(k);
                if (frame.type() == PixelType::UInt32) // stored bit-for-bit in CV_32S: decode
                    sampleBandProfile(frame.toFloat32(), path, dx, dy, row);
                else
                    sampleBandProfile(frame.mat(), path, dx, dy, row);
            }
        });
    };
    std::future<void> pending;
    for (int first = 0; first < frames; first += kBatch) {
        const int count = std::min(kBatch, frames - first);
        reading.clear();
        for (int j = 0; j < count; ++j) {
            reading.push_back(movie.frame(first + j));
            const auto t = cal.timeOfFrameS(first + j);
            if (t)
                kymograph.timesS.push_back(*t);
            else
                timesKnown = false;
            progress.advance();
        }
        if (pending.valid())
            pending.get(); // rethrows a sampling error
        std::swap(reading, sampling);
        if (overlap)
            pending = std::async(std::launch::async, sampleBatch, std::cref(sampling), first);
        else
            sampleBatch(sampling, first);
    }
    if (pending.valid())
        pending.get();
    if (!timesKnown)
        kymograph.timesS.clear();
    return kymograph;
}

} // namespace insitu
