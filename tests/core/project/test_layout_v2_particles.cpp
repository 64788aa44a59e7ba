// The "particles" group of format_version 2 round-trips; a missing group means no result.

#include "support/test_paths.h"

#include "insitu/particles/particle_segment.h"
#include "insitu/project/particles_project_build.h"
#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

using namespace insitu;

namespace {

/// Two regions of dark discs of two sizes on a flat support: a full result with a comparison.
ParticleSegmentation twoRegionSegmentation(std::vector<Roi>& regions)
{
    cv::Mat frame(200, 400, CV_32F, cv::Scalar(100));
    for (int i = 0; i < 8; ++i) {
        cv::circle(frame, {25 + 45 * (i % 4), 30 + 50 * (i / 4)}, 6 + i % 3, cv::Scalar(40),
                   cv::FILLED);
        cv::circle(frame, {225 + 45 * (i % 4), 30 + 50 * (i / 4)}, 10 + i % 3, cv::Scalar(40),
                   cv::FILLED);
    }
    Roi a;
    a.id = 1;
    a.name = "left";
    a.shape = RoiShape::Rectangle;
    a.points = {{0, 0}, {199, 199}};
    Roi b = a;
    b.id = 2;
    b.name = "right";
    b.points = {{200, 0}, {399, 199}};
    regions = {a, b};
    ParticleOptions options;
    options.bootstrapSamples = 50;
    return segmentParticles(frame, 0.5, regions, options);
}

} // namespace

TEST_CASE("particles group round-trips with regions, comparison and edits", "[particles][project]")
{
    std::vector<Roi> regions;
    const ParticleSegmentation seg = twoRegionSegmentation(regions);
    REQUIRE(seg.result.particles.size() == 16);
    REQUIRE(seg.result.comparison.has_value());
    Project project;
    project.name = "p";
    ProjectMovie movie;
    movie.id = 1;
    movie.path = "/data/movie.tif";
    movie.width = 400;
    movie.height = 200;
    movie.frameCount = 3;
    movie.fingerprint = "sha256-sampled-v1:00";
    movie.particles = toProjectParticles(
        seg, 0, 2, regions,
        {{ParticleEditKind::Delete, 25, 30, 0, 0}, {ParticleEditKind::Merge, 70, 30, 115, 30}});
    movie.particles->provenance =
        makeProvenance(particlesParametersJson(*movie.particles), {"movie:1"});
    project.movies.push_back(movie);
    project.nextMovieId = 2;

    const auto path = test::scratchDir("layout_v2_particles") / "p.h5";
    saveProject(project, path);
    const Project back = loadProject(path);
    REQUIRE(back.movies.size() == 1);
    REQUIRE(back.movies[0].particles.has_value());
    CHECK(*back.movies[0].particles == *project.movies[0].particles);
    CHECK(back == project);
    const ParticleSegmentation again = particleSegmentation(*back.movies[0].particles);
    CHECK(cv::countNonZero(again.labels != seg.labels) == 0);
}

TEST_CASE("particles group: uncalibrated, whole frame, no particle; absent group = no result",
          "[particles][project]")
{
    ParticleSegmentation seg =
        segmentParticles(cv::Mat(64, 64, CV_32F, cv::Scalar(10)), std::nullopt, {});
    CHECK(seg.result.particles.empty());
    Project project;
    ProjectMovie movie;
    movie.id = 1;
    movie.path = "/data/movie.tif";
    movie.width = 64;
    movie.height = 64;
    movie.frameCount = 1;
    movie.particles = toProjectParticles(seg, 0, 0, {});
    project.movies.push_back(movie);
    movie.id = 2;
    movie.particles.reset();
    project.movies.push_back(movie);
    project.nextMovieId = 3;
    const auto path = test::scratchDir("layout_v2_particles") / "empty.h5";
    saveProject(project, path);
    const Project back = loadProject(path);
    CHECK(back == project);
    CHECK_FALSE(back.movies[1].particles.has_value());
    CHECK_FALSE(back.movies[0].particles->result.nmPerPixel.has_value());
}
