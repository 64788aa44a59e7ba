// The movie's "particle_settings", "area_settings", "fft_settings" and "grain_settings"
// attributes: the next run's options round-trip; a file without them takes the options of its
// stored results.

#include "support/test_paths.h"

#include "insitu/error.h"
#include "insitu/export/crystal_options_json.h"
#include "insitu/project/crystal_settings_json.h"
#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>
#include <hdf5/serial/hdf5.h>

using namespace insitu;

namespace {

/// A one-movie project with a particles and an areas result whose options are not defaults.
Project projectWithResults()
{
    Project project;
    project.name = "settings";
    ProjectMovie movie;
    movie.id = 1;
    movie.path = "/data/movie.tif";
    movie.width = 64;
    movie.height = 48;
    movie.frameCount = 5;
    movie.fingerprint = "sha256-sampled-v1:01";
    ProjectParticles particles;
    particles.firstFrame = 1;
    particles.lastFrame = 3;
    particles.result.width = 64;
    particles.result.height = 48;
    particles.labels.assign(64 * 48, 0);
    particles.result.options.polarity = ParticlePolarity::Bright;
    particles.result.options.minDiameterPx = 4.5;
    particles.result.options.maxNeckRatio = 0.55;
    particles.provenance = makeProvenance("{}", {"movie:1"});
    movie.particles = particles;
    ProjectAreas areas;
    areas.result.options.model = "avrami";
    areas.result.options.core = true;
    areas.provenance = makeProvenance("{}", {"movie:1"});
    movie.areas = areas;
    ProjectFftRegion region;
    region.regionKind = "whole-frame";
    FftRegionSettings fft;
    fft.options.spectrum.taper = FftTaper::Tukey;
    fft.options.peaks.maxPeaks = 7;
    fft.options.matchTolerance = 0.03;
    fft.options.dList = {{"Cu", "111", 0.2087}};
    region.optionsJson = fftRegionSettingsJson(fft).dump();
    movie.fft.regions.push_back(region);
    ProjectGrains grains;
    grains.labelRows = 48;
    grains.labelCols = 64;
    grains.labels.assign(64 * 48, 0);
    GrainAnalysisOptions grainOptions;
    grainOptions.grains.minGrainNm = 7.5;
    grainOptions.grains.mergeThreshold = 0.4;
    grains.parametersJson = grainOptionsJson(grainOptions).dump();
    movie.grains = grains;
    project.movies.push_back(movie);
    project.nextMovieId = 2;
    return project;
}

void deleteSettingsAttributes(const std::filesystem::path& path)
{
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const hid_t movie = H5Gopen2(file, "movies/0", H5P_DEFAULT);
    REQUIRE(movie >= 0);
    REQUIRE(H5Adelete(movie, "particle_settings") >= 0);
    REQUIRE(H5Adelete(movie, "area_settings") >= 0);
    REQUIRE(H5Adelete(movie, "fft_settings") >= 0);
    REQUIRE(H5Adelete(movie, "grain_settings") >= 0);
    H5Gclose(movie);
    H5Fclose(file);
}

} // namespace

TEST_CASE("the next run's particle and area options round-trip through the project file",
          "[project][settings]")
{
    Project project = projectWithResults();
    ProjectMovie& movie = project.movies.front();
    // edited after the results were computed: the settings differ from the results' options
    movie.particleSettings.options.threshold = ParticleThreshold::Local;
    movie.particleSettings.options.minDiameterNm = 2.75;
    movie.particleSettings.options.includeEdge = true;
    movie.particleSettings.framesAveraged = 4;
    movie.areaSettings.model = "parabolic";
    movie.areaSettings.core = true;
    movie.fftSettings.region.options.peaks.maxPeaks = 11;
    movie.fftSettings.region.options.spectrum.taper = FftTaper::None;
    movie.fftSettings.region.calibrateDNm = 0.2087;
    movie.fftSettings.region.options.dList = {{"Li2O", "111", 0.2664}};
    movie.fftSettings.spots = {{0.12, -0.05, 0.01}, {-0.2, 0.0, 0.02}};
    movie.grainSettings.options.grains.minGrainNm = 3.25;
    movie.grainSettings.options.phases.poreThreshold = 0.8;
    const auto dir = test::scratchDir("layout_v2_settings");
    saveProject(project, dir / "p.h5");
    const Project back = loadProject(dir / "p.h5");
    REQUIRE(back.movies.size() == 1);
    CHECK(back.movies.front().particleSettings == movie.particleSettings);
    CHECK(back.movies.front().areaSettings == movie.areaSettings);
    CHECK(back.movies.front().fftSettings == movie.fftSettings);
    CHECK(back.movies.front().fftSettings.spots.size() == 2);
    CHECK(back.movies.front().fftSettings.region.options.peaks.maxPeaks == 11);
    CHECK(back.movies.front().fftSettings.region.calibrateDNm == 0.2087);
    CHECK(back.movies.front().grainSettings == movie.grainSettings);
    CHECK(back.movies.front().grainSettings.options.grains.minGrainNm == 3.25);
    CHECK(back == project);
    // the settings are compared by their saved form: a changed value is a different setting
    FftAnalysisSettings other = movie.fftSettings;
    other.region.options.matchTolerance += 0.01;
    CHECK_FALSE(other == movie.fftSettings);
    other = movie.fftSettings;
    other.spots.back().radiusPerPx = 0.03;
    CHECK_FALSE(other == movie.fftSettings);
    GrainAnalysisSettings otherGrains = movie.grainSettings;
    otherGrains.options.grains.mergeThreshold = 2.5;
    CHECK_FALSE(otherGrains == movie.grainSettings);
}

TEST_CASE("a project without the settings attributes takes its results' options",
          "[project][settings]")
{
    const Project project = projectWithResults();
    const auto dir = test::scratchDir("layout_v2_settings_absent");
    saveProject(project, dir / "p.h5");
    deleteSettingsAttributes(dir / "p.h5");
    const Project back = loadProject(dir / "p.h5");
    REQUIRE(back.movies.size() == 1);
    const ProjectMovie& movie = back.movies.front();
    CHECK(movie.particleSettings.options == project.movies.front().particles->result.options);
    CHECK(movie.particleSettings.framesAveraged == 3);
    CHECK(movie.areaSettings.model == "avrami");
    CHECK(movie.areaSettings.core);
    CHECK(movie.fftSettings.region.options.peaks.maxPeaks == 7);
    CHECK(movie.fftSettings.region.options.spectrum.taper == FftTaper::Tukey);
    CHECK(movie.fftSettings.region.options.dList.size() == 1);
    CHECK(movie.fftSettings.spots.empty());
    CHECK(movie.grainSettings.options.grains.minGrainNm == 7.5);
    CHECK(movie.grainSettings.options.grains.mergeThreshold == 0.4);

    // without results: the core defaults
    Project bare = project;
    bare.movies.front().particles.reset();
    bare.movies.front().areas.reset();
    bare.movies.front().fft = {};
    bare.movies.front().grains.reset();
    saveProject(bare, dir / "bare.h5");
    deleteSettingsAttributes(dir / "bare.h5");
    const Project bareBack = loadProject(dir / "bare.h5");
    CHECK(bareBack.movies.front().particleSettings == ParticleAnalysisSettings{});
    CHECK(bareBack.movies.front().areaSettings == AreaOptions{});
    CHECK(bareBack.movies.front().fftSettings == FftAnalysisSettings{});
    CHECK(bareBack.movies.front().grainSettings == GrainAnalysisSettings{});
}

TEST_CASE("FFT settings JSON: spots round-trip, bad spots are refused", "[project][settings]")
{
    FftAnalysisSettings settings;
    settings.spots = {{0.25, 0.125, 0.015}};
    const nlohmann::json json = fftAnalysisSettingsJson(settings);
    CHECK(json["spots"].size() == 1);
    CHECK(json["spots"][0]["kx_per_px"] == 0.25);
    CHECK(fftAnalysisSettingsFromJson(json) == settings);
    // an older document without spots: no spots, the options as stored
    nlohmann::json noSpots = json;
    noSpots.erase("spots");
    CHECK(fftAnalysisSettingsFromJson(noSpots).spots.empty());
    nlohmann::json bad = json;
    bad["spots"][0]["radius_per_px"] = 0.0;
    CHECK_THROWS_AS(fftAnalysisSettingsFromJson(bad), Error);
    bad["spots"] = "0.1,0.1,0.01";
    CHECK_THROWS_AS(fftAnalysisSettingsFromJson(bad), Error);
    CHECK_THROWS_AS(fftAnalysisSettingsFromJson(nlohmann::json::array()), Error);
    CHECK_THROWS_AS(grainAnalysisSettingsFromJson(nlohmann::json(3)), Error);
}

TEST_CASE("a particle setting averaging no frames is refused", "[project][settings]")
{
    Project project = projectWithResults();
    project.movies.front().particleSettings.framesAveraged = 0;
    const auto dir = test::scratchDir("layout_v2_settings_bad");
    saveProject(project, dir / "p.h5");
    CHECK_THROWS_AS(loadProject(dir / "p.h5"), Error);
}
