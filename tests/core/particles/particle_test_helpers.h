#pragma once
// Test helpers: match segmented particles to the synthetic truth and score the match.

#include "insitu/particles/particle_segment.h"
#include "insitu/synth/particle_field.h"

#include <cmath>
#include <vector>

namespace insitu::test {

/// Recall, precision, ECD errors (nm) and touching pairs split, from a one-to-one match of the
/// visible truth particles to found ones (a found centroid within half a true diameter).
struct ParticleScore
{
    int truthCount = 0, foundCount = 0, matched = 0;
    double rmsErrorNm = 0, biasNm = 0;
    int pairs = 0, pairsSplit = 0;
    [[nodiscard]] double recall() const { return truthCount ? double(matched) / truthCount : 1; }
    [[nodiscard]] double precision() const { return foundCount ? double(matched) / foundCount : 1; }
};

inline ParticleScore scoreParticles(const std::vector<ParticleTruth>& truth,
                                    const ParticleResult& found, int width, int height)
{
    ParticleScore s;
    std::vector<int> matchOf(truth.size(), -1);
    std::vector<bool> used(found.particles.size(), false);
    double sum = 0, sumSq = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        const ParticleTruth& t = truth[i];
        const double r = t.diameterPx / 2;
        if (!t.survives || t.xPx < r + 1 || t.yPx < r + 1 || t.xPx > width - r - 2 ||
            t.yPx > height - r - 2)
            continue;
        ++s.truthCount;
        double best = r;
        int bestJ = -1;
        for (std::size_t j = 0; j < found.particles.size(); ++j) {
            const Particle& p = found.particles[j];
            const double d = std::hypot(p.xPx - t.xPx, p.yPx - t.yPx);
            if (!used[j] && d < best) {
                best = d;
                bestJ = static_cast<int>(j);
            }
        }
        if (bestJ < 0)
            continue;
        used[static_cast<std::size_t>(bestJ)] = true;
        matchOf[i] = bestJ;
        ++s.matched;
        const double e =
            found.toLength(found.particles[static_cast<std::size_t>(bestJ)].ecdPx()) - t.diameterNm;
        sum += e;
        sumSq += e * e;
    }
    for (const Particle& p : found.particles)
        s.foundCount += p.edge ? 0 : 1;
    for (std::size_t j = 0; j < found.particles.size(); ++j)
        if (used[j] && found.particles[j].edge)
            ++s.foundCount; // a matched particle counts even if flagged
    if (s.matched) {
        s.biasNm = sum / s.matched;
        s.rmsErrorNm = std::sqrt(sumSq / s.matched);
    }
    for (std::size_t i = 0; i < truth.size(); ++i)
        for (std::size_t k = i + 1; k < truth.size(); ++k)
            if (truth[i].touchingGroup >= 0 && truth[i].touchingGroup == truth[k].touchingGroup &&
                truth[i].survives && truth[k].survives) {
                ++s.pairs;
                s.pairsSplit += matchOf[i] >= 0 && matchOf[k] >= 0 ? 1 : 0;
            }
    return s;
}

} // namespace insitu::test
