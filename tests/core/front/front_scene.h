#pragma once
// Synthetic kymographs with known fronts, static edges and particle clutter, for the front tests.

#include <opencv2/core.hpp>

#include <cmath>
#include <functional>
#include <random>
#include <vector>

namespace insitu::test {

/// One front in a synthetic kymograph: position(t) in columns, or NaN where it does not exist.
struct SceneFront
{
    std::function<double(int)> positionCol;
    double levelBehind = 0.7; ///< relative intensity on the reacted side (towards the start)
};

struct KymographScene
{
    int frames = 150;
    int cols = 200;
    double levelAhead = 1.0;   ///< pristine wire
    double edgeWidthCol = 1.5; ///< erf σ of every edge
    double wireEndCol = -1;    ///< static edge: background (0.4) beyond it, when ≥ 0
    int particleCount = 0;     ///< dark particles appearing when the first front passes
    double dosePerPx = 20;     ///< counts per pixel at level 1
    double bandPx = 20;        ///< pixels averaged per kymograph sample
    bool noise = true;
    unsigned seed = 7;
    std::vector<SceneFront> fronts; ///< ordered from the start: fronts[0] is nearest the start
};

inline double stepProfile(double x, double edge, double sigma)
{
    return 0.5 * (1.0 + std::erf((x - edge) / (sigma * std::sqrt(2.0))));
}

/// Renders the scene (CV_32F, mean counts per band pixel so noise matches the dose).
inline cv::Mat renderKymograph(const KymographScene& scene)
{
    std::mt19937 rng(scene.seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    struct Particle
    {
        double x, width, depth;
    };
    std::vector<Particle> particles;
    for (int i = 0; i < scene.particleCount; ++i)
        particles.push_back(
            {uniform(rng) * scene.cols, 1.0 + 2.0 * uniform(rng), 0.1 + 0.15 * uniform(rng)});
    cv::Mat k(scene.frames, scene.cols, CV_32F);
    for (int t = 0; t < scene.frames; ++t) {
        float* row = k.ptr<float>(t);
        for (int x = 0; x < scene.cols; ++x) {
            // walk from the far end towards the start: each existing front switches the level
            double level = scene.levelAhead;
            for (auto it = scene.fronts.rbegin(); it != scene.fronts.rend(); ++it) {
                const double s = it->positionCol(t);
                if (std::isnan(s))
                    continue;
                const double ahead = stepProfile(x, s, scene.edgeWidthCol);
                level = it->levelBehind + (level - it->levelBehind) * ahead;
            }
            // particles: appear once the leading front is 4 px past them (as in synth), then stay
            if (!scene.fronts.empty())
                for (const auto& p : particles) {
                    const double s = scene.fronts.back().positionCol(t);
                    if (!std::isnan(s) && s > p.x + 4.0) {
                        const double d = (x - p.x) / p.width;
                        level -= p.depth * std::exp(-0.5 * d * d);
                    }
                }
            if (scene.wireEndCol >= 0)
                level = 0.4 + (level - 0.4) * (1.0 - stepProfile(x, scene.wireEndCol, 1.0));
            double value = level * scene.dosePerPx * scene.bandPx;
            if (scene.noise) {
                std::poisson_distribution<int> poisson(value);
                value = poisson(rng);
            }
            row[x] = static_cast<float>(value / scene.bandPx);
        }
    }
    return k;
}

} // namespace insitu::test
