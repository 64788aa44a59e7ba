#pragma once
// Export of the document's results through the core writers (the files `insitu` writes).

#include <QString>

namespace insitu::app {

class Document;

/// Writes the fronts of roiId with insitu::writeFrontsCsv (the columns and rows of
/// `insitu export`). Throws insitu::Error naming the file on failure.
void exportFrontsCsv(const Document& document, int roiId, const QString& path);

/// Writes the drift with insitu::writeDriftCsv. Throws insitu::Error on failure.
void exportDriftCsv(const Document& document, const QString& path);

/// Writes every fit of the project, one row per parameter, with insitu::writeFitParametersCsv
/// (the fit_parameters.csv of `insitu export`). Throws insitu::Error on failure.
void exportFitTableCsv(const Document& document, const QString& path);

/// Writes the kymograph of roiId as a calibrated float32 TIFF (insitu::writeKymographTiff).
void exportKymographTiff(const Document& document, int roiId, const QString& path);

} // namespace insitu::app
