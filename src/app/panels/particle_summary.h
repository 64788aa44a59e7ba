#pragma once
// The particle result as text and table: particleSummaryText (in words — counts, medians, fits, the
// comparison, and the warnings that belong next to it), fillParticleTable, particleStaleReasons.

#include "insitu/particles/particle_result.h"
#include "insitu/project/project.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

class QTableWidget;

namespace insitu::app {

/// One line per region, one for the comparison, and the warnings first.
[[nodiscard]] QString particleSummaryText(const ParticleResult& r);
/// One row per particle: id (in its outline colour), region, ECD, area, circularity, solidity,
/// edge; sizes in nm when calibrated, else px.
void fillParticleTable(QTableWidget& table, const ParticleResult& r);
/// Why stored is stale against the current pixel size and ROIs (empty when fresh).
[[nodiscard]] QStringList particleStaleReasons(const ProjectParticles& stored,
                                               std::optional<double> nmPerPixel,
                                               const std::vector<Roi>& rois);

} // namespace insitu::app
