#pragma once
// Particle plots: the size histograms of the regions on shared bins with their lognormal fits
// and the critical size, and the counts per sliding frame window against time.

#include "insitu/particles/particle_result.h"
#include "insitu/particles/particle_series.h"

#include <memory>
#include <vector>

class QCustomPlot;

namespace insitu::plot {

/// Clears plot and fills it with the number histogram of every region of result on the shared
/// bin edges (overlaid, one colour each), each region's lognormal fit scaled to its counts, and,
/// with a comparison, d* with its 95 % interval (shaded), the KS-separation size (dashed) and a
/// text with the KS and AD p-values. Sizes in nm when calibrated, else px.
void fillParticleHistogram(QCustomPlot& plot, const ParticleResult& result);
/// A new, styled QCustomPlot filled by fillParticleHistogram (needs a QApplication).
[[nodiscard]] std::unique_ptr<QCustomPlot> makeParticleHistogram(const ParticleResult& result);

/// Clears plot and fills it with the count per window of each region against the window's
/// centre time (s; frames when a row has no time), and the median ECD on the right axis
/// (dashed; nm when calibrated, else px).
void fillParticleWindowPlot(QCustomPlot& plot, const std::vector<ParticleWindowRow>& rows,
                            bool calibrated);
[[nodiscard]] std::unique_ptr<QCustomPlot>
makeParticleWindowPlot(const std::vector<ParticleWindowRow>& rows, bool calibrated);

} // namespace insitu::plot
