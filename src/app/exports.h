#pragma once
// Export of the document's results: CSV tables (architecture.md columns) and kymograph TIFF.

#include <QString>

namespace insitu::app {

class Document;

/// Writes the fronts of roiId as CSV `frame,time_s,front,position_px,position_nm` (empty cells
/// when time or pixel size is unknown). Throws insitu::Error naming the file on failure.
void exportFrontsCsv(const Document& document, int roiId, const QString& path);

/// Writes the drift as CSV `frame,time_s,dx_px,dy_px`. Throws insitu::Error on failure.
void exportDriftCsv(const Document& document, const QString& path);

/// Writes the kymograph of roiId as a calibrated float32 TIFF (insitu::writeKymographTiff).
void exportKymographTiff(const Document& document, int roiId, const QString& path);

} // namespace insitu::app
