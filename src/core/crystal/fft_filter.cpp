// Spot-mask filtering: Gaussian masks on the half spectrum (spot and mate), FFTW c2r back.

#include "insitu/crystal/fft_filter.h"

#include "../registration/fftw_plans.h"

#include "insitu/error.h"

#include <algorithm>
#include <cmath>

namespace insitu {

cv::Mat spotFilteredImage(const RegionSpectrum& spectrum, const std::vector<FftSpot>& spots)
{
    if (spots.empty())
        throw Error("FFT filter: no spot was chosen");
    const int rows = spectrum.rows();
    const int cols = spectrum.cols();
    cv::Mat masked = spectrum.halfFft.clone();
    for (int r = 0; r < rows; ++r) {
        const double ky = static_cast<double>(r <= rows / 2 ? r : r - rows) / rows;
        auto* h = masked.ptr<cv::Vec2f>(r);
        for (int c = 0; c < cols / 2 + 1; ++c) {
            const double kx = static_cast<double>(c) / cols;
            double keep = 0;
            for (const FftSpot& s : spots) {
                const double sigma2 = std::max(1e-12, s.radiusPerPx * s.radiusPerPx);
                for (double sign : {1.0, -1.0}) {
                    const double dx = kx - sign * s.kxPerPx;
                    const double dy = ky - sign * s.kyPerPx;
                    keep = std::max(keep, std::exp(-(dx * dx + dy * dy) / (2 * sigma2)));
                }
            }
            h[c] *= static_cast<float>(keep);
        }
    }
    const auto& plans = detail::realFftPlans(rows, cols, false);
    cv::Mat out(rows, cols, CV_32F);
    fftwf_execute_dft_c2r(plans.inverse, reinterpret_cast<fftwf_complex*>(masked.ptr<float>()),
                          out.ptr<float>());
    out *= 1.0 / (static_cast<double>(rows) * cols);
    return out(cv::Rect(0, 0, spectrum.boxPx.width, spectrum.boxPx.height)).clone();
}

} // namespace insitu
