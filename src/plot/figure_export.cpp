// exportFigure: lays out frame and plot panels in millimetres and paints them on a PDF, SVG or
// PNG device (plots by the same fill functions as `insitu export --plots`).

#include "figure_export.h"

#include "area_plot.h"
#include "figure_frame_panel.h"
#include "journal_style.h"
#include "kinetics_plot.h"
#include "kymograph_plot.h"

#include "insitu/error.h"
#include "insitu/io/movie.h"
#include "insitu/render/project_overlays.h"

#include <qcustomplot.h>

#include <QFileInfo>
#include <QPageSize>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

namespace insitu::plot {

namespace {

constexpr double kMmPerInch = 25.4;
constexpr double kLayoutDpi = 96.0; // the plots' layout resolution (as savePlot)
constexpr double kMarginMm = 2.0;
constexpr double kFrameGapMm = 1.5;
constexpr double kRowGapMm = 3.0;
constexpr double kPlotGapMm = 3.0;
constexpr double kLetterBandMm = 4.5; // above each plot, for its letter
constexpr double kMaxPlotHeightMm = 60.0;
constexpr double kScaleBarMaxFraction = 0.2; // of the frame width, as the movies
constexpr int kMaxFramePanels = 8;

const ProjectFronts* chosenFronts(const ProjectMovie& pm, const FigureOptions& o)
{
    for (const auto& f : pm.fronts)
        if (!o.roiId || f.result.roiId == *o.roiId)
            return &f;
    return nullptr;
}

/// The plots to draw: as asked (each must have its result), or all the movie holds.
std::vector<std::string> chosenPlots(const ProjectMovie& pm, const FigureOptions& o,
                                     const std::string& where)
{
    const ProjectFronts* fronts = chosenFronts(pm, o);
    if (o.plots.empty()) {
        std::vector<std::string> plots;
        if (fronts != nullptr && fronts->kymograph)
            plots.emplace_back("kymograph");
        if (fronts != nullptr)
            plots.emplace_back("kinetics");
        if (pm.areas)
            plots.emplace_back("areas");
        return plots;
    }
    for (const auto& name : o.plots) {
        if (name == "kinetics" || name == "kymograph") {
            if (fronts == nullptr)
                throw Error(where + "the " + name + " plot needs fronts" +
                            (o.roiId ? " on ROI " + std::to_string(*o.roiId) : std::string()) +
                            " in the project (insitu front --project)");
            if (name == "kymograph" && !fronts->kymograph)
                throw Error(where + "the project stores no kymograph for these fronts");
        } else if (name == "areas") {
            if (!pm.areas)
                throw Error(where + "the areas plot needs an areas result (insitu area --project)");
        } else {
            throw Error(where + "unknown plot '" + name + "' (use kymograph, kinetics, areas)");
        }
    }
    return o.plots;
}

QString letterOf(std::size_t index)
{
    return QString(QChar(static_cast<char16_t>(u'a' + static_cast<int>(index % 26))));
}

QString lengthLabel(double nm)
{
    return nm >= 1000 ? QStringLiteral("%1 µm").arg(nm / 1000) : QStringLiteral("%1 nm").arg(nm);
}

/// Page layout and painting of every panel on a QCPPainter in units of unitsPerMm.
class FigurePainter
{
public:
    FigurePainter(const Movie& movie, const ProjectMovie& pm, const FigureOptions& o,
                  const std::string& where)
        : m_movie(movie), m_pm(pm), m_o(o), m_cal(o.calibration.value_or(movie.calibration()))
    {
        try {
            m_frames = figureFrames(o, movie.frameCount(), m_cal);
        } catch (const Error& e) {
            throw Error(where + e.what());
        }
        m_plots = chosenPlots(pm, o, where);
        if (pm.drift)
            m_drift = &pm.drift->result;
        if (o.driftCorrected && (m_drift == nullptr || m_drift->frameCount() < movie.frameCount()))
            throw Error(where + "drift-corrected frames need the movie's drift (insitu drift "
                                "--project)");
        if (!(o.widthMm >= 40 && o.widthMm <= 1000))
            throw Error(where + "the figure width must be 40–1000 mm");
        m_overlays = projectOverlays(pm, o.overlays);
        m_render.driftCorrected = o.driftCorrected;
        m_render.contrastLo = o.contrastLo;
        m_render.contrastHi = o.contrastHi;
        m_range = renderDisplayRange(movie, m_frames.front(), m_render);
        layout();
    }

    [[nodiscard]] const FigureSummary& summary() const { return m_summary; }

    void paint(QCPPainter& painter, double unitsPerMm, bool vector) const
    {
        std::size_t panel = 0;
        for (; panel < m_frames.size(); ++panel)
            paintFrame(painter, panel, unitsPerMm);
        for (const auto& name : m_plots)
            paintPlot(painter, name, m_summary.panels[panel++], unitsPerMm, vector);
    }

private:
    void layout()
    {
        const double w = m_o.widthMm;
        const auto n = static_cast<double>(m_frames.size());
        const double frameW = (w - 2 * kMarginMm - (n - 1) * kFrameGapMm) / n;
        const double frameH = frameW * m_movie.height() / std::max(1, m_movie.width());
        double y = kMarginMm;
        for (std::size_t i = 0; i < m_frames.size(); ++i)
            m_summary.panels.push_back(
                {letterOf(i).toStdString(), "frame", m_frames[i],
                 QRectF(kMarginMm + static_cast<double>(i) * (frameW + kFrameGapMm), y, frameW,
                        frameH)});
        y += frameH;
        if (!m_plots.empty()) {
            const auto m = static_cast<double>(m_plots.size());
            const double plotW = (w - 2 * kMarginMm - (m - 1) * kPlotGapMm) / m;
            const double plotH = std::min(plotW * 0.75, kMaxPlotHeightMm);
            y += kRowGapMm;
            for (std::size_t i = 0; i < m_plots.size(); ++i)
                m_summary.panels.push_back(
                    {letterOf(m_frames.size() + i).toStdString(), m_plots[i], std::nullopt,
                     QRectF(kMarginMm + static_cast<double>(i) * (plotW + kPlotGapMm), y, plotW,
                            plotH + kLetterBandMm)});
            y += plotH + kLetterBandMm;
        }
        m_summary.widthMm = w;
        m_summary.heightMm = y + kMarginMm;
        if (m_o.scaleBar && m_cal.nmPerPixel)
            m_summary.scaleBarNm =
                scaleBarLengthNm(kScaleBarMaxFraction * m_movie.width() * *m_cal.nmPerPixel);
    }

    static QRectF scaled(const QRectF& mm, double unitsPerMm)
    {
        return {mm.x() * unitsPerMm, mm.y() * unitsPerMm, mm.width() * unitsPerMm,
                mm.height() * unitsPerMm};
    }

    void paintFrame(QCPPainter& painter, std::size_t index, double unitsPerMm) const
    {
        const int k = m_frames[index];
        const cv::Mat grey = displayFrameGrey(m_movie, k, m_render, m_drift, m_range);
        FramePanelContent content;
        content.grey = QImage(grey.data, grey.cols, grey.rows, static_cast<qsizetype>(grey.step),
                              QImage::Format_Grayscale8)
                           .copy();
        if (!m_overlays.layers.empty())
            content.shapes = placeOverlays(m_overlays(k), k, m_drift, m_o.driftCorrected);
        if (m_summary.scaleBarNm) {
            content.scaleBarPx = *m_summary.scaleBarNm / *m_cal.nmPerPixel;
            content.scaleBarLabel = lengthLabel(*m_summary.scaleBarNm);
        }
        if (m_o.timestamp) {
            const auto t = m_cal.timeOfFrameS(k);
            content.stamp =
                t ? QStringLiteral("t = %1").arg(QString::fromStdString(formatClock(*t)))
                  : QStringLiteral("frame %1").arg(k);
        }
        content.letter = letterOf(index);
        paintFramePanel(painter, scaled(m_summary.panels[index].rectMm, unitsPerMm), content,
                        unitsPerMm);
    }

    void paintPlot(QCPPainter& painter, const std::string& name, const FigurePanel& panel,
                   double unitsPerMm, bool vector) const
    {
        QCustomPlot plot;
        const ProjectFronts* fronts = chosenFronts(m_pm, m_o);
        if (name == "kinetics") {
            KineticsPlotOptions options;
            options.markers = m_pm.markers;
            fillKineticsPlot(plot, fronts->result, m_cal, m_movie.frameCount(), options);
        } else if (name == "kymograph") {
            fillKymographPlot(plot, *fronts->kymograph, fronts->result, m_cal,
                              fronts->kymographStepPx);
        } else {
            fillAreaPlot(plot, m_pm.areas->result, m_cal, m_movie.frameCount());
        }
        const QRectF rect = scaled(panel.rectMm, unitsPerMm);
        const double layoutPerUnit = kLayoutDpi / kMmPerInch / unitsPerMm;
        const int widthL = static_cast<int>(std::lround(rect.width() * layoutPerUnit));
        const int heightL = static_cast<int>(
            std::lround((rect.height() - kLetterBandMm * unitsPerMm) * layoutPerUnit));
        plot.setGeometry(0, 0, widthL, heightL);
        plot.replot(QCustomPlot::rpImmediateRefresh);
        painter.save();
        painter.translate(rect.left(), rect.top() + kLetterBandMm * unitsPerMm);
        painter.scale(1 / layoutPerUnit, 1 / layoutPerUnit);
        if (vector) {
            painter.setMode(QCPPainter::pmVectorized);
            painter.setMode(QCPPainter::pmNoCaching);
            painter.setMode(QCPPainter::pmNonCosmetic);
        }
        plot.toPainter(&painter, widthL, heightL);
        painter.restore();
        QFont letter = journalFont(10);
        letter.setBold(true);
        letter.setPixelSize(
            std::max(1, static_cast<int>(std::lround(10.0 * kMmPerInch / 72.0 * unitsPerMm))));
        painter.save();
        painter.setFont(letter);
        painter.setPen(Qt::black);
        painter.drawText(QPointF(rect.left(), rect.top() + QFontMetricsF(letter).ascent()),
                         QString::fromStdString(panel.letter));
        painter.restore();
    }

    const Movie& m_movie;
    const ProjectMovie& m_pm;
    const FigureOptions& m_o;
    Calibration m_cal;
    std::vector<int> m_frames;
    std::vector<std::string> m_plots;
    const DriftResult* m_drift = nullptr;
    ProjectOverlays m_overlays;
    RenderOptions m_render;
    DisplayRange m_range;
    FigureSummary m_summary;
};

void writePng(const FigurePainter& figure, FigureSummary& s, const QString& file, int dpi)
{
    if (dpi < 50 || dpi > 2400)
        throw Error(file.toStdString() + ": the resolution must be 50–2400 dpi");
    const double unitsPerMm = dpi / kMmPerInch;
    s.widthPx = static_cast<int>(std::lround(s.widthMm * unitsPerMm));
    s.heightPx = static_cast<int>(std::lround(s.heightMm * unitsPerMm));
    QImage image(s.widthPx, s.heightPx, QImage::Format_RGB32);
    image.fill(Qt::white);
    const int layoutDotsPerMeter = qRound(kLayoutDpi / 0.0254); // point fonts of the plots
    image.setDotsPerMeterX(layoutDotsPerMeter);
    image.setDotsPerMeterY(layoutDotsPerMeter);
    {
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        figure.paint(painter, unitsPerMm, false);
    }
    image.setDotsPerMeterX(qRound(dpi / 0.0254));
    image.setDotsPerMeterY(qRound(dpi / 0.0254));
    if (!image.save(file, "PNG"))
        throw Error(file.toStdString() + ": could not write the figure");
}

void writePdf(const FigurePainter& figure, const FigureSummary& s, const QString& file)
{
    QPdfWriter writer(file);
    writer.setPageSize(QPageSize(QSizeF(s.widthMm, s.heightMm), QPageSize::Millimeter));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(static_cast<int>(kLayoutDpi));
    writer.setCreator(QStringLiteral("insitu"));
    QCPPainter painter;
    if (!painter.begin(&writer))
        throw Error(file.toStdString() + ": could not write the figure");
    painter.setRenderHint(QPainter::Antialiasing);
    figure.paint(painter, kLayoutDpi / kMmPerInch, true);
    if (!painter.end())
        throw Error(file.toStdString() + ": could not write the figure");
}

void writeSvg(const FigurePainter& figure, const FigureSummary& s, const QString& file)
{
    const double unitsPerMm = kLayoutDpi / kMmPerInch;
    const QSize size(static_cast<int>(std::lround(s.widthMm * unitsPerMm)),
                     static_cast<int>(std::lround(s.heightMm * unitsPerMm)));
    QSvgGenerator generator;
    generator.setFileName(file);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setResolution(static_cast<int>(kLayoutDpi));
    generator.setTitle(QStringLiteral("insitu figure"));
    QCPPainter painter;
    if (!painter.begin(&generator))
        throw Error(file.toStdString() + ": could not write the figure");
    painter.setRenderHint(QPainter::Antialiasing);
    figure.paint(painter, unitsPerMm, true);
    if (!painter.end())
        throw Error(file.toStdString() + ": could not write the figure");
}

} // namespace

std::vector<int> figureFrames(const FigureOptions& o, int frameCount, const Calibration& cal)
{
    std::vector<int> frames = o.frames;
    if (frames.empty() && !o.timesS.empty()) {
        if (!cal.timeOfFrameS(0))
            throw Error("figure times need frame times (give --frame-interval-s, or use frames)");
        for (const double t : o.timesS) {
            int best = 0;
            for (int k = 1; k < frameCount; ++k)
                if (std::fabs(*cal.timeOfFrameS(k) - t) < std::fabs(*cal.timeOfFrameS(best) - t))
                    best = k;
            frames.push_back(best);
        }
    }
    if (frames.empty()) {
        frames = {0, (frameCount - 1) / 2, frameCount - 1};
        frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
    }
    if (frames.size() > static_cast<std::size_t>(kMaxFramePanels))
        throw Error("a figure shows at most " + std::to_string(kMaxFramePanels) + " frames");
    for (const int k : frames)
        if (k < 0 || k >= frameCount)
            throw Error("figure frame " + std::to_string(k) +
                        " is not within the movie's 0:" + std::to_string(frameCount - 1));
    return frames;
}

FigureSummary exportFigure(const Movie& movie, const ProjectMovie& projectMovie,
                           const std::filesystem::path& path, const FigureOptions& options)
{
    const QString file = QString::fromStdString(path.string());
    const QString suffix = QFileInfo(file).suffix().toLower();
    const std::string where = path.string() + ": ";
    if (suffix != QLatin1String("pdf") && suffix != QLatin1String("svg") &&
        suffix != QLatin1String("png"))
        throw Error(where + "unknown figure format (use .pdf, .svg or .png)");
    const FigurePainter figure(movie, projectMovie, options, where);
    FigureSummary summary = figure.summary();
    summary.path = path;
    if (suffix == QLatin1String("png"))
        writePng(figure, summary, file, options.dpi);
    else if (suffix == QLatin1String("pdf"))
        writePdf(figure, summary, file);
    else
        writeSvg(figure, summary, file);
    return summary;
}

} // namespace insitu::plot
