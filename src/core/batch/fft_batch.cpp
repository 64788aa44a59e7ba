// The FFT analysis of a batch run: each of the template's FFT regions (a ROI, with the recipe's
// per-movie override, a fixed rectangle or polygon, or the whole frame) at the same frame with
// the same options, and its crystallinity map when it holds one, on each movie.

#include "batch_analyses.h"
#include "summary_rows.h"

#include "insitu/crystal/fft_region_run.h"
#include "insitu/error.h"
#include "insitu/export/crystal_options_json.h"
#include "insitu/export/fft_export.h"
#include "insitu/project/fft_project_result.h"

#include <algorithm>
#include <cmath>

namespace insitu {

namespace {

/// The region on this movie: the movie's version of the template's ROI, else as stored.
FftRegion movieRegion(const BatchMovieContext& c, const ProjectFftRegion& stored)
{
    if (!stored.roiId)
        return storedFftRegion(stored);
    const auto roi = std::find_if(c.result.rois.begin(), c.result.rois.end(),
                                  [&](const Roi& r) { return r.id == *stored.roiId; });
    if (roi == c.result.rois.end())
        throw Error("fft: the template's ROI " + std::to_string(*stored.roiId) + " is missing");
    return fftRegionOfRoi(*roi);
}

cv::Mat frameOf(const BatchMovieContext& c, int frame)
{
    if (frame < 0 || frame >= c.movie.frameCount())
        throw Error("fft: frame " + std::to_string(frame) + " of the template is outside 0.." +
                    std::to_string(c.movie.frameCount() - 1) + " of this movie");
    return c.movie.frameFloat(frame);
}

nlohmann::json parsed(const std::string& text, const std::string& what)
{
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded())
        throw Error("fft: the template's " + what + " options are not valid JSON");
    return json;
}

std::vector<SummaryRow> peakRows(const FftResult& result, const std::string& regionName)
{
    std::vector<SummaryRow> rows;
    if (result.peaks.empty())
        rows.push_back(valueRow("fft", regionName, "peaks", 0.0, "no significant peak"));
    for (std::size_t j = 0; j < result.peaks.size(); ++j) {
        const FftPeakResult& p = result.peaks[j];
        const std::string object = regionName + " peak " + std::to_string(j);
        // d = 1/k with σ_d = σ_k / k² (in nm when the pixel size is known, else px)
        const double k = p.peak.kPerPx;
        const double d = p.dNm ? *p.dNm : 1 / k;
        const double sigma = p.dErrNm ? *p.dErrNm : p.peak.kErrPerPx / (k * k);
        SummaryRow row =
            intervalRow("fft", object, p.dNm ? "d_nm" : "d_px", d, d - 1.959963984540054 * sigma,
                        d + 1.959963984540054 * sigma, "normal (peak fit σ)");
        row.standardError = sigma;
        if (p.match)
            row.verdict = p.match->phase + " " + p.match->hkl;
        rows.push_back(row);
    }
    return rows;
}

class FftBatch final : public BatchAnalysis
{
public:
    [[nodiscard]] std::string name() const override { return "fft"; }

    [[nodiscard]] bool inTemplate(const ProjectMovie& templateMovie) const override
    {
        return !templateMovie.fft.empty();
    }

    std::vector<SummaryRow> run(BatchMovieContext& c) const override
    {
        const ProjectFft& model = c.templateMovie.fft;
        const Calibration cal = c.movie.calibration();
        std::vector<SummaryRow> rows;
        ProjectFft out;
        for (std::size_t i = 0; i < model.regions.size(); ++i) {
            const ProjectFftRegion& stored = model.regions[i];
            const FftRegionSettings settings =
                fftRegionSettingsFromJson(parsed(stored.optionsJson, "region"));
            const FftRegion region = movieRegion(c, stored);
            const FftRegionRun regionRun =
                runFftRegion(frameOf(c, stored.frame), region, cal, settings);
            const FftResult& result = regionRun.result;
            if (regionRun.ring) // as `insitu fft --calibrate-d-nm`
                c.log << "fft: region " << i << ": pixel size " << regionRun.ring->nmPerPixel
                      << " nm/px from the " << regionRun.ring->knownDNm << " nm ring\n";
            // the ring's pixel size when calibrated on one, as the hand run's profile CSV
            const std::optional<double> nmPerPixel =
                regionRun.ring ? std::optional<double>(regionRun.ring->nmPerPixel) : cal.nmPerPixel;
            const std::string tag = "fft_region" + std::to_string(i);
            saveFftProfileCsv(c.outputDir / (tag + "_profile.csv"), result.profile, nmPerPixel);
            c.log << "fft: region " << i << " (frame " << stored.frame
                  << "): " << result.peaks.size() << " peaks\n";
            appendRows(rows, peakRows(result, "region " + std::to_string(i)));
            out.regions.push_back(
                projectFftRegion(result, region, stored.frame, stored.roiId, stored.optionsJson));
        }
        if (model.map) {
            const CrystallinityOptions options =
                crystallinityOptionsFromJson(parsed(model.map->optionsJson, "map"));
            const CrystallinityMap map =
                crystallinityMap(frameOf(c, model.map->frame), cal, options, c.progress);
            writeMaskTiff(map.mask, c.outputDir / "crystallinity_mask.tif", cal.nmPerPixel);
            c.log << "fft: crystallinity map (frame " << model.map->frame
                  << "): crystalline fraction " << map.crystallineFraction << '\n';
            rows.push_back(valueRow("fft", "map", "crystalline_fraction", map.crystallineFraction,
                                    "no interval computed"));
            for (const PhaseCrystallinity& p : map.phases) {
                rows.push_back(valueRow("fft", "map " + p.phase, "fraction", p.fraction));
                rows.push_back(
                    valueRow("fft", "map " + p.phase, "threshold_ratio", p.thresholdRatio));
            }
            out.map = projectCrystallinityMap(map, model.map->frame, model.map->optionsJson);
        }
        c.result.fft = std::move(out);
        c.result.fftSettings = fftSettingsFromResult(c.result);
        c.result.fftSettings.spots = c.templateMovie.fftSettings.spots;
        return rows;
    }
};

} // namespace

const BatchAnalysis& fftBatchAnalysis()
{
    static const FftBatch analysis;
    return analysis;
}

} // namespace insitu
