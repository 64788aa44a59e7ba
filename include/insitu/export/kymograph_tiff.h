#pragma once
// The kymograph TIFF export (what `insitu front --kymograph`, `insitu export` and the GUI write).

#include "insitu/calibration.h"
#include "insitu/front/kymograph.h"
#include "insitu/project/project.h"

#include <filesystem>

namespace insitu {

/// The kymograph stored with fronts (rows = frames, kymographStepPx between columns) with
/// calibration's pixel size and row times; driftCorrected when its provenance names a drift
/// input. Throws insitu::Error when no kymograph is stored.
[[nodiscard]] Kymograph storedKymograph(const ProjectFronts& fronts,
                                        const Calibration& calibration);

/// Seconds between kymograph rows: the frame interval, else the mean step of the row times;
/// nullopt when neither is known (or fewer than two rows).
[[nodiscard]] std::optional<double> kymographSecondsPerRow(const Kymograph& kymograph);

/// Writes the kymograph as one float32 ImageJ TIFF image: x = position along the path (nm per
/// sample when the pixel size is known, else px), y = time (YResolution = rows per s, yunit=s,
/// and finterval=) when kymographSecondsPerRow is known, so Fiji shows both axes calibrated.
/// Throws insitu::Error naming the file on failure.
void writeKymographTiff(const Kymograph& kymograph, const std::filesystem::path& path);

} // namespace insitu
