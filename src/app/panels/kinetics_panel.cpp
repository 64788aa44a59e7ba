#include "panels/kinetics_panel.h"

#include "document/commands/result_commands.h"
#include "document/document.h"
#include "panels/front_series.h"

#include "insitu/front/front_fit.h"
#include "insitu/kinetics/fit.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace insitu::app {

namespace {
const std::array<QColor, 4> kFrontColours{QColor(0, 158, 115), QColor(213, 94, 0),
                                          QColor(204, 121, 167), QColor(86, 180, 233)};

QString number(double value)
{
    return QString::number(value, 'g', 4);
}
} // namespace

KineticsPanel::KineticsPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_model(new QComboBox(this)),
      m_formula(new QLineEdit(this)), m_window(new QLabel(this)), m_verdict(new QLabel(this)),
      m_plot(new QCustomPlot(this)), m_table(new QTableWidget(this))
{
    m_model->addItem(tr("Automatic (linear vs √t)"), QStringLiteral("auto"));
    m_model->addItem(tr("Linear: L0 + v·t"), QStringLiteral("linear"));
    m_model->addItem(tr("√t: L0 + k·√(t − t0)"), QStringLiteral("parabolic"));
    m_model->addItem(tr("Power: L0 + a·(t − t0)ⁿ"), QStringLiteral("power"));
    m_model->addItem(tr("Formula"), QStringLiteral("formula"));
    m_formula->setPlaceholderText(tr("e.g. L0 + v*t"));
    m_formula->setEnabled(false);
    auto* fullRange = new QPushButton(tr("All points"), this);
    auto* copy = new QPushButton(tr("Copy table"), this);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Model"), this));
    top->addWidget(m_model);
    top->addWidget(m_formula, 1);
    top->addWidget(m_window);
    top->addWidget(fullRange);
    m_plot->setMinimumHeight(200);
    m_plot->xAxis->setLabel(tr("time (s)"));
    m_plot->yAxis->setLabel(tr("front position L (nm)"));
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels(
        {tr("Front"), tr("Model"), tr("Parameter"), tr("Value"), tr("± SE"), tr("95 % CI")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_verdict);
    rightLayout->addWidget(m_table, 1);
    rightLayout->addWidget(copy);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_plot);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_model, &QComboBox::currentIndexChanged, this, [this] {
        m_formula->setEnabled(m_model->currentData().toString() == QLatin1String("formula"));
        if (m_model->currentData().toString() != QLatin1String("formula") || !m_formula->text().isEmpty())
            refit();
    });
    connect(m_formula, &QLineEdit::editingFinished, this, &KineticsPanel::refit);
    connect(fullRange, &QPushButton::clicked, this, [this] { setWindow(std::nullopt, std::nullopt); });
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(tableText()); });
    // Fit window: drag across the time axis with the left button.
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        m_dragStartS = m_plot->xAxis->pixelToCoord(event->position().x());
        m_dragging = true;
    });
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* event) {
        if (!m_dragging)
            return;
        m_dragging = false;
        const double end = m_plot->xAxis->pixelToCoord(event->position().x());
        if (std::abs(end - m_dragStartS) > 1e-9 * (1 + std::abs(end)))
            setWindow(std::min(m_dragStartS, end), std::max(m_dragStartS, end));
    });
    connect(document, &Document::frontsChanged, this, [this](int roiId) {
        if (roiId == m_roiId)
            refresh();
    });
    connect(document, &Document::calibrationChanged, this, &KineticsPanel::refresh);
    connect(document, &Document::movieChanged, this, [this] { setRoiId(0); });
    refresh();
}

void KineticsPanel::setRoiId(int roiId)
{
    m_roiId = roiId;
    refresh();
}

void KineticsPanel::setModel(const QString& model, const QString& formula)
{
    m_formula->setText(formula);
    const int index = m_model->findData(model);
    if (index >= 0 && index != m_model->currentIndex())
        m_model->setCurrentIndex(index);  // refits
    else
        refit();
}

void KineticsPanel::setWindow(std::optional<double> startS, std::optional<double> endS)
{
    m_windowStartS = startS;
    m_windowEndS = endS;
    m_window->setText(startS ? tr("window %1–%2").arg(number(*startS), number(*endS)) : QString());
    refit();
}

void KineticsPanel::refit()
{
    const ProjectFronts* current = m_document->fronts(m_roiId);
    if (!current || current->result.fronts.empty())
        return;
    ProjectFronts fronts = *current;
    const Calibration calibration = m_document->calibration();
    FitOptions options;
    options.model = m_model->currentData().toString().toStdString();
    options.formula = m_formula->text().toStdString();
    options.windowStart = m_windowStartS;
    options.windowEnd = m_windowEndS;
    QStringList problems;
    // The one kinetics-of-fronts path of the core (as `insitu front`): per-frame estimates,
    // the too-few-frames rule and the default interval method.
    int frameCount = 0;
    for (const FrontTrack& track : fronts.result.fronts)
        for (const int frame : track.frames)
            frameCount = std::max(frameCount, frame + 1);
    const auto times = frameTimesS(calibration, frameCount);
    for (FrontTrack& track : fronts.result.fronts) {
        std::string warning;
        track.fit = fitFront(track, times, calibration.nmPerPixel, options, &warning);
        if (!track.fit)
            problems << QString::fromStdString(warning);
    }
    if (fronts != *current)
        m_document->undoStack()->push(new SetFronts(m_document, m_roiId, fronts, tr("Fit kinetics")));
    if (!problems.isEmpty())
        m_verdict->setText(tr("Fit failed — %1").arg(problems.join(QStringLiteral("; "))));
}

void KineticsPanel::refresh()
{
    const ProjectFronts* fronts = m_document->fronts(m_roiId);
    refreshPlot(fronts);
    refreshTable(fronts);
}

void KineticsPanel::refreshPlot(const ProjectFronts* fronts)
{
    m_plot->clearGraphs();
    m_plot->clearItems();
    const Calibration calibration = m_document->calibration();
    QString xUnit = QStringLiteral("s");
    QString yUnit = QStringLiteral("nm");
    if (fronts) {
        for (const FrontTrack& track : fronts->result.fronts) {
            const FrontSeries series = frontSeries(track, calibration);
            xUnit = series.xUnit;
            yUnit = series.yUnit;
            const QColor colour = kFrontColours[static_cast<std::size_t>(track.index) % kFrontColours.size()];
            QCPGraph* points = m_plot->addGraph();
            points->setName(tr("front %1").arg(track.index + 1));
            points->setLineStyle(QCPGraph::lsNone);
            points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, 3.5));
            points->setData(QVector<double>(series.x.begin(), series.x.end()),
                            QVector<double>(series.y.begin(), series.y.end()), true);
            if (!track.fit || track.fit->x.empty())
                continue;
            const auto [from, to] = std::minmax_element(track.fit->x.begin(), track.fit->x.end());
            const FitCurve curve = fitCurve(*track.fit, yUnit.toStdString(),
                                            xUnit == QLatin1String("s") ? "s" : "frame", *from, *to);
            if (curve.x.empty())
                continue;
            const QVector<double> cx(curve.x.begin(), curve.x.end());
            QCPGraph* low = m_plot->addGraph();
            low->removeFromLegend();
            low->setPen(Qt::NoPen);
            low->setData(cx, QVector<double>(curve.low.begin(), curve.low.end()), true);
            QCPGraph* high = m_plot->addGraph();
            high->removeFromLegend();
            high->setPen(Qt::NoPen);
            QColor band = colour;
            band.setAlpha(60);
            high->setBrush(band);
            high->setChannelFillGraph(low);
            high->setData(cx, QVector<double>(curve.high.begin(), curve.high.end()), true);
            QCPGraph* line = m_plot->addGraph();
            line->setName(tr("fit %1 (%2)").arg(track.index + 1).arg(QString::fromStdString(track.fit->model)));
            line->setPen(QPen(colour.darker(130), 2));
            line->setData(cx, QVector<double>(curve.y.begin(), curve.y.end()), true);
        }
    }
    m_plot->xAxis->setLabel(xUnit == QLatin1String("s") ? tr("time (s)") : tr("frame"));
    m_plot->yAxis->setLabel(tr("front position L (%1)").arg(yUnit));
    m_plot->rescaleAxes();
    if (m_windowStartS) {
        auto* rect = new QCPItemRect(m_plot);
        rect->topLeft->setCoords(*m_windowStartS, m_plot->yAxis->range().upper);
        rect->bottomRight->setCoords(*m_windowEndS, m_plot->yAxis->range().lower);
        rect->setPen(Qt::NoPen);
        rect->setBrush(QColor(86, 180, 233, 40));
    }
    m_plot->replot();
}

void KineticsPanel::refreshTable(const ProjectFronts* fronts)
{
    m_table->setRowCount(0);
    QStringList verdicts;
    if (fronts) {
        for (const FrontTrack& track : fronts->result.fronts) {
            if (!track.fit)
                continue;
            const FitResult& fit = *track.fit;
            for (const FitParameter& p : fit.params) {
                const int row = m_table->rowCount();
                m_table->insertRow(row);
                const QStringList cells{QString::number(track.index + 1),
                                        QString::fromStdString(fit.model),
                                        QString::fromStdString(p.name),
                                        number(p.value),
                                        p.fixed ? tr("fixed") : number(p.standardError),
                                        p.fixed ? QString() : QStringLiteral("%1 … %2").arg(number(p.ci95Low), number(p.ci95High))};
                for (int c = 0; c < cells.size(); ++c)
                    m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
            }
            QString line = tr("Front %1: %2, R² = %3, n = %4")
                               .arg(track.index + 1)
                               .arg(QString::fromStdString(fit.verdict.empty() ? fit.model : fit.verdict))
                               .arg(fit.r2, 0, 'f', 4)
                               .arg(fit.pointCount);
            if (fit.deltaAic)
                line += tr(", ΔAIC = %1").arg(*fit.deltaAic, 0, 'f', 1);
            verdicts << line;
        }
    }
    m_table->resizeColumnsToContents();
    m_verdict->setText(verdicts.isEmpty() ? tr("No fit yet: track fronts first.")
                                          : verdicts.join(QLatin1Char('\n')));
}

QString KineticsPanel::tableText() const
{
    QStringList lines;
    QStringList header;
    for (int c = 0; c < m_table->columnCount(); ++c)
        header << m_table->horizontalHeaderItem(c)->text();
    lines << header.join(QLatin1Char('\t'));
    for (int r = 0; r < m_table->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < m_table->columnCount(); ++c)
            cells << (m_table->item(r, c) ? m_table->item(r, c)->text() : QString());
        lines << cells.join(QLatin1Char('\t'));
    }
    lines << m_verdict->text();
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace insitu::app
