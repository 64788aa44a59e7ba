// FFT, crystallinity-map and grains options as JSON documents and back.

#include "insitu/export/crystal_options_json.h"

#include "insitu/error.h"

#include <algorithm>
#include <cmath>

namespace insitu {

namespace {

nlohmann::json optionalNumber(const std::optional<double>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

template <typename T> void read(const nlohmann::json& json, const char* key, T& value)
{
    if (!json.contains(key) || json[key].is_null())
        return;
    try {
        value = json[key].get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Error(std::string("options: \"") + key + "\" has the wrong type");
    }
}

void readOptional(const nlohmann::json& json, const char* key, std::optional<double>& value)
{
    if (!json.contains(key) || json[key].is_null())
        return;
    double v = 0;
    read(json, key, v);
    value = v;
}

void requireObject(const nlohmann::json& json, const char* what)
{
    if (!json.is_object())
        throw Error(std::string(what) + " options: expected a JSON object");
}

} // namespace

nlohmann::json fftOptionsJson(const FftOptions& o)
{
    nlohmann::json dList = nlohmann::json::array();
    for (const DSpacing& d : o.dList)
        dList.push_back({{"phase", d.phase}, {"hkl", d.hkl}, {"d_nm", d.dNm}});
    return {{"window", fftTaperName(o.spectrum.taper)},
            {"tukey_alpha", o.spectrum.tukeyAlpha},
            {"pad_factor", o.spectrum.padFactor},
            {"max_padded_px", o.spectrum.maxPaddedPx},
            {"peaks", o.peaks.maxPeaks},
            {"min_significance", o.peaks.minSignificance},
            {"max_relative_fwhm", o.peaks.maxRelativeFwhm},
            {"tolerance", o.matchTolerance},
            {"d_list", dList}};
}

FftOptions fftOptionsFromJson(const nlohmann::json& json)
{
    requireObject(json, "FFT");
    FftOptions o;
    std::string window = fftTaperName(o.spectrum.taper);
    read(json, "window", window);
    o.spectrum.taper = fftTaperFromName(window);
    read(json, "tukey_alpha", o.spectrum.tukeyAlpha);
    read(json, "pad_factor", o.spectrum.padFactor);
    read(json, "max_padded_px", o.spectrum.maxPaddedPx);
    read(json, "peaks", o.peaks.maxPeaks);
    read(json, "min_significance", o.peaks.minSignificance);
    read(json, "max_relative_fwhm", o.peaks.maxRelativeFwhm);
    read(json, "tolerance", o.matchTolerance);
    if (json.contains("d_list") && json["d_list"].is_string()) { // `insitu fft --d-list FILE`
        const std::string path = json["d_list"].get<std::string>();
        if (!path.empty())
            o.dList = readDList(path);
    } else if (json.contains("d_list") && json["d_list"].is_array())
        for (const auto& d : json["d_list"]) {
            DSpacing spacing;
            requireObject(d, "FFT d_list");
            read(d, "phase", spacing.phase);
            read(d, "hkl", spacing.hkl);
            read(d, "d_nm", spacing.dNm);
            o.dList.push_back(std::move(spacing));
        }
    return o;
}

nlohmann::json fftRegionSettingsJson(const FftRegionSettings& settings)
{
    nlohmann::json json = fftOptionsJson(settings.options);
    json["analysis"] = "fft";
    json["calibrate_d_nm"] = optionalNumber(settings.calibrateDNm);
    return json;
}

FftRegionSettings fftRegionSettingsFromJson(const nlohmann::json& json)
{
    FftRegionSettings settings;
    settings.options = fftOptionsFromJson(json);
    readOptional(json, "calibrate_d_nm", settings.calibrateDNm);
    return settings;
}

nlohmann::json crystallinityOptionsJson(const CrystallinityOptions& o)
{
    nlohmann::json ranges = nlohmann::json::array();
    for (const DRangeNm& r : o.dRanges)
        ranges.push_back({{"phase", r.phase}, {"min_nm", r.minNm}, {"max_nm", r.maxNm}});
    return {{"analysis", "crystallinity-map"},
            {"window_nm", optionalNumber(o.windowNm)},
            {"step_nm", optionalNumber(o.stepNm)},
            {"window_px", o.windowPx},
            {"step_px", o.stepPx},
            {"d_range_nm", ranges},
            {"max_detected_rings", o.maxDetectedRings},
            {"annulus_half_width_relative", o.annulusHalfWidthRelative},
            {"threshold", optionalNumber(o.thresholdRatio)}};
}

CrystallinityOptions crystallinityOptionsFromJson(const nlohmann::json& json)
{
    requireObject(json, "crystallinity map");
    CrystallinityOptions o;
    readOptional(json, "window_nm", o.windowNm);
    readOptional(json, "step_nm", o.stepNm);
    read(json, "window_px", o.windowPx);
    read(json, "step_px", o.stepPx);
    read(json, "max_detected_rings", o.maxDetectedRings);
    read(json, "annulus_half_width_relative", o.annulusHalfWidthRelative);
    readOptional(json, "threshold", o.thresholdRatio);
    const bool flat = json.contains("d_range_nm") && json["d_range_nm"].is_array() &&
                      !json["d_range_nm"].empty() && json["d_range_nm"][0].is_number();
    if (flat) { // `insitu fft --d-range-nm A,B,…`: pairs named as the CLI names them
        std::vector<double> v;
        read(json, "d_range_nm", v);
        if (v.size() % 2 != 0)
            throw Error("crystallinity map options: \"d_range_nm\" needs A,B pairs");
        for (std::size_t i = 0; i + 1 < v.size(); i += 2)
            o.dRanges.push_back({"d " + std::to_string(i / 2 + 1), std::min(v[i], v[i + 1]),
                                 std::max(v[i], v[i + 1])});
    } else if (json.contains("d_range_nm") && json["d_range_nm"].is_array())
        for (const auto& r : json["d_range_nm"]) {
            DRangeNm range;
            requireObject(r, "crystallinity map d_range_nm");
            read(r, "phase", range.phase);
            read(r, "min_nm", range.minNm);
            read(r, "max_nm", range.maxNm);
            o.dRanges.push_back(std::move(range));
        }
    return o;
}

nlohmann::json grainOptionsJson(const GrainAnalysisOptions& o)
{
    return {{"analysis", "grains"},
            {"min_grain_nm", o.grains.minGrainNm},
            {"merge_threshold", o.grains.mergeThreshold},
            {"orientation_sigma_px", o.grains.orientationSigmaPx},
            {"fringe_window_nm", o.phases.windowNm},
            {"crystalline_threshold", optionalNumber(o.phases.crystallineThreshold)},
            {"pore_threshold", optionalNumber(o.phases.poreThreshold)},
            {"grid_spacing_px", o.intercepts.lineGridSpacingPx}};
}

GrainAnalysisOptions grainOptionsFromJson(const nlohmann::json& json)
{
    requireObject(json, "grains");
    GrainAnalysisOptions o;
    read(json, "min_grain_nm", o.grains.minGrainNm);
    read(json, "merge_threshold", o.grains.mergeThreshold);
    read(json, "orientation_sigma_px", o.grains.orientationSigmaPx);
    read(json, "fringe_window_nm", o.phases.windowNm);
    if (!(std::isfinite(o.grains.orientationSigmaPx) && o.grains.orientationSigmaPx >= 0 &&
          o.grains.orientationSigmaPx <= 1000))
        throw Error("grains options: \"orientation_sigma_px\" must be 0 (off) to 1000");
    if (!(std::isfinite(o.phases.windowNm) && o.phases.windowNm > 0 && o.phases.windowNm <= 1000))
        throw Error("grains options: \"fringe_window_nm\" must be above 0 and at most 1000");
    readOptional(json, "crystalline_threshold", o.phases.crystallineThreshold);
    readOptional(json, "pore_threshold", o.phases.poreThreshold);
    read(json, "grid_spacing_px", o.intercepts.lineGridSpacingPx);
    return o;
}

} // namespace insitu
