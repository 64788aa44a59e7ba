// Dose rate from camera counts within 1 % on synthetic frames of known dose and gain; beam
// current; cumulative dose; unknown dose warned about.
#include "insitu/ec/electron_dose.h"
#include "insitu/io/memory_reader.h"

#include <catch2/catch.hpp>

#include <random>

using namespace insitu;

namespace {

/// Frames whose left half is vacuum and right half a specimen passing `transmission` of the
/// beam: electrons per pixel ~ Poisson(rate · p² · t), counts = gain × electrons + read noise.
std::shared_ptr<Movie> doseMovie(double rateEPerA2S, double countsPerElectron, double nmPerPixel,
                                 double exposureS, double transmission, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    const double pixelA = nmPerPixel * 10;
    const double electrons = rateEPerA2S * pixelA * pixelA * exposureS;
    std::poisson_distribution<int> vacuum(electrons);
    std::poisson_distribution<int> specimen(electrons * transmission);
    std::normal_distribution<double> readNoise(0.0, 1.0);
    std::vector<cv::Mat> frames;
    for (int k = 0; k < 4; ++k) {
        cv::Mat frame(256, 256, CV_32F);
        for (int y = 0; y < frame.rows; ++y)
            for (int x = 0; x < frame.cols; ++x)
                frame.at<float>(y, x) = static_cast<float>(
                    countsPerElectron * (x < 128 ? vacuum(rng) : specimen(rng)) + readNoise(rng));
        frames.push_back(frame);
    }
    Calibration cal;
    cal.nmPerPixel = nmPerPixel;
    cal.frameIntervalS = exposureS;
    return std::make_shared<Movie>(
        std::make_unique<MemoryMovieReader>(frames, PixelType::Float32, cal));
}

} // namespace

TEST_CASE("dose from camera counts on a vacuum region is within 1 % of the truth", "[ec]")
{
    std::uint64_t seed = 1;
    for (const double rate : {2.0, 10.0, 100.0})
        for (const double gain : {0.9, 10.5})
            for (const double nm : {0.1, 0.25})
                for (const double exposureS : {0.1, 1.0}) {
                    if (rate * nm * nm * 100 * exposureS < 2)
                        continue; // < 2 e/px: shot noise of 128×256 px exceeds 1 %/3σ
                    const auto movie = doseMovie(rate, gain, nm, exposureS, 0.6, seed++);
                    DoseOptions options;
                    options.countsPerElectron = gain;
                    options.vacuumRectPx = cv::Rect(0, 0, 128, 256);
                    const std::vector<double> times{0, exposureS, 2 * exposureS, 3 * exposureS};
                    const auto dose = computeDose(*movie, times, options, Progress::none());
                    CAPTURE(rate, gain, nm, exposureS);
                    CHECK(dose.source == "camera counts");
                    for (const double r : dose.rateEPerA2S)
                        CHECK(r == Approx(rate).epsilon(0.01));
                    CHECK(dose.cumulativeEPerA2.back() ==
                          Approx(rate * 4 * exposureS).epsilon(0.01));
                    // The whole frame (with the specimen) gives a lower bound and says so.
                    options.vacuumRectPx.reset();
                    const auto whole = computeDose(*movie, times, options, Progress::none());
                    CHECK(whole.rateEPerA2S.front() == Approx(rate * 0.8).epsilon(0.01));
                    CHECK_FALSE(whole.warnings.empty());
                }
}

TEST_CASE("dose from beam current: 1 nA over 1 um^2 is 62.4 e/A^2/s", "[ec]")
{
    CHECK(doseRateFromBeamCurrent(1e-9, 1.0) == Approx(62.415).epsilon(1e-4));
    CHECK(doseRateFromCounts(105.0, 10.5, 1.0, 1.0) == Approx(10.0));
}

TEST_CASE("unknown dose: NaN rates and a warning; unknown pixel size is not 1 nm", "[ec]")
{
    const auto movie = doseMovie(10, 1, 0.1, 1, 1, 7);
    const std::vector<double> times{0, 1, 2, 3};
    const auto none = computeDose(*movie, times, {}, Progress::none());
    CHECK(none.source == "unknown");
    CHECK(std::isnan(none.rateEPerA2S.front()));
    CHECK(std::isnan(none.cumulativeEPerA2.back()));
    REQUIRE(none.warnings.size() == 1);

    auto uncalibrated = movie->calibration();
    uncalibrated.nmPerPixel.reset();
    movie->setCalibration(uncalibrated);
    DoseOptions counts;
    counts.countsPerElectron = 1;
    const auto dose = computeDose(*movie, times, counts, Progress::none());
    CHECK(dose.source == "unknown");
    CHECK(std::isnan(dose.rateEPerA2S.front()));
}
