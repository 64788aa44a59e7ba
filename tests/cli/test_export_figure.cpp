// `insitu export --figure`: a synthetic nanowire's project as a lettered PNG/SVG/PDF figure,
// read back; bad requests exit 2.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fstream>
#include <iterator>

using insitu::test::runCli;

namespace {

/// A 40-frame nanowire movie with its fronts tracked into p.h5 (synth truth: the wire's line).
std::filesystem::path frontsProject(const std::filesystem::path& dir)
{
    const auto movie = dir / "wire.tif";
    REQUIRE(runCli("synth nanowire-front -o " + movie.string() +
                   " --frames 40 --width 160 --height 96 --pixel-size-nm 0.5 "
                   "--frame-interval-s 0.5 --seed 3")
                .exitCode == 0);
    const auto project = dir / "p.h5";
    // the wire as the scene's truth gives it (synth --truth)
    const auto front = runCli("front " + movie.string() +
                              " --line 13.75,45.43,153.41,55.19 --project " + project.string());
    REQUIRE(front.exitCode == 0);
    return project;
}

} // namespace

TEST_CASE("export --figure writes the lettered figure as PNG at the asked dpi, SVG and PDF",
          "[cli][figure]")
{
    const auto dir = insitu::test::scratchDir("cli_figure");
    const auto project = frontsProject(dir);
    const auto png = dir / "fig.png";
    const auto result = runCli("export " + project.string() + " --figure " + png.string() +
                               " --figure-times 0,10,19.5 --overlays rois,fronts --width-mm 120 "
                               "--dpi 150 --json");
    REQUIRE(result.exitCode == 0);
    const auto j = nlohmann::json::parse(result.out);
    REQUIRE(j.at("panels").size() == 5); // three frames, kymograph, L(t)
    CHECK(j.at("panels")[0].at("frame") == 0);
    CHECK(j.at("panels")[1].at("frame") == 20);
    CHECK(j.at("panels")[2].at("frame") == 39);
    CHECK(j.at("panels")[3].at("kind") == "kymograph");
    CHECK(j.at("panels")[4].at("letter") == "e");
    CHECK(j.at("scale_bar_nm") == Approx(10.0)); // ≤ 0.2 × 160 px × 0.5 nm = 16 nm
    const cv::Mat image = cv::imread(png.string());
    REQUIRE(!image.empty());
    CHECK(image.cols == j.at("width_px").get<int>());
    CHECK(image.cols == static_cast<int>(std::lround(120 / 25.4 * 150)));

    const auto svg = dir / "fig.svg";
    REQUIRE(runCli("export " + project.string() + " --figure " + svg.string()).exitCode == 0);
    std::ifstream svgIn(svg);
    const std::string svgText((std::istreambuf_iterator<char>(svgIn)), {});
    CHECK(svgText.find("<svg") != std::string::npos);
    const auto pdf = dir / "fig.pdf";
    REQUIRE(runCli("export " + project.string() + " --figure " + pdf.string() +
                   " --figure-frames 5 --figure-plots kinetics")
                .exitCode == 0);
    std::ifstream pdfIn(pdf, std::ios::binary);
    std::string head(5, '\0');
    pdfIn.read(head.data(), 5);
    CHECK(head == "%PDF-");
}

TEST_CASE("export --figure exits 2 for requests the project cannot meet", "[cli][figure]")
{
    const auto dir = insitu::test::scratchDir("cli_figure_bad");
    const auto project = frontsProject(dir);
    const std::string base = "export " + project.string() + " --figure ";
    CHECK(runCli(base + (dir / "f.jpg").string()).exitCode == 2);
    const auto areas = runCli(base + (dir / "f.png").string() + " --figure-plots areas");
    CHECK(areas.exitCode == 2);
    CHECK(areas.err.find("areas") != std::string::npos);
    CHECK(runCli(base + (dir / "f.png").string() + " --overlays grains").exitCode == 2);
    CHECK(runCli(base + (dir / "f.png").string() + " --figure-frames 40").exitCode == 2);
    CHECK(runCli(base + (dir / "f.png").string() + " --out " + dir.string()).exitCode == 2);
    CHECK(runCli(base + (dir / "f.png").string() + " --dpi 10").exitCode == 2);
    CHECK(runCli(base + project.string()).exitCode == 2); // the figure would overwrite the input
}
