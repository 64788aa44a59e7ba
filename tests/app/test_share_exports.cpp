// The window's ImageJ ROI import/export (one undo step) and its movie export job, through the
// same core functions as `insitu roi` and `insitu render`.
#include <catch2/catch.hpp>

#include "core/project/project_fixture.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "main_window.h"
#include "movie_export_dialog.h"
#include "share_exports.h"
#include "support/test_paths.h"

#include "insitu/io/memory_reader.h"
#include "insitu/render/mp4_writer.h"
#include "insitu/roi/imagej_roi.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QDropEvent>
#include <QMimeData>
#include <QSpinBox>
#include <QUndoStack>
#include <QUrl>
#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>

#include <algorithm>

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

TEST_CASE("The movie export dialog's frames, step, rate and preset reach the rendered file",
          "[app][render]")
{
    const auto dir = test::scratchDir("app_render_dialog");
    app::Document document;
    Project project;
    loadDocument(document, project);
    const int frameCount = document.movie()->frameCount();
    REQUIRE(frameCount >= 4);
    app::MovieExportDialog dialog(frameCount);
    // the defaults are RenderOptions' (every frame, its rate, the writer's preset)
    RenderOptions defaults = app::windowRenderOptions(document, false);
    dialog.apply(defaults);
    CHECK(defaults.firstFrame == 0);
    CHECK(defaults.lastFrame == frameCount - 1);
    CHECK(defaults.stride == 1);
    CHECK(defaults.fps == RenderOptions{}.fps);
    CHECK(defaults.x264Preset == Mp4WriterOptions{}.preset);
    CHECK(dialog.preset()->count() == static_cast<int>(x264PresetNames().size()));
    dialog.firstFrame()->setValue(1);
    dialog.lastFrame()->setValue(3);
    dialog.step()->setValue(2);
    dialog.fps()->setValue(12.5);
    dialog.preset()->setCurrentText(QStringLiteral("ultrafast"));
    RenderOptions options = app::windowRenderOptions(document, false);
    dialog.apply(options);
    CHECK(options.x264Preset == "ultrafast");
    app::JobRunner jobs;
    const auto file = dir / "movie.mp4";
    REQUIRE(app::startMovieExport(document, jobs, qPath(file), options));
    jobs.waitForFinished();
    cv::VideoCapture in(file.string());
    REQUIRE(in.isOpened());
    int frames = 0;
    for (cv::Mat frame; in.read(frame);)
        ++frames;
    CHECK(frames == 2); // frames 1 and 3
    CHECK(in.get(cv::CAP_PROP_FPS) == Approx(12.5));
    // last below first moves first down with it
    dialog.lastFrame()->setValue(0);
    CHECK(dialog.firstFrame()->value() == 0);
}

TEST_CASE("The movie export's side panel is the plot insitu render --plot draws", "[app][render]")
{
    const auto dir = test::scratchDir("app_render_panel");
    app::Document document;
    Project project;
    loadDocument(document, project);
    const QStringList panels = app::availableSidePanels(document);
    REQUIRE(panels.contains(QStringLiteral("kinetics"))); // the fixture has fronts
    CHECK(!panels.contains(QStringLiteral("timeline")));  // and no timeline
    app::MovieExportDialog dialog(document.movie()->frameCount(), panels);
    CHECK(dialog.sidePanel().isEmpty()); // none by default
    dialog.sidePanelBox()->setCurrentIndex(
        dialog.sidePanelBox()->findData(QStringLiteral("kinetics")));
    REQUIRE(dialog.sidePanel() == QStringLiteral("kinetics"));
    RenderOptions options = app::windowRenderOptions(document, false);
    dialog.apply(options);
    app::JobRunner jobs;
    const auto file = dir / "panel.avi";
    REQUIRE(app::startMovieExport(document, jobs, qPath(file), options,
                                  app::windowSidePanel(document, dialog.sidePanel())));
    jobs.waitForFinished();
    cv::VideoCapture in(file.string());
    REQUIRE(in.isOpened());
    const int movieWidth = document.movie()->width();
    CHECK(in.get(cv::CAP_PROP_FRAME_WIDTH) ==
          movieWidth + std::max(320, document.movie()->height() * 6 / 5));
    cv::Mat frame;
    REQUIRE(in.read(frame));
    // the panel is a plot on white, not the grey frame
    const cv::Scalar panelMean = cv::mean(frame.colRange(movieWidth, frame.cols));
    CHECK(panelMean[0] > 200);
    CHECK_THROWS_AS(app::windowSidePanel(document, QStringLiteral("timeline")), Error);
}

TEST_CASE("Cancel of a movie export job leaves no file behind", "[app][render]")
{
    const auto dir = test::scratchDir("app_render_cancel");
    app::Document document;
    Project project = test::fullProject();
    project.movies.resize(1);
    ProjectMovie& entry = project.movies.front();
    entry.frameCount = 400;
    std::vector<cv::Mat> frames(400, cv::Mat(entry.height, entry.width, CV_16U, cv::Scalar(7)));
    document.loadProjectValue(project,
                              std::make_shared<Movie>(std::make_unique<MemoryMovieReader>(
                                  frames, PixelType::UInt16, entry.fileCalibration)),
                              QString());
    app::JobRunner jobs;
    bool canceled = false;
    QObject::connect(&jobs, &app::JobRunner::canceled, [&canceled] { canceled = true; });
    const auto file = dir / "movie.mp4";
    REQUIRE(app::startMovieExport(document, jobs, qPath(file), false));
    jobs.cancel();
    jobs.waitForFinished();
    CHECK(canceled);
    CHECK(!std::filesystem::exists(file)); // (a Cancel before the first frame left it, once)
}

TEST_CASE("An ImageJ .roi dropped onto the window is imported into the ROI list",
          "[app][imagej-roi]")
{
    const auto dir = test::scratchDir("app_roi_drop");
    ImageJRoi rect;
    rect.name = "box";
    rect.type = ImageJRoiType::Rectangle;
    rect.xPx = 10;
    rect.yPx = 20;
    rect.widthPx = 30;
    rect.heightPx = 15;
    writeImageJRoi(rect, dir / "box.roi");

    app::MainWindow window;
    app::Document* document = window.document();
    Project project;
    loadDocument(*document, project);
    const int before = document->roiCount();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(qPath(dir / "box.roi"))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    CHECK(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    REQUIRE(document->roiCount() == before + 1);
    const Roi& added = document->roi(before);
    CHECK(added.name == "box");
    CHECK(document->movie() != nullptr); // the movie stays open: the drop was not an Open
}
