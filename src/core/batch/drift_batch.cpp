// The drift analysis of a batch run: the template's drift options on each movie.

#include "batch_analyses.h"

#include "insitu/export/csv_export.h"
#include "insitu/export/provenance.h"
#include "insitu/registration/drift.h"

#include <algorithm>
#include <cmath>

namespace insitu {

namespace {

SummaryRow driftRow(const std::string& quantity, double value)
{
    SummaryRow row;
    row.analysis = "drift";
    row.object = "movie";
    row.quantity = quantity;
    row.value = value;
    return row;
}

class DriftBatch final : public BatchAnalysis
{
public:
    [[nodiscard]] std::string name() const override { return "drift"; }

    [[nodiscard]] bool inTemplate(const ProjectMovie& templateMovie) const override
    {
        return templateMovie.drift.has_value();
    }

    std::vector<SummaryRow> run(BatchMovieContext& c) const override
    {
        const DriftOptions& options = c.templateMovie.drift->result.options;
        DriftResult drift = estimateDrift(c.movie, options, c.progress);
        c.result.driftOptions = options;
        c.result.drift = ProjectDrift{drift, driftProvenance(options, c.result.id)};
        saveDriftCsv(c.outputDir / "drift.csv", drift, c.movie.calibration());

        double maxShiftPx = 0;
        for (int k = 0; k < drift.frameCount(); ++k)
            maxShiftPx = std::max(maxShiftPx, std::hypot(drift.dxPx[static_cast<std::size_t>(k)],
                                                         drift.dyPx[static_cast<std::size_t>(k)]));
        const auto interpolated =
            std::count(drift.interpolated.begin(), drift.interpolated.end(), true);
        c.log << "drift: " << drift.frameCount() << " frames, largest shift " << maxShiftPx
              << " px, " << interpolated << " interpolated\n";
        std::vector<SummaryRow> rows;
        if (drift.frameCount() > 0) {
            rows.push_back(driftRow("final_dx_px", drift.dxPx.back()));
            rows.push_back(driftRow("final_dy_px", drift.dyPx.back()));
        }
        rows.push_back(driftRow("max_shift_px", maxShiftPx));
        rows.push_back(driftRow("interpolated_frames", static_cast<double>(interpolated)));
        return rows;
    }
};

} // namespace

const BatchAnalysis& driftBatchAnalysis()
{
    static const DriftBatch analysis;
    return analysis;
}

} // namespace insitu
