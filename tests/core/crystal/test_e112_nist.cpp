// ASTM E112 intercepts on NIST's real boundary map (grains-nist): mean lineal intercept within 2 %
// of NIST's own segments on the E112 pattern and on the line grid; grain count of the map.

#include "support/test_paths.h"

#include "insitu/crystal/e112.h"
#include "insitu/crystal/grain_segmentation.h"
#include "insitu/io/movie.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <numeric>
#include <sstream>

using namespace insitu;

namespace {

std::filesystem::path nistDir()
{
    return test::externalDataDir() / "grains-nist" / "intercept_optical_etched";
}

/// Mean of the second column of one of NIST's distance CSVs.
double nistMeanSegment(const std::filesystem::path& csv)
{
    std::ifstream in(csv);
    std::string line;
    std::getline(in, line); // header
    double sum = 0;
    int n = 0;
    while (std::getline(in, line)) {
        const auto comma = line.find(',');
        if (comma == std::string::npos)
            continue;
        sum += std::stod(line.substr(comma + 1));
        ++n;
    }
    REQUIRE(n > 100);
    return sum / n;
}

cv::Mat nistBoundary()
{
    const auto movie = openMovie(nistDir() / "grains_steel_highlighted_segmented.tif");
    return binaryBoundaryImage(movie->frame(0).mat());
}

} // namespace

TEST_CASE("E112 pattern intercept on NIST's boundary map is within 2 % of NIST's", "[grains][e112]")
{
    if (!std::filesystem::exists(nistDir())) {
        WARN("skipped: grains-nist reference data not found in " + nistDir().string());
        return;
    }
    const cv::Mat boundary = nistBoundary();
    const double nist = nistMeanSegment(nistDir() / "grains_steel_highlighted_distances_e112.csv");
    const InterceptResult e112 = e112PatternIntercepts(boundary, std::nullopt);
    INFO("ours " << e112.meanInterceptPx << " px over " << e112.segmentsPx.size()
                 << " segments, NIST " << nist << " px");
    CHECK(std::abs(e112.meanInterceptPx / nist - 1) <= 0.02);
    CHECK(!e112.G.has_value());                                                // uncalibrated: no G
    const InterceptResult calibrated = e112PatternIntercepts(boundary, 225.2); // 0.2252 µm/px
    REQUIRE(calibrated.G.has_value());
    CHECK(*calibrated.G == Approx(e112GFromIntercept(e112.meanInterceptPx * 225.2e-6)));
}

TEST_CASE("line-grid intercept on NIST's boundary map is within 2 % of NIST's", "[grains][e112]")
{
    if (!std::filesystem::exists(nistDir())) {
        WARN("skipped: grains-nist reference data not found in " + nistDir().string());
        return;
    }
    const cv::Mat boundary = nistBoundary();
    const double nist =
        nistMeanSegment(nistDir() / "grains_steel_highlighted_distances_line_grid.csv");
    InterceptOptions options;
    options.lineGridSpacingPx = 60;
    const InterceptResult grid = lineGridIntercepts(boundary, std::nullopt, options);
    INFO("ours " << grid.meanInterceptPx << " px over " << grid.segmentsPx.size()
                 << " segments, NIST " << nist << " px");
    CHECK(std::abs(grid.meanInterceptPx / nist - 1) <= 0.02);
}

TEST_CASE("NIST's boundary map holds 226 grains, 57 on the border", "[grains][e112]")
{
    if (!std::filesystem::exists(nistDir())) {
        WARN("skipped: grains-nist reference data not found in " + nistDir().string());
        return;
    }
    const auto movie = openMovie(nistDir() / "grains_steel_highlighted_segmented.tif");
    const GrainSegmentation grains = grainsFromBoundaryMap(movie->frame(0).mat(), std::nullopt);
    const auto border = std::count_if(grains.grains.begin(), grains.grains.end(),
                                      [](const Grain& g) { return g.border; });
    CHECK(grains.grains.size() == 226);
    CHECK(border == 57);
    const PlanimetricResult count =
        planimetricCount(grains.grains, movie->frame(0).mat().size(), std::nullopt);
    CHECK(count.equivalentCount == Approx(169 + 0.5 * 57 + 1));
}

TEST_CASE("E112 G relations", "[grains][e112]")
{
    // E112 Table: G = 0 ↔ ℓ̄ = 0.32 mm and N_A = 15.5 grains/mm² (approximately).
    CHECK(e112GFromIntercept(0.32) == Approx(0.0).margin(0.01));
    CHECK(e112GFromDensity(15.5) == Approx(1.0).margin(0.01)); // G = 1 at N_A = 15.50
    CHECK(e112GFromIntercept(0.226) == Approx(1.0).margin(0.01));
}
