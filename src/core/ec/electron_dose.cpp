// Dose rate from camera counts, beam current or a typed value; cumulative dose per frame.

#include "insitu/ec/electron_dose.h"

#include "insitu/error.h"

#include "number_text.h"

#include <cmath>
#include <limits>

namespace insitu {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kElementaryChargeC = 1.602176634e-19;
constexpr double kA2PerUm2 = 1e8;

std::optional<double> metadataExposureS(const MovieInfo& info)
{
    const auto it = info.metadata.find("exposure_s");
    if (it != info.metadata.end() && it->is_number() && it->get<double>() > 0)
        return it->get<double>();
    return std::nullopt;
}

} // namespace

const std::vector<DetectorGain>& detectorGains()
{
    static const std::vector<DetectorGain> gains{
        {"CCD (Faraday-cup calibrated)", 10.5, "NYU Faraday-cup calibration, ±0.1"},
        {"Titan 4k CCD", 9.86, "facility note"},
        {"GIF 2k CCD", 6.3, "facility note"},
        {"K2 counted", 0.9, "Leginon wiki (coincidence loss)"},
        {"K2 super-resolution", 0.225, "Leginon wiki (¼ of counted)"},
        {"gain-normalised (electrons)", 1.0, "DM \"Electrons (Counts)\" images"},
    };
    return gains;
}

double doseRateFromCounts(double meanCountsPerPx, double countsPerElectron, double pixelSizeA,
                          double exposureS)
{
    return meanCountsPerPx / (countsPerElectron * pixelSizeA * pixelSizeA * exposureS);
}

double doseRateFromBeamCurrent(double currentA, double areaUm2)
{
    return currentA / kElementaryChargeC / (areaUm2 * kA2PerUm2);
}

std::vector<double> cumulativeDose(const std::vector<double>& rateEPerA2S,
                                   const std::vector<double>& frameTimesS)
{
    std::vector<double> out(rateEPerA2S.size(), kNaN);
    double sum = 0;
    for (std::size_t k = 0; k < rateEPerA2S.size(); ++k) {
        double dt = kNaN;
        if (k + 1 < frameTimesS.size())
            dt = frameTimesS[k + 1] - frameTimesS[k];
        else if (k >= 1 && k < frameTimesS.size())
            dt = frameTimesS[k] - frameTimesS[k - 1];
        sum += rateEPerA2S[k] * dt;
        if (!std::isfinite(sum))
            break;
        out[k] = sum;
    }
    return out;
}

std::vector<double> meanPerFrame(const Movie& movie, const std::optional<cv::Rect>& rect,
                                 Progress& progress)
{
    const cv::Rect whole(0, 0, movie.width(), movie.height());
    const cv::Rect r = rect ? (*rect & whole) : whole;
    if (r.area() == 0)
        throw Error(movie.info().path.string() + ": region " + std::to_string(rect->x) + "," +
                    std::to_string(rect->y) + "," + std::to_string(rect->width) + "," +
                    std::to_string(rect->height) + " lies outside the frame");
    std::vector<double> means;
    means.reserve(static_cast<std::size_t>(movie.frameCount()));
    progress.start(movie.frameCount(), "mean intensity per frame");
    for (int k = 0; k < movie.frameCount(); ++k) {
        means.push_back(cv::mean(movie.frameFloat(k)(r))[0]);
        progress.advance();
    }
    return means;
}

DoseSeries computeDose(const Movie& movie, const std::vector<double>& frameTimesS,
                       const DoseOptions& options, Progress& progress)
{
    DoseSeries out;
    const auto frames = static_cast<std::size_t>(movie.frameCount());
    out.rateEPerA2S.assign(frames, kNaN);
    const auto& cal = movie.calibration();
    if (options.typedRateEPerA2S) {
        out.source = "typed";
        out.rateEPerA2S.assign(frames, *options.typedRateEPerA2S);
    } else if (options.countsPerElectron) {
        std::optional<double> exposure = options.exposureS;
        if (!exposure)
            exposure = metadataExposureS(movie.info());
        if (!exposure && cal.frameIntervalS) {
            exposure = cal.frameIntervalS;
            out.warnings.push_back("no exposure time in the file: the frame interval (" +
                                   ec::shortNumber(*cal.frameIntervalS) + " s) is used");
        }
        if (!cal.nmPerPixel)
            out.warnings.push_back("dose unknown: the pixel size is unknown (set it)");
        else if (!exposure)
            out.warnings.push_back("dose unknown: no exposure time and no frame interval");
        else {
            out.source = "camera counts";
            const auto means = meanPerFrame(movie, options.vacuumRectPx, progress);
            for (std::size_t k = 0; k < frames; ++k)
                out.rateEPerA2S[k] = doseRateFromCounts(means[k], *options.countsPerElectron,
                                                        *cal.nmPerPixel * 10.0, *exposure);
            if (!options.vacuumRectPx)
                out.warnings.push_back("dose from the whole frame: the specimen absorbs part of "
                                       "the beam, so this is a lower bound (give a vacuum region)");
        }
    } else if (options.beamCurrentA && options.beamAreaUm2) {
        out.source = "beam current";
        out.rateEPerA2S.assign(
            frames, doseRateFromBeamCurrent(*options.beamCurrentA, *options.beamAreaUm2));
    } else {
        out.warnings.push_back("dose unknown: give a dose rate, counts per electron, or beam "
                               "current and illuminated area");
    }
    out.cumulativeEPerA2 = cumulativeDose(out.rateEPerA2S, frameTimesS);
    return out;
}

} // namespace insitu
