// The window's exports use the viewer's display range; File ▸ Export ▸ Figure writes the figure
// of the document's movie through plot::exportFigure.
#include <catch2/catch.hpp>

#include "core/project/project_fixture.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "share_exports.h"
#include "support/test_paths.h"

#include "insitu/io/memory_reader.h"

#include <QImage>
#include <opencv2/videoio.hpp>

using namespace insitu;

namespace {

/// The fixture's first movie with flat frames of grey 7 in memory.
void loadFlatDocument(app::Document& document)
{
    Project project = test::fullProject();
    project.movies.resize(1);
    const ProjectMovie& entry = project.movies.front();
    std::vector<cv::Mat> frames(static_cast<std::size_t>(entry.frameCount),
                                cv::Mat(entry.height, entry.width, CV_16U, cv::Scalar(7)));
    auto movie = std::make_shared<Movie>(
        std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16, entry.fileCalibration));
    document.loadProjectValue(project, movie, QString());
}

} // namespace

TEST_CASE("The movie export uses the viewer's display range, not automatic contrast",
          "[app][render][figure]")
{
    const auto dir = test::scratchDir("app_render_range");
    app::Document document;
    loadFlatDocument(document);
    app::JobRunner jobs;
    const auto file = dir / "movie.avi";
    // grey 7 under the viewer's range 0…14 is mid grey (automatic contrast makes it black)
    REQUIRE(app::startMovieExport(document, jobs, QString::fromStdString(file.string()), false,
                                  std::pair{0.0, 14.0}));
    jobs.waitForFinished();
    cv::VideoCapture in(file.string());
    cv::Mat frame;
    REQUIRE(in.read(frame));
    CHECK(std::abs(frame.at<cv::Vec3b>(frame.rows - 2, 1)[0] - 127) <= 1);
    const RenderOptions automatic = app::windowRenderOptions(document, false);
    CHECK(!automatic.contrastLo);
}

TEST_CASE("File > Export > Figure writes the document's movie with the viewer's range",
          "[app][figure]")
{
    const auto dir = test::scratchDir("app_figure");
    app::Document document;
    loadFlatDocument(document);
    const auto file = dir / "figure.png";
    app::exportWindowFigure(document, QString::fromStdString(file.string()), {0}, false,
                            std::pair{0.0, 14.0}, 85, 100);
    const QImage image(QString::fromStdString(file.string()));
    REQUIRE_FALSE(image.isNull());
    CHECK(image.width() == static_cast<int>(std::lround(85 / 25.4 * 100)));
    // the frame panel starts 2 mm in: its grey is the viewer's mapping of 7 in 0…14
    const QColor grey = image.pixelColor(image.width() / 2, 2 * 100 / 25.4 + 30);
    CHECK(std::abs(grey.red() - 127) <= 2);
    CHECK_THROWS(app::exportWindowFigure(document, QString::fromStdString((dir / "f.jpg").string()),
                                         {0}, false, std::nullopt, 85, 100));
}
