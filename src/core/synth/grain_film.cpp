// The grain-film scene: power-diagram grains from a random packing of lognormal disks, rendered
// as bright-field transmission (diffraction contrast, fringes, open dark boundaries) with
// amorphous and pore blobs, blurred and shot-noised.

#include "insitu/synth/grain_film.h"

#include "raster.h"

#include "insitu/crystal/phase_fractions.h"
#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace insitu {

namespace {

constexpr double kPi = 3.14159265358979323846;

struct Site
{
    double x = 0, y = 0, r = 0;
};

/// Random sequential packing of disks (largest first) whose diameters are lognormal with the
/// scene's mode; the disks may overlap a little so the power diagram has no huge gap cells.
std::vector<Site> packSites(const GrainFilmScene& s, cv::RNG& rng)
{
    const double medianPx = s.modeEcdNm * std::exp(s.sigmaLog * s.sigmaLog) / s.nmPerPixel;
    const double areaPx = static_cast<double>(s.width) * s.height;
    // Draw enough diameters to cover the image 1.3 times over (disk packing leaves gaps).
    std::vector<double> diameters;
    double covered = 0;
    while (covered < 1.3 * areaPx) {
        const double d = synth::sampleLognormal(medianPx, s.sigmaLog, s.minEcdNm / s.nmPerPixel,
                                                s.maxEcdNm / s.nmPerPixel, rng);
        diameters.push_back(d);
        covered += kPi / 4 * d * d;
    }
    std::sort(diameters.rbegin(), diameters.rend());
    std::vector<Site> sites;
    const double margin = s.maxEcdNm / s.nmPerPixel / 2;
    for (double d : diameters) {
        for (int attempt = 0; attempt < 60; ++attempt) {
            Site c{rng.uniform(-margin, s.width + margin), rng.uniform(-margin, s.height + margin),
                   d / 2};
            bool fits = true;
            for (const Site& o : sites)
                if (std::hypot(c.x - o.x, c.y - o.y) < 0.9 * (c.r + o.r)) {
                    fits = false;
                    break;
                }
            if (fits) {
                sites.push_back(c);
                break;
            }
        }
    }
    return sites;
}

/// Power diagram (|p − c|² − r²) of the sites on the pixel grid: labels 1..N.
cv::Mat powerDiagram(const std::vector<Site>& sites, cv::Size size)
{
    cv::Mat labels(size, CV_32S, cv::Scalar(0));
    cv::Mat best(size, CV_64F, cv::Scalar(std::numeric_limits<double>::max()));
    for (std::size_t i = 0; i < sites.size(); ++i) {
        const Site& c = sites[i];
        const double reach = 2.5 * c.r;
        const int x0 = std::max(0, static_cast<int>(c.x - reach));
        const int x1 = std::min(size.width - 1, static_cast<int>(c.x + reach));
        const int y0 = std::max(0, static_cast<int>(c.y - reach));
        const int y1 = std::min(size.height - 1, static_cast<int>(c.y + reach));
        for (int y = y0; y <= y1; ++y) {
            double* b = best.ptr<double>(y);
            int* l = labels.ptr<int>(y);
            for (int x = x0; x <= x1; ++x) {
                const double power = (x - c.x) * (x - c.x) + (y - c.y) * (y - c.y) - c.r * c.r;
                if (power < b[x]) {
                    b[x] = power;
                    l[x] = static_cast<int>(i) + 1;
                }
            }
        }
    }
    // Pixels out of every reach (rare, in packing holes): nearest in power over all sites.
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x) {
            if (labels.at<int>(y, x) != 0)
                continue;
            double b = std::numeric_limits<double>::max();
            for (std::size_t i = 0; i < sites.size(); ++i) {
                const Site& c = sites[i];
                const double power = (x - c.x) * (x - c.x) + (y - c.y) * (y - c.y) - c.r * c.r;
                if (power < b) {
                    b = power;
                    labels.at<int>(y, x) = static_cast<int>(i) + 1;
                }
            }
        }
    return labels;
}

/// Smooth random field (white noise blurred by sigmaPx), zero mean, unit variance.
cv::Mat smoothField(cv::Size size, double sigmaPx, cv::RNG& rng)
{
    cv::Mat noise(size, CV_32F);
    rng.fill(noise, cv::RNG::NORMAL, 0.0, 1.0);
    cv::GaussianBlur(noise, noise, cv::Size(), sigmaPx);
    cv::Scalar mean, stddev;
    cv::meanStdDev(noise, mean, stddev);
    return (noise - mean[0]) / std::max(stddev[0], 1e-12);
}

/// Value of f above which `fraction` of the pixels where mask != 0 lie.
float upperQuantile(const cv::Mat& f, const cv::Mat& mask, double fraction)
{
    std::vector<float> values;
    for (int y = 0; y < f.rows; ++y)
        for (int x = 0; x < f.cols; ++x)
            if (mask.at<unsigned char>(y, x) != 0)
                values.push_back(f.at<float>(y, x));
    if (values.empty() || fraction <= 0)
        return std::numeric_limits<float>::max();
    const auto k =
        static_cast<std::size_t>(std::clamp((1 - fraction) * static_cast<double>(values.size()),
                                            0.0, static_cast<double>(values.size() - 1)));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
    return values[k];
}

/// Splits every label into its 4-connected pieces (a grain cut by a pore is two grains in the
/// projection) and numbers them 1..N; label 0 stays 0.
cv::Mat connectedPieces(const cv::Mat& labels)
{
    cv::Mat out(labels.size(), CV_32S, cv::Scalar(0));
    int next = 0;
    std::vector<cv::Point> stack;
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x) {
            const int l = labels.at<int>(y, x);
            if (l == 0 || out.at<int>(y, x) != 0)
                continue;
            ++next;
            out.at<int>(y, x) = next;
            stack.push_back({x, y});
            while (!stack.empty()) {
                const cv::Point p = stack.back();
                stack.pop_back();
                const cv::Point nbr[4] = {
                    {p.x - 1, p.y}, {p.x + 1, p.y}, {p.x, p.y - 1}, {p.x, p.y + 1}};
                for (const cv::Point& q : nbr)
                    if (q.x >= 0 && q.y >= 0 && q.x < labels.cols && q.y < labels.rows &&
                        out.at<int>(q) == 0 && labels.at<int>(q) == l) {
                        out.at<int>(q) = next;
                        stack.push_back(q);
                    }
            }
        }
    return out;
}

} // namespace

GrainFilmScene GrainFilmScene::beforeCycling()
{
    return {};
}

GrainFilmScene GrainFilmScene::afterCycling()
{
    GrainFilmScene s;
    s.modeEcdNm = 10;
    s.minEcdNm = 5;
    s.maxEcdNm = 20;
    s.amorphousFraction = 0.25;
    s.poreFraction = 0.18;
    return s;
}

GrainFilm renderGrainFilm(const GrainFilmScene& s)
{
    if (s.width < 16 || s.height < 16 || !(s.nmPerPixel > 0) || !(s.modeEcdNm > 0) ||
        s.amorphousFraction < 0 || s.poreFraction < 0 || s.amorphousFraction + s.poreFraction > 0.9)
        throw Error("synth grain-film: bad scene settings");
    cv::RNG rng(s.seed * 7919 + 17);
    const cv::Size size(s.width, s.height);
    GrainFilm film;
    film.nmPerPixel = s.nmPerPixel;
    const std::vector<Site> sites = packSites(s, rng);
    cv::Mat grains = powerDiagram(sites, size);

    // Classes: amorphous and pore blobs of about the grain size, exact area fractions.
    film.truthClass = cv::Mat(size, CV_8U, cv::Scalar(static_cast<int>(PhaseClass::Crystalline)));
    const double blobSigmaPx = 0.25 * s.modeEcdNm / s.nmPerPixel;
    const cv::Mat all(size, CV_8U, cv::Scalar(255));
    if (s.amorphousFraction > 0) {
        const cv::Mat field = smoothField(size, blobSigmaPx, rng);
        film.truthClass.setTo(static_cast<int>(PhaseClass::Amorphous),
                              field > upperQuantile(field, all, s.amorphousFraction));
    }
    if (s.poreFraction > 0) {
        const cv::Mat field = smoothField(size, blobSigmaPx, rng);
        const cv::Mat free = film.truthClass == static_cast<int>(PhaseClass::Crystalline);
        const double share = s.poreFraction / (1 - s.amorphousFraction);
        film.truthClass.setTo(static_cast<int>(PhaseClass::Pore),
                              (field > upperQuantile(field, free, share)) & free);
    }
    const cv::Mat crystalline = film.truthClass == static_cast<int>(PhaseClass::Crystalline);

    // Transmission: per-grain diffraction contrast and fringes.
    const double periodPx = s.fringeDNm / s.nmPerPixel;
    struct Look
    {
        double level, amplitude, kx, ky, phase;
    };
    std::vector<Look> looks(sites.size() + 1);
    for (Look& look : looks) {
        const double angle = rng.uniform(0.0, kPi);
        look = {0.5 + rng.uniform(-0.12, 0.12), rng.uniform(0.04, 0.07),
                2 * kPi * std::cos(angle) / periodPx, 2 * kPi * std::sin(angle) / periodPx,
                rng.uniform(0.0, 2 * kPi)};
    }
    cv::Mat speckle = smoothField(size, 0.7, rng);
    cv::Mat t(size, CV_32F);
    for (int y = 0; y < s.height; ++y)
        for (int x = 0; x < s.width; ++x) {
            const auto cls = static_cast<PhaseClass>(film.truthClass.at<unsigned char>(y, x));
            double v = 0;
            if (cls == PhaseClass::Crystalline) {
                const Look& g = looks[static_cast<std::size_t>(grains.at<int>(y, x))];
                v = g.level + g.amplitude * std::cos(g.kx * x + g.ky * y + g.phase);
            } else if (cls == PhaseClass::Amorphous) {
                v = 0.55 + 0.02 * speckle.at<float>(y, x);
            } else {
                v = 0.85 + 0.01 * speckle.at<float>(y, x);
            }
            t.at<float>(y, x) = static_cast<float>(v);
        }

    // Dark boundaries between two crystalline grains, open where a smooth field is low.
    cv::Mat boundary(size, CV_32F, cv::Scalar(0));
    const cv::Mat gapField = smoothField(size, 0.08 * s.modeEcdNm / s.nmPerPixel, rng);
    const float gapLevel = upperQuantile(gapField, all, 1 - s.boundaryGapFraction);
    for (int y = 0; y + 1 < s.height; ++y)
        for (int x = 0; x + 1 < s.width; ++x) {
            if (!crystalline.at<unsigned char>(y, x) || gapField.at<float>(y, x) < gapLevel)
                continue;
            const int l = grains.at<int>(y, x);
            const bool right =
                crystalline.at<unsigned char>(y, x + 1) && grains.at<int>(y, x + 1) != l;
            const bool down =
                crystalline.at<unsigned char>(y + 1, x) && grains.at<int>(y + 1, x) != l;
            if (right || down)
                boundary.at<float>(y, x) = 1;
        }
    cv::GaussianBlur(boundary, boundary, cv::Size(), 0.8);
    t -= 0.15 * boundary;
    cv::GaussianBlur(t, t, cv::Size(), 0.4); // microscope point spread

    film.image = cv::Mat(size, CV_16U);
    for (int y = 0; y < s.height; ++y)
        for (int x = 0; x < s.width; ++x) {
            const double mean = s.dosePerPx * std::max(0.0F, t.at<float>(y, x));
            const double counts =
                s.poissonNoise ? synth::samplePoisson(mean, rng) : std::round(mean);
            film.image.at<unsigned short>(y, x) =
                static_cast<unsigned short>(std::clamp(counts, 0.0, 65535.0));
        }
    cv::Mat cut = grains.clone();
    cut.setTo(0, ~crystalline);
    film.truthLabels = connectedPieces(cut);
    return film;
}

} // namespace insitu
