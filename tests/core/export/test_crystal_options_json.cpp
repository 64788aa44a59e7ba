// FFT, crystallinity-map and grains options JSON: round trip, defaults for missing keys, and the
// documents `insitu fft/grains --project` store (d-list file, flat d-range pairs).
#include "support/test_paths.h"

#include "insitu/error.h"
#include "insitu/export/crystal_options_json.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace insitu;

TEST_CASE("crystal options JSON round trip and the subcommands' documents", "[batch][export]")
{
    FftOptions fft;
    fft.peaks.maxPeaks = 3;
    fft.spectrum.taper = FftTaper::Tukey;
    fft.dList = {{"Cu", "111", 0.2087}};
    const FftOptions back = fftOptionsFromJson(fftOptionsJson(fft));
    CHECK(back.peaks.maxPeaks == 3);
    CHECK(back.spectrum.taper == FftTaper::Tukey);
    CHECK(back.dList == fft.dList);
    CHECK(fftOptionsFromJson(nlohmann::json::object()).peaks.maxPeaks ==
          FftOptions{}.peaks.maxPeaks);

    const auto dir = test::scratchDir("crystal_options_json");
    std::ofstream(dir / "d.csv") << "phase,hkl,d_nm\nCu,200,0.1808\n";
    const auto cli = nlohmann::json{{"analysis", "fft"}, {"window", "none"},
                                    {"peaks", 5},        {"d_list", (dir / "d.csv").string()},
                                    {"tolerance", 0.03}, {"calibrate_d_nm", nullptr}};
    const FftOptions fromCli = fftOptionsFromJson(cli);
    CHECK(fromCli.spectrum.taper == FftTaper::None);
    CHECK(fromCli.matchTolerance == 0.03);
    REQUIRE(fromCli.dList.size() == 1);
    CHECK(fromCli.dList[0].hkl == "200");

    const auto map = crystallinityOptionsFromJson(
        {{"window_nm", 6.4}, {"step_nm", nullptr}, {"d_range_nm", {0.25, 0.2, 0.3, 0.35}}});
    CHECK(map.windowNm == 6.4);
    CHECK(!map.stepNm);
    REQUIRE(map.dRanges.size() == 2);
    CHECK(map.dRanges[0] == DRangeNm{"d 1", 0.2, 0.25});
    CHECK(crystallinityOptionsFromJson(crystallinityOptionsJson(map)).dRanges == map.dRanges);
    CHECK_THROWS_AS(crystallinityOptionsFromJson({{"d_range_nm", {0.2}}}), Error);

    GrainAnalysisOptions grains;
    grains.grains.minGrainNm = 4;
    grains.phases.poreThreshold = 0.1;
    grains.grains.orientationSigmaPx = 0; // the orientation term off
    grains.phases.windowNm = 2.0;
    const auto g = grainOptionsFromJson(grainOptionsJson(grains));
    CHECK(g.grains.minGrainNm == 4);
    CHECK(g.grains.orientationSigmaPx == 0);
    CHECK(g.phases.windowNm == 2.0);
    CHECK(g.phases.poreThreshold == 0.1);
    CHECK(!g.phases.crystallineThreshold);
    CHECK_THROWS_AS(grainOptionsFromJson({{"min_grain_nm", "big"}}), Error);
    CHECK_THROWS_AS(grainOptionsFromJson({{"orientation_sigma_px", -1}}), Error);
    CHECK_THROWS_AS(grainOptionsFromJson({{"fringe_window_nm", 0}}), Error);
}

TEST_CASE("FFT region settings JSON round trip", "[batch][export]")
{
    FftRegionSettings settings;
    settings.options.peaks.maxPeaks = 2;
    settings.options.matchTolerance = 0.05;
    settings.options.spectrum.taper = FftTaper::None;
    settings.options.dList = {{"Li2O", "111", 0.2664}};
    settings.calibrateDNm = 0.2355;
    const nlohmann::json json = fftRegionSettingsJson(settings);
    CHECK(json["analysis"] == "fft");
    const FftRegionSettings back = fftRegionSettingsFromJson(json);
    CHECK(back.calibrateDNm == 0.2355);
    CHECK(back.options.peaks.maxPeaks == 2);
    CHECK(back.options.matchTolerance == 0.05);
    CHECK(back.options.spectrum.taper == FftTaper::None);
    CHECK(back.options.dList == settings.options.dList);
    CHECK(fftRegionSettingsJson(back) == json);
    CHECK(!fftRegionSettingsFromJson({{"calibrate_d_nm", nullptr}}).calibrateDNm);
    CHECK_THROWS_AS(fftRegionSettingsFromJson({{"calibrate_d_nm", "x"}}), Error);

    CrystallinityOptions map;
    map.stepNm = 1.5;
    map.thresholdRatio = 2.5;
    map.dRanges = {{"Cu", 0.19, 0.23}};
    CHECK(crystallinityOptionsJson(crystallinityOptionsFromJson(crystallinityOptionsJson(map))) ==
          crystallinityOptionsJson(map));
    GrainAnalysisOptions grains;
    grains.grains.mergeThreshold = 0.5;
    grains.intercepts.lineGridSpacingPx = 30;
    CHECK(grainOptionsJson(grainOptionsFromJson(grainOptionsJson(grains))) ==
          grainOptionsJson(grains));
}
