// exportFigure: PNG, SVG and PDF read back; overlay pixels of the frame panels where the specimen
// is (drift-shifted on raw frames, still on corrected ones); bad requests refused.
#include <catch2/catch.hpp>

#include "figure_export.h"

#include "insitu/error.h"
#include "insitu/io/memory_reader.h"
#include "insitu/io/movie.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>

#include <memory>

using namespace insitu;
using insitu::plot::FigureOptions;
using insitu::plot::FigureSummary;

namespace {

constexpr int kWidth = 64;
constexpr int kHeight = 48;

/// Grey frames (100) drifting by (3k, 0) px; a red rectangle ROI (20, 10)–(40, 30) in frame-0
/// coordinates; a particle outline found in each frame's image with its left edge at x = 50.
struct Scene
{
    std::unique_ptr<Movie> movie;
    ProjectMovie pm;
};

Scene makeScene()
{
    Scene s;
    std::vector<cv::Mat> mats(3, cv::Mat(kHeight, kWidth, CV_16U, cv::Scalar(100)));
    Calibration cal;
    cal.nmPerPixel = 0.5;
    cal.frameIntervalS = 2.0;
    s.movie = std::make_unique<Movie>(
        std::make_unique<MemoryMovieReader>(std::move(mats), PixelType::UInt16, cal));
    s.pm.id = 1;
    s.pm.path = "scene.tif";
    DriftResult drift;
    for (int k = 0; k < 3; ++k) {
        drift.dxPx.push_back(3.0 * k);
        drift.dyPx.push_back(0);
    }
    s.pm.drift = ProjectDrift{drift, {}};
    Roi roi;
    roi.id = 1;
    roi.shape = RoiShape::Rectangle;
    roi.points = {{20, 10}, {40, 30}};
    roi.rgb = {255, 0, 0};
    s.pm.rois.push_back(roi);
    ProjectAreas areas;
    AreaTrack track;
    for (int k = 0; k < 3; ++k) {
        track.frames.push_back(k);
        track.outlinesPx.push_back({{50, 20}, {58, 20}, {58, 28}, {50, 28}});
        track.areaRatio.push_back(1.0 + 0.1 * k);
    }
    areas.result.particles.push_back(track);
    s.pm.areas = areas;
    return s;
}

/// Output pixel of image pixel centre (x, y) on frame panel `panel`, at pxPerMm.
QPoint at(const FigureSummary& s, std::size_t panel, double x, double y, double pxPerMm)
{
    const QRectF r = s.panels.at(panel).rectMm;
    const double mmPerImagePx = r.width() / kWidth;
    return {static_cast<int>(std::floor((r.x() + (x + 0.5) * mmPerImagePx) * pxPerMm)),
            static_cast<int>(std::floor((r.y() + (y + 0.5) * mmPerImagePx) * pxPerMm))};
}

/// True when some pixel within ±1 of p is close to rgb.
bool near(const QImage& image, QPoint p, QColor rgb)
{
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
            const QColor c = image.pixelColor(p + QPoint(dx, dy));
            if (std::abs(c.red() - rgb.red()) < 50 && std::abs(c.green() - rgb.green()) < 50 &&
                std::abs(c.blue() - rgb.blue()) < 50)
                return true;
        }
    return false;
}

FigureOptions baseOptions()
{
    FigureOptions o;
    o.frames = {0, 2};
    o.overlays = {"rois", "outlines"};
    o.plots = {"areas"};
    o.contrastLo = 0;
    o.contrastHi = 255;
    o.widthMm = 100;
    o.dpi = 300;
    return o;
}

const QColor kRed(255, 0, 0);
const QColor kOrange(230, 159, 0);
const QColor kGrey(100, 100, 100);

} // namespace

TEST_CASE("Figure PNG: size from mm and dpi, panels lettered, overlays follow the drift",
          "[plot][figure]")
{
    const Scene s = makeScene();
    QTemporaryDir dir;
    const auto file = std::filesystem::path(dir.filePath(QStringLiteral("f.png")).toStdString());
    const FigureSummary summary = plot::exportFigure(*s.movie, s.pm, file, baseOptions());
    REQUIRE(summary.panels.size() == 3);
    CHECK(summary.panels[0].letter == "a");
    CHECK(summary.panels[1].frame == 2);
    CHECK(summary.panels[2].kind == "areas");
    CHECK(summary.panels[2].letter == "c");
    CHECK(*summary.scaleBarNm == Approx(5)); // ≤ 0.2 × 64 px × 0.5 nm
    const QImage image(QString::fromStdString(file.string()));
    REQUIRE_FALSE(image.isNull());
    const double pxPerMm = 300 / 25.4;
    CHECK(image.width() == static_cast<int>(std::lround(100 * pxPerMm)));
    CHECK(image.height() == static_cast<int>(std::lround(summary.heightMm * pxPerMm)));
    CHECK(std::abs(image.dotsPerMeterX() - 11811) <= 2);
    // frame 0 (drift 0): ROI edge at x = 20; frame 2 (drift +6 px): at x = 26, none at 20
    CHECK(near(image, at(summary, 0, 20, 20, pxPerMm), kRed));
    CHECK(near(image, at(summary, 1, 26, 20, pxPerMm), kRed));
    CHECK(near(image, at(summary, 1, 20, 20, pxPerMm), kGrey));
    CHECK(near(image, at(summary, 1, 23, 20, pxPerMm), kGrey)); // inside the box: the frame
    // the outline found in frame 2's image stays at its image place on the raw frame
    CHECK(near(image, at(summary, 1, 50, 24, pxPerMm), kOrange));

    FigureOptions corrected = baseOptions();
    corrected.driftCorrected = true;
    const FigureSummary still = plot::exportFigure(*s.movie, s.pm, file, corrected);
    const QImage stillImage(QString::fromStdString(file.string()));
    CHECK(near(stillImage, at(still, 1, 20, 20, pxPerMm), kRed));
    CHECK(near(stillImage, at(still, 1, 26, 20, pxPerMm), kGrey));
    CHECK(near(stillImage, at(still, 1, 44, 24, pxPerMm), kOrange)); // 50 − d(2)
}

TEST_CASE("Figure SVG and PDF: vector files of the asked page size", "[plot][figure]")
{
    const Scene s = makeScene();
    QTemporaryDir dir;
    const auto svg = std::filesystem::path(dir.filePath(QStringLiteral("f.svg")).toStdString());
    const FigureSummary summary = plot::exportFigure(*s.movie, s.pm, svg, baseOptions());
    QSvgRenderer renderer(QString::fromStdString(svg.string()));
    REQUIRE(renderer.isValid());
    const double unitsPerMm = 96 / 25.4;
    CHECK(renderer.viewBoxF().width() == Approx(100 * unitsPerMm).margin(1));
    // rendered back at 4 × the layout resolution: the drift-shifted ROI edge is there
    const double scale = 4;
    QImage image(static_cast<int>(renderer.viewBoxF().width() * scale),
                 static_cast<int>(renderer.viewBoxF().height() * scale), QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        renderer.render(&painter);
    }
    CHECK(near(image, at(summary, 1, 26, 20, unitsPerMm * scale), kRed));
    CHECK(near(image, at(summary, 1, 20, 20, unitsPerMm * scale), kGrey));
    QFile svgFile(QString::fromStdString(svg.string()));
    REQUIRE(svgFile.open(QIODevice::ReadOnly));
    const QByteArray svgText = svgFile.readAll();
    // one embedded image per frame panel; the overlays and plots are vector elements
    CHECK(svgText.count("<image") == 2);
    CHECK(svgText.count("<polyline") + svgText.count("<path") >= 2);

    const auto pdf = std::filesystem::path(dir.filePath(QStringLiteral("f.pdf")).toStdString());
    plot::exportFigure(*s.movie, s.pm, pdf, baseOptions());
    QFile pdfFile(QString::fromStdString(pdf.string()));
    REQUIRE(pdfFile.open(QIODevice::ReadOnly));
    const QByteArray pdfText = pdfFile.readAll();
    CHECK(pdfText.startsWith("%PDF-"));
    const auto box = QRegularExpression(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"))
                         .match(QString::fromLatin1(pdfText));
    REQUIRE(box.hasMatch());
    CHECK(box.captured(1).toDouble() == Approx(100 / 25.4 * 72).margin(1.5));
    CHECK(box.captured(2).toDouble() == Approx(summary.heightMm / 25.4 * 72).margin(1.5));
}

TEST_CASE("Figure requests without their results are refused, naming the file", "[plot][figure]")
{
    Scene s = makeScene();
    QTemporaryDir dir;
    const auto file = std::filesystem::path(dir.filePath(QStringLiteral("f.png")).toStdString());
    FigureOptions o = baseOptions();
    o.plots = {"kinetics"}; // no fronts
    CHECK_THROWS_WITH(plot::exportFigure(*s.movie, s.pm, file, o),
                      Catch::Contains("f.png") && Catch::Contains("fronts"));
    o = baseOptions();
    o.plots = {"histogram"};
    CHECK_THROWS_AS(plot::exportFigure(*s.movie, s.pm, file, o), Error);
    o = baseOptions();
    o.frames = {3};
    CHECK_THROWS_AS(plot::exportFigure(*s.movie, s.pm, file, o), Error);
    CHECK_THROWS_AS(plot::exportFigure(*s.movie, s.pm,
                                       dir.filePath(QStringLiteral("f.jpg")).toStdString(),
                                       baseOptions()),
                    Error);
    o = baseOptions();
    o.driftCorrected = true;
    s.pm.drift.reset();
    CHECK_THROWS_AS(plot::exportFigure(*s.movie, s.pm, file, o), Error);
    // automatic plots: the movie holds areas only
    o = baseOptions();
    o.plots.clear();
    o.overlays = {"outlines"};
    const auto summary = plot::exportFigure(*s.movie, s.pm, file, o);
    CHECK(summary.panels.back().kind == "areas");
    // frames nearest the times 0 s and 3.1 s (frame interval 2 s): 0 and 2
    o.frames.clear();
    o.timesS = {0, 3.1};
    CHECK(plot::figureFrames(o, 3, s.movie->calibration()) == std::vector<int>{0, 2});
}
