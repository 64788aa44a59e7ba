#pragma once
// Export of the document's results through the core writers (insitu/export/*): the same bytes
// as `insitu drift -o`, `insitu front -o/--kymograph` and `insitu export`.

#include <QString>

namespace insitu::app {

class Document;

/// Writes the fronts of roiId with insitu::saveFrontsCsv. Throws insitu::Error naming the file.
void exportFrontsCsv(const Document& document, int roiId, const QString& path);

/// Writes the drift with insitu::saveDriftCsv. Throws insitu::Error naming the file.
void exportDriftCsv(const Document& document, const QString& path);

/// Writes the fits of roiId's fronts with insitu::saveFitParametersCsv (one row per parameter,
/// the bytes of `insitu front --fit-table`). Throws insitu::Error naming the file.
void exportFitTableCsv(const Document& document, int roiId, const QString& path);

/// Writes the kymograph of roiId as a calibrated float32 TIFF (insitu::writeKymographTiff of
/// insitu::storedKymograph). Throws insitu::Error naming the file.
void exportKymographTiff(const Document& document, int roiId, const QString& path);

} // namespace insitu::app
