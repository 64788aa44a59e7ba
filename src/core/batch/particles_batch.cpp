// The particles analysis of a batch run: the template's options, frames and regions on each
// movie. Hand edits name positions in the template's movie: they are replayed on that movie
// (same fingerprint), as the Particles panel does after a re-run, and left out, with a note in
// the log, on every other movie.

#include "batch_analyses.h"

#include "insitu/error.h"
#include "insitu/export/particles_export.h"
#include "insitu/particles/particle_edits.h"
#include "insitu/particles/particle_frame.h"
#include "insitu/project/particles_project_build.h"

#include <algorithm>

namespace insitu {

namespace {

SummaryRow particleRow(const std::string& object, const std::string& quantity,
                       std::optional<double> value)
{
    SummaryRow row;
    row.analysis = "particles";
    row.object = object;
    row.quantity = quantity;
    row.value = value;
    return row;
}

SummaryRow intervalRow(const std::string& object, const std::string& quantity, const Estimate& e)
{
    SummaryRow row = particleRow(object, quantity, e.value);
    row.ci95Low = e.lo;
    row.ci95High = e.hi;
    row.ciMethod = "percentile-bootstrap";
    return row;
}

/// Summary rows of one result: per region its count and median ECD (lognormal, with interval),
/// and the critical size when two regions are compared. Sizes in nm, px when uncalibrated.
std::vector<SummaryRow> summaryRows(const ParticleResult& r)
{
    const std::string unit = r.nmPerPixel ? "_nm" : "_px";
    std::vector<SummaryRow> rows;
    for (const RegionStatistics& s : r.regions) {
        const std::string object = "region " + s.name;
        rows.push_back(particleRow(object, "count", s.count));
        rows.push_back(
            particleRow(object, "ecd_median" + unit,
                        s.count > 0 ? std::optional<double>(s.ecdMedian) : std::nullopt));
        if (s.lognormal)
            rows.push_back(intervalRow(object, "lognormal_median" + unit, s.lognormal->median));
        else {
            SummaryRow none = particleRow(object, "lognormal_median" + unit, std::nullopt);
            none.verdict = "fewer than 3 particles";
            rows.push_back(none);
        }
    }
    if (r.comparison) {
        const std::string object = r.comparison->reference + " vs " + r.comparison->survivors;
        rows.push_back(particleRow(object, "ks_p", r.comparison->ksP));
        if (r.comparison->criticalSize)
            rows.push_back(
                intervalRow(object, "critical_size" + unit, *r.comparison->criticalSize));
        else {
            SummaryRow none = particleRow(object, "critical_size" + unit, std::nullopt);
            none.verdict = "the survival fit found no d* inside the data";
            rows.push_back(none);
        }
    }
    return rows;
}

class ParticlesBatch final : public BatchAnalysis
{
public:
    [[nodiscard]] std::string name() const override { return "particles"; }

    [[nodiscard]] bool inTemplate(const ProjectMovie& templateMovie) const override
    {
        return templateMovie.particles.has_value();
    }

    std::vector<SummaryRow> run(BatchMovieContext& c) const override
    {
        const ProjectParticles& t = *c.templateMovie.particles;
        if (t.lastFrame >= c.movie.frameCount())
            throw Error(c.movie.info().path.string() + ": particles need frames " +
                        std::to_string(t.firstFrame) + "–" + std::to_string(t.lastFrame) +
                        " but the movie has " + std::to_string(c.movie.frameCount()));
        const bool corrected = t.lastFrame > t.firstFrame && c.result.drift.has_value();
        const cv::Mat image = particleFrame(c.movie, t.firstFrame, t.lastFrame,
                                            corrected ? &c.result.drift->result : nullptr);
        ParticleSegmentation seg =
            segmentParticles(image, c.movie.calibration().nmPerPixel, t.regions, t.result.options);
        std::vector<ParticleEdit> edits;
        if (!t.edits.empty() && c.result.fingerprint == c.templateMovie.fingerprint) {
            edits = t.edits;
            const int done = applyParticleEdits(seg, image, t.regions, edits);
            c.log << "particles: the template's " << edits.size() << " hand edit(s) replayed ("
                  << done << " took effect): this is the template's movie\n";
        } else if (!t.edits.empty()) {
            c.log << "particles: the template's " << t.edits.size()
                  << " hand edit(s) not applied: they name positions in the template's movie "
                  << c.templateMovie.path.string() << '\n';
        }
        ProjectParticles stored =
            toProjectParticles(seg, t.firstFrame, t.lastFrame, t.regions, std::move(edits));
        const std::string movieId = "movie:" + std::to_string(c.result.id);
        std::vector<std::string> inputs{movieId};
        if (corrected)
            inputs.push_back("drift:" + movieId);
        stored.provenance = makeProvenance(particlesParametersJson(stored), inputs);
        saveParticlesCsv(c.outputDir / "particles.csv", seg.result);
        c.log << "particles: " << seg.result.particles.size() << " on frames " << t.firstFrame
              << "–" << t.lastFrame << " in " << seg.result.regions.size() << " region(s)\n";
        c.result.particles = std::move(stored);
        c.result.particleSettings = particleSettingsFromResult(c.result);
        return summaryRows(seg.result);
    }
};

} // namespace

const BatchAnalysis& particlesBatchAnalysis()
{
    static const ParticlesBatch analysis;
    return analysis;
}

} // namespace insitu
