// estimateDrift with default options on the bundled nanowire-front sample (small frame, no
// support-film texture, moving fronts, Poisson noise): the only x-features lie near the frame
// edges, so the window must not suppress them.

#include "drift_scene.h"
#include "support/test_paths.h"

#include "insitu/io/movie.h"
#include "insitu/registration/drift.h"
#include "insitu/registration/fft_planning.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

using namespace insitu;

TEST_CASE("default drift options register the nanowire-front sample within 0.3 px RMS", "[drift]")
{
    setFftPlanning(FftPlanning::Estimate);
    const auto dir = test::sourceDir() / "data/samples";
    const auto movie = openMovie(dir / "nanowire-front.tif");
    std::ifstream in(dir / "nanowire-front.truth.json");
    REQUIRE(in);
    const auto truth = nlohmann::json::parse(in);
    const auto dxTrue = truth.at("drift").at("dx_px").get<std::vector<double>>();
    const auto dyTrue = truth.at("drift").at("dy_px").get<std::vector<double>>();
    REQUIRE(static_cast<int>(dxTrue.size()) == movie->frameCount());

    const DriftResult result = estimateDrift(*movie, {}, Progress::none());
    REQUIRE(result.frameCount() == movie->frameCount());
    double worst = 0;
    for (std::size_t k = 0; k < dxTrue.size(); ++k)
        worst = std::max(worst, std::hypot(result.dxPx[k] - dxTrue[k], result.dyPx[k] - dyTrue[k]));
    CHECK(test::rmsError(dxTrue, dyTrue, result.dxPx, result.dyPx) <= 0.3);
    CHECK(worst <= 1.0);
}
