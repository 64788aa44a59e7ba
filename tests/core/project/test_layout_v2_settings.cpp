// The movie's "particle_settings" and "area_settings" attributes: the next run's options
// round-trip; a file without them takes the options of its stored results.

#include "support/test_paths.h"

#include "insitu/error.h"
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
    const auto dir = test::scratchDir("layout_v2_settings");
    saveProject(project, dir / "p.h5");
    const Project back = loadProject(dir / "p.h5");
    REQUIRE(back.movies.size() == 1);
    CHECK(back.movies.front().particleSettings == movie.particleSettings);
    CHECK(back.movies.front().areaSettings == movie.areaSettings);
    CHECK(back == project);
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

    // without results: the core defaults
    Project bare = project;
    bare.movies.front().particles.reset();
    bare.movies.front().areas.reset();
    saveProject(bare, dir / "bare.h5");
    deleteSettingsAttributes(dir / "bare.h5");
    const Project bareBack = loadProject(dir / "bare.h5");
    CHECK(bareBack.movies.front().particleSettings == ParticleAnalysisSettings{});
    CHECK(bareBack.movies.front().areaSettings == AreaOptions{});
}

TEST_CASE("a particle setting averaging no frames is refused", "[project][settings]")
{
    Project project = projectWithResults();
    project.movies.front().particleSettings.framesAveraged = 0;
    const auto dir = test::scratchDir("layout_v2_settings_bad");
    saveProject(project, dir / "p.h5");
    CHECK_THROWS_AS(loadProject(dir / "p.h5"), Error);
}
