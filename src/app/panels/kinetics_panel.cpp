#include "panels/kinetics_panel.h"

#include "document/commands/result_commands.h"
#include "document/commands/value_commands.h"
#include "document/document.h"
#include "document/undo_step.h"
#include "exports.h"
#include "panels/fit_warnings.h"
#include "panels/front_series.h"

#include "kinetics_plot.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
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

namespace insitu::app {

namespace {
QString number(double value)
{
    return QString::number(value, 'g', 4);
}

/// The fronts as plotted: failed fits are not drawn as curves.
FrontResult plottable(const FrontResult& result)
{
    FrontResult shown = result;
    for (FrontTrack& track : shown.fronts)
        if (track.fit && !fitSucceeded(*track.fit))
            track.fit.reset();
    return shown;
}

void setWarningStyle(QLabel* label, const char* background)
{
    label->setStyleSheet(QStringLiteral("QLabel { background: %1; color: black; padding: 4px; "
                                        "border-radius: 3px; }")
                             .arg(QLatin1String(background)));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
}
} // namespace

KineticsPanel::KineticsPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_model(new QComboBox(this)),
      m_formula(new QLineEdit(this)), m_window(new QLabel(this)), m_stale(new QLabel(this)),
      m_rerun(new QPushButton(this)), m_warnings(new QLabel(this)), m_verdict(new QLabel(this)),
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
    auto* exportCsv = new QPushButton(tr("Export CSV…"), this);
    exportCsv->setToolTip(
        tr("Every fit of the project, one row per parameter (as `insitu export`)"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setWarningStyle(m_stale, "#f0e442");
    setWarningStyle(m_warnings, "#f5c48a");

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Model"), this));
    top->addWidget(m_model);
    top->addWidget(m_formula, 1);
    top->addWidget(m_window);
    top->addWidget(fullRange);
    auto* staleRow = new QHBoxLayout;
    staleRow->addWidget(m_stale, 1);
    staleRow->addWidget(m_rerun);
    m_plot->setMinimumHeight(200);
    m_table->setColumnCount(7);
    m_table->setHorizontalHeaderLabels({tr("Front"), tr("Model"), tr("Parameter"), tr("Value"),
                                        tr("± SE"), tr("95 % CI"), tr("Interval")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_verdict);
    rightLayout->addWidget(m_warnings);
    rightLayout->addWidget(m_table, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(copy);
    buttons->addWidget(exportCsv);
    rightLayout->addLayout(buttons);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_plot);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(staleRow);
    layout->addWidget(splitter, 1);

    connect(m_model, &QComboBox::currentIndexChanged, this, [this] {
        m_formula->setEnabled(modelName() == QLatin1String("formula"));
        if (m_updating)
            return;
        FrontFitSettings settings = m_document->frontSettings().fit;
        settings.model = modelName().toStdString();
        applyFit(settings);
    });
    connect(m_formula, &QLineEdit::editingFinished, this, [this] {
        if (m_updating)
            return;
        FrontFitSettings settings = m_document->frontSettings().fit;
        settings.formula = m_formula->text().toStdString();
        applyFit(settings);
    });
    connect(document, &Document::frontSettingsChanged, this, [this] {
        syncControls();
        refreshStale();
    });
    connect(fullRange, &QPushButton::clicked, this,
            [this] { setWindow(std::nullopt, std::nullopt); });
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(tableText()); });
    connect(exportCsv, &QPushButton::clicked, this, &KineticsPanel::exportCsv);
    connect(m_rerun, &QPushButton::clicked, this, [this] {
        if (!m_document->frontsStaleReasons(m_roiId).isEmpty())
            emit retrackRequested(m_roiId);
        else
            refit();
    });
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
    // Inputs of the fits: a change flags them stale.
    connect(document, &Document::calibrationChanged, this, &KineticsPanel::refresh);
    connect(document, &Document::driftChanged, this, &KineticsPanel::refreshStale);
    connect(document, &Document::roiChanged, this, &KineticsPanel::refreshStale);
    connect(document, &Document::roiRemoved, this, [this] {
        if (m_document->roiIndex(m_roiId) < 0)
            setRoiId(0);
    });
    // A project opens with its results on screen.
    connect(document, &Document::movieChanged, this,
            [this] { setRoiId(m_document->firstRoiWithFronts()); });
    refresh();
}

QString KineticsPanel::modelName() const
{
    return m_model->currentData().toString();
}

void KineticsPanel::setRoiId(int roiId)
{
    m_roiId = roiId;
    m_fitMessages.clear();
    refresh();
}

void KineticsPanel::setModel(const QString& model, const QString& formula)
{
    FrontFitSettings settings = m_document->frontSettings().fit;
    settings.model = model.toStdString();
    settings.formula = formula.toStdString();
    applyFit(settings);
}

void KineticsPanel::setWindow(std::optional<double> startS, std::optional<double> endS)
{
    FrontFitSettings settings = m_document->frontSettings().fit;
    settings.windowStartS = startS;
    settings.windowEndS = endS;
    applyFit(settings);
}

void KineticsPanel::refit()
{
    applyFit(m_document->frontSettings().fit);
}

void KineticsPanel::applyFit(const FrontFitSettings& settings)
{
    // One user action, one undo step: the settings (saved with the project) and the fits.
    const bool newSettings =
        m_document->projectMovie() != nullptr && settings != m_document->frontSettings().fit;
    std::optional<ProjectFronts> fronts;
    std::optional<FrontsInputs> inputs;
    const ProjectFronts* current = m_document->fronts(m_roiId);
    const bool formulaMissing = settings.model == "formula" && settings.formula.empty();
    if (current && !current->result.fronts.empty() && !formulaMissing) {
        fronts = *current;
        const FitOptions options = fitOptionsOf(settings);
        const int frameCount =
            m_document->projectMovie() ? m_document->projectMovie()->frameCount : 0;
        m_fitMessages =
            fitAllFronts(fronts->result, m_document->calibration(), frameCount, options);
        // The fits are now made with today's calibration; the fronts keep their own inputs.
        const FrontsInputs* used = m_document->frontsInputs(m_roiId);
        inputs = used ? *used : m_document->currentFrontsInputs(m_roiId);
        inputs->fitCalibration = m_document->calibration();
        if (*fronts == *current && used && *inputs == *used)
            fronts.reset();
    }
    if (!newSettings && !fronts) {
        refresh();
        return;
    }
    const UndoStep step(m_document->undoStack(), tr("Fit kinetics"));
    if (newSettings)
        m_document->undoStack()->push(new ChangeFrontFit(m_document, settings));
    if (fronts)
        m_document->undoStack()->push(new SetFronts(
            m_document, m_roiId, *fronts, tr("Fit kinetics"), inputs, SetFronts::Kind::Fit));
}

void KineticsPanel::refresh()
{
    const ProjectFronts* fronts = m_document->fronts(m_roiId);
    syncControls();
    refreshStale();
    refreshTable(fronts);
}

void KineticsPanel::syncControls()
{
    // The controls show the Document's fit settings: what the stored fits were made with (one
    // undo step changes both), restored with the project.
    const FrontFitSettings fit = m_document->frontSettings().fit;
    m_updating = true;
    const int index = m_model->findData(QString::fromStdString(fit.model));
    if (index >= 0)
        m_model->setCurrentIndex(index);
    m_formula->setText(QString::fromStdString(fit.formula));
    m_formula->setEnabled(modelName() == QLatin1String("formula"));
    m_windowStartS = fit.windowStartS;
    m_windowEndS = fit.windowEndS;
    m_window->setText(m_windowStartS && m_windowEndS
                          ? tr("window %1–%2").arg(number(*m_windowStartS), number(*m_windowEndS))
                          : QString());
    m_updating = false;
}

QString KineticsPanel::staleText() const
{
    return m_stale->isHidden() ? QString() : m_stale->text();
}

void KineticsPanel::refreshStale()
{
    const QStringList tracking = m_document->frontsStaleReasons(m_roiId);
    const QStringList reasons = m_document->fitsStaleReasons(m_roiId);
    const bool stale = !reasons.isEmpty();
    m_stale->setText(
        stale
            ? tr("Stale: computed from older inputs — %1.").arg(reasons.join(QStringLiteral("; ")))
            : QString());
    m_stale->setVisible(stale);
    m_rerun->setText(tracking.isEmpty() ? tr("Refit") : tr("Re-track and refit"));
    m_rerun->setVisible(stale);
    refreshPlot(m_document->fronts(m_roiId));
}

void KineticsPanel::refreshPlot(const ProjectFronts* fronts)
{
    const int frameCount = m_document->projectMovie()    ? m_document->projectMovie()->frameCount
                           : fronts && fronts->kymograph ? fronts->kymograph->rows
                                                         : 0;
    const FrontResult shown = fronts ? plottable(fronts->result) : FrontResult{};
    plot::fillKineticsPlot(*m_plot, shown, m_document->calibration(), frameCount);
    if (shown.fronts.empty()) {
        // Nothing to show: no axes of a previous movie or ROI stay.
        m_plot->xAxis->setRange(0, 1);
        m_plot->yAxis->setRange(0, 1);
        m_plot->legend->setVisible(false);
    }
    if (m_windowStartS && m_windowEndS) {
        auto* rect = new QCPItemRect(m_plot);
        rect->topLeft->setCoords(*m_windowStartS, m_plot->yAxis->range().upper);
        rect->bottomRight->setCoords(*m_windowEndS, m_plot->yAxis->range().lower);
        rect->setPen(Qt::NoPen);
        rect->setBrush(QColor(86, 180, 233, 40));
    }
    if (!m_stale->isHidden()) {
        auto* label = new QCPItemText(m_plot);
        label->position->setType(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(0.5, 0.5);
        label->setText(tr("STALE"));
        label->setColor(QColor(213, 94, 0, 150));
        QFont font = label->font();
        font.setPointSize(28);
        font.setBold(true);
        label->setFont(font);
    }
    m_plot->replot();
}

void KineticsPanel::refreshTable(const ProjectFronts* fronts)
{
    m_table->setRowCount(0);
    QStringList verdicts;
    // One warning per front from fitWarning (numbered as in the files). The core's messages of
    // the last refit are not shown: insitu::fitFront numbers fronts index + 1.
    QStringList warnings;
    auto addRow = [this](const QStringList& cells) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
    };
    if (fronts) {
        for (const FrontTrack& track : fronts->result.fronts) {
            const QString front = frontLabel(track);
            if (const QString warning = fitWarning(track);
                !warning.isEmpty() && !warnings.contains(warning) &&
                std::none_of(warnings.begin(), warnings.end(), [&](const QString& w) {
                    return w.startsWith(front + QLatin1Char(' ')) ||
                           w.startsWith(front + QLatin1Char(':'));
                }))
                warnings << warning;
            if (!track.fit) {
                addRow({front, QString(), tr("not fitted")});
                continue;
            }
            const FitResult& fit = *track.fit;
            if (!fitSucceeded(fit)) {
                addRow({front, QString::fromStdString(fit.model),
                        tr("fit failed: %1").arg(fitFailure(fit))});
                continue;
            }
            for (const FitParameter& p : fit.params)
                addRow(
                    {front, QString::fromStdString(fit.model), QString::fromStdString(p.name),
                     number(p.value), p.fixed ? tr("fixed") : number(p.standardError),
                     p.fixed ? QString()
                             : QStringLiteral("%1 … %2").arg(number(p.ci95Low), number(p.ci95High)),
                     p.fixed ? QString()
                             : QString::fromStdString(fit.ciMethod.empty() ? fitIntervalMethod(fit)
                                                                           : fit.ciMethod)});
            QString line =
                tr("%1: %2, R² = %3, n = %4")
                    .arg(front)
                    .arg(QString::fromStdString(fit.verdict.empty() ? fit.model : fit.verdict))
                    .arg(fit.r2, 0, 'f', 4)
                    .arg(fit.pointCount);
            if (fit.deltaAic)
                line += tr(", ΔAIC = %1").arg(*fit.deltaAic, 0, 'f', 1);
            verdicts << line;
        }
    }
    m_table->resizeColumnsToContents();
    m_verdict->setText(verdicts.isEmpty()
                           ? (fronts ? tr("No fit shown.") : tr("No fit yet: track fronts first."))
                           : verdicts.join(QLatin1Char('\n')));
    m_warnings->setText(warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!warnings.isEmpty());
}

QString KineticsPanel::warningText() const
{
    return m_warnings->isHidden() ? QString() : m_warnings->text();
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
    if (!warningText().isEmpty())
        lines << warningText();
    if (!staleText().isEmpty())
        lines << staleText();
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void KineticsPanel::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the fit table"),
                                                      QStringLiteral("fit_parameters.csv"),
                                                      tr("CSV tables (*.csv)"));
    if (path.isEmpty())
        return;
    try {
        exportFitTableCsv(*m_document, m_roiId, path);
    } catch (const insitu::Error& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
}

} // namespace insitu::app
