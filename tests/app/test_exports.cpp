// The window's exports (src/app/exports.cpp) write the same bytes as `insitu export` (the core
// writers) for the same project: drift CSV, fronts CSV and kymograph TIFF.
#include <catch2/catch.hpp>

#include "core/project/project_fixture.h"
#include "document/document.h"
#include "exports.h"
#include "support/test_paths.h"

#include "insitu/export/csv_export.h"
#include "insitu/io/memory_reader.h"

#include <fstream>
#include <iterator>

using namespace insitu;

namespace {

std::string readAll(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

QString qPath(const std::filesystem::path& path)
{
    return QString::fromStdString(path.string());
}

} // namespace

TEST_CASE("the window's exports equal insitu export's files byte for byte", "[app][export]")
{
    const auto dir = test::scratchDir("app_exports");
    Project project = test::fullProject();
    project.movies.resize(1); // the document holds one movie
    const ProjectMovie& entry = project.movies.front();
    std::vector<cv::Mat> frames(static_cast<std::size_t>(entry.frameCount),
                                cv::Mat(entry.height, entry.width, CV_16U, cv::Scalar(7)));
    auto movie = std::make_shared<Movie>(
        std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16, entry.fileCalibration));
    app::Document document;
    document.loadProjectValue(project, movie, QString());
    const int roiId = entry.fronts.front().result.roiId;

    app::exportDriftCsv(document, qPath(dir / "drift.csv"));
    app::exportFrontsCsv(document, roiId, qPath(dir / "fronts.csv"));
    app::exportKymographTiff(document, roiId, qPath(dir / "kymograph.tif"));
    exportProjectCsv(project, dir / "cli");
    exportProjectKymographs(project, dir / "cli");

    const std::string prefix = "movie" + std::to_string(entry.id);
    const std::string roi = prefix + "_roi" + std::to_string(roiId);
    const std::string drift = readAll(dir / "drift.csv");
    CHECK(drift.rfind("frame,time_s,dx_px,dy_px,dx_nm,dy_nm,quality,interpolated\n", 0) == 0);
    CHECK(drift == readAll(dir / "cli" / (prefix + "_drift.csv")));
    const std::string fronts = readAll(dir / "fronts.csv");
    CHECK(fronts.rfind("frame,time_s,front,position_px,position_nm,confidence,", 0) == 0);
    CHECK(fronts == readAll(dir / "cli" / (roi + "_fronts.csv")));
    const std::string kymograph = readAll(dir / "kymograph.tif");
    CHECK(kymograph.size() > 100);
    CHECK(kymograph == readAll(dir / "cli" / (roi + "_kymograph.tif")));
}
