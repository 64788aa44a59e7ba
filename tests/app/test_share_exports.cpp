// The window's ImageJ ROI import/export (one undo step) and its movie export job, through the
// same core functions as `insitu roi` and `insitu render`.
#include <catch2/catch.hpp>

#include "core/project/project_fixture.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "share_exports.h"
#include "support/test_paths.h"

#include "insitu/io/memory_reader.h"
#include "insitu/roi/imagej_roi.h"

#include <QUndoStack>
#include <opencv2/videoio.hpp>

using namespace insitu;

namespace {

QString qPath(const std::filesystem::path& path)
{
    return QString::fromStdString(path.string());
}

/// The fixture's first movie with flat frames in memory.
void loadDocument(app::Document& document, Project& project)
{
    project = test::fullProject();
    project.movies.resize(1);
    const ProjectMovie& entry = project.movies.front();
    std::vector<cv::Mat> frames(static_cast<std::size_t>(entry.frameCount),
                                cv::Mat(entry.height, entry.width, CV_16U, cv::Scalar(7)));
    auto movie = std::make_shared<Movie>(
        std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16, entry.fileCalibration));
    document.loadProjectValue(project, movie, QString());
}

} // namespace

TEST_CASE("ImageJ ROIs import as one undo step and export back", "[app][imagej-roi]")
{
    const auto dir = test::scratchDir("app_imagej_roi");
    app::Document document;
    Project project;
    loadDocument(document, project);
    const int before = document.roiCount();

    ImageJRoi line;
    line.name = "wire";
    line.type = ImageJRoiType::Line;
    line.points = {{3.25, 4.5}, {40.75, 9}};
    line.strokeWidthPx = 12;
    ImageJRoi point;
    point.name = "dot";
    point.type = ImageJRoiType::Point;
    point.points = {{5, 5}};
    writeImageJRoiSet({line, point}, dir / "RoiSet.zip");

    const QStringList notes = app::importImageJRois(&document, qPath(dir / "RoiSet.zip"));
    CHECK(notes.size() == 1); // the point cannot be a workbench ROI
    REQUIRE(document.roiCount() == before + 1);
    const Roi& added = document.roi(before);
    CHECK(added.name == "wire");
    CHECK(added.shape == RoiShape::Line);
    CHECK(added.widthPx == Approx(12));
    CHECK(added.points == line.points);
    document.undoStack()->undo();
    CHECK(document.roiCount() == before);
    document.undoStack()->redo();

    app::exportImageJRois(document, qPath(dir / "out.zip"));
    const auto back = readImageJRois(dir / "out.zip");
    REQUIRE(static_cast<int>(back.size()) == document.roiCount());
    CHECK(back.back().points == line.points);
    CHECK(app::isImageJRoiFile(QStringLiteral("x/RoiSet.ZIP")));
    CHECK(!app::isImageJRoiFile(QStringLiteral("x/movie.tif")));
}

TEST_CASE("File > Export > Annotated movie renders on a job", "[app][render]")
{
    const auto dir = test::scratchDir("app_render");
    app::Document document;
    Project project;
    loadDocument(document, project);
    app::JobRunner jobs;
    const auto file = dir / "movie.avi";
    REQUIRE(app::startMovieExport(document, jobs, qPath(file), false));
    jobs.waitForFinished();
    cv::VideoCapture in(file.string());
    REQUIRE(in.isOpened());
    CHECK(static_cast<int>(in.get(cv::CAP_PROP_FRAME_COUNT)) == document.movie()->frameCount());
    CHECK_THROWS(app::startMovieExport(document, jobs, qPath(dir / "movie.mov"), false));
}
