// The image a particle analysis runs on: one frame or a drift-corrected mean of frames.

#include "insitu/particles/particle_frame.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

namespace insitu {

cv::Mat particleFrame(const Movie& movie, int first, int last, const DriftResult* drift)
{
    const std::string file = movie.info().path.string();
    if (first < 0 || last < first || last >= movie.frameCount())
        throw Error(file + ": frame range " + std::to_string(first) + ":" + std::to_string(last) +
                    " is outside the movie's " + std::to_string(movie.frameCount()) + " frames");
    if (drift && drift->frameCount() != movie.frameCount())
        throw Error(file + ": the drift result does not match the movie's frames");
    cv::Mat sum = movie.frameFloat(first);
    for (int k = first + 1; k <= last; ++k) {
        cv::Mat frame = movie.frameFloat(k);
        if (drift) {
            const auto ku = static_cast<std::size_t>(k), fu = static_cast<std::size_t>(first);
            const cv::Matx23d shift(1, 0, -(drift->dxPx[ku] - drift->dxPx[fu]), 0, 1,
                                    -(drift->dyPx[ku] - drift->dyPx[fu]));
            cv::warpAffine(frame, frame, shift, frame.size(), cv::INTER_LINEAR,
                           cv::BORDER_REPLICATE);
        }
        sum += frame;
    }
    return sum / static_cast<double>(last - first + 1);
}

} // namespace insitu
