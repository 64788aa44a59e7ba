// FftPanel: widgets, the live analysis job, regions and maps into the project, stale marks.

#include "panels/fft_panel.h"

#include "document/commands/analysis_settings_commands.h"
#include "document/commands/crystal_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"

#include "fft_plot.h"

#include "insitu/crystal/crystallinity_map.h"
#include "insitu/error.h"
#include "insitu/export/crystal_options_json.h"
#include "insitu/project/fft_project_result.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace insitu::app {

namespace {

/// The options JSON stored with a result: the settings and the pixel size they were made at.
std::string storedOptionsJson(nlohmann::json json, std::optional<double> nmPerPixel)
{
    json["pixel_size_nm"] = nmPerPixel ? nlohmann::json(*nmPerPixel) : nlohmann::json(nullptr);
    return json.dump();
}

/// The pixel size a stored result was made at, when its options JSON records it.
std::optional<std::optional<double>> madeAtNmPerPixel(const std::string& optionsJson)
{
    const auto json = nlohmann::json::parse(optionsJson, nullptr, false);
    if (!json.is_object() || !json.contains("pixel_size_nm"))
        return std::nullopt;
    const auto& v = json["pixel_size_nm"];
    return v.is_number() ? std::optional<double>(v.get<double>()) : std::optional<double>();
}

QString nmText(std::optional<double> nm)
{
    return nm ? QStringLiteral("%1 nm/px").arg(*nm, 0, 'g', 5) : QStringLiteral("uncalibrated");
}

QString regionText(const ProjectFftRegion& r)
{
    QString where = QString::fromStdString(r.regionKind);
    if (r.roiId)
        where += QStringLiteral(" (ROI %1)").arg(*r.roiId);
    else if (r.regionKind == "rectangle" && r.regionPx.size() == 4)
        where += QStringLiteral(" %1,%2 %3×%4")
                     .arg(r.regionPx[0])
                     .arg(r.regionPx[1])
                     .arg(r.regionPx[2])
                     .arg(r.regionPx[3]);
    return QObject::tr("frame %1, %2: %3 peaks").arg(r.frame).arg(where).arg(r.peaks.size());
}

} // namespace

FftPanel::FftPanel(Document* document, JobRunner* jobs, QWidget* parent)
    : QWidget(parent), m_document(document), m_jobs(jobs), m_region(new QComboBox(this)),
      m_window(new QComboBox(this)), m_maxPeaks(new QSpinBox(this)),
      m_tolerance(new QDoubleSpinBox(this)), m_dListButton(new QPushButton(tr("Load…"), this)),
      m_dListLabel(new QLabel(tr("none"), this)), m_live(new QCheckBox(tr("Live"), this)),
      m_add(new QPushButton(tr("Add to project"), this)),
      m_mapButton(new QPushButton(tr("Crystallinity map"), this)), m_status(new QLabel(this)),
      m_stale(new QLabel(this)), m_rerun(new QPushButton(tr("Re-run"), this)),
      m_spectrum(new QCustomPlot(this)), m_profile(new QCustomPlot(this)),
      m_peaks(new QTableWidget(this)), m_stored(new QListWidget(this)), m_map(new QLabel(this)),
      m_debounce(new QTimer(this))
{
    const FftOptions defaults;
    for (FftTaper t : {FftTaper::Hann, FftTaper::Tukey, FftTaper::None})
        m_window->addItem(QString::fromUtf8(fftTaperName(t)), static_cast<int>(t));
    m_window->setCurrentIndex(m_window->findData(static_cast<int>(defaults.spectrum.taper)));
    m_maxPeaks->setRange(1, 64);
    m_maxPeaks->setValue(defaults.peaks.maxPeaks);
    m_tolerance->setRange(0.0, 0.5);
    m_tolerance->setDecimals(3);
    m_tolerance->setSingleStep(0.005);
    m_tolerance->setValue(defaults.matchTolerance);
    m_tolerance->setToolTip(tr("A peak matches a reflection when |d − d_ref| ≤ tolerance × d_ref"));
    m_dListButton->setToolTip(tr("Known reflections CSV: phase,hkl,d_nm"));
    m_live->setChecked(true);
    m_live->setToolTip(tr("Analyse again when the region, the frame or a setting changes"));
    m_stale->setWordWrap(true);
    m_stale->setStyleSheet(QStringLiteral(
        "QLabel { background: #f0e442; color: black; padding: 4px; border-radius: 3px; }"));
    m_stale->setVisible(false);
    m_status->setWordWrap(true);
    m_map->setWordWrap(true);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    m_region->setObjectName(QStringLiteral("fftRegion"));
    m_window->setObjectName(QStringLiteral("fftWindow"));
    m_maxPeaks->setObjectName(QStringLiteral("fftMaxPeaks"));
    m_tolerance->setObjectName(QStringLiteral("fftTolerance"));
    m_live->setObjectName(QStringLiteral("fftLive"));
    m_peaks->setColumnCount(4);
    m_peaks->setHorizontalHeaderLabels(
        {tr("d (nm)"), tr("± σ (nm)"), tr("FWHM (nm⁻¹)"), tr("Reflection")});
    m_peaks->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_peaks->verticalHeader()->setVisible(false);
    m_peaks->horizontalHeader()->setStretchLastSection(true);
    m_spectrum->setMinimumHeight(260);
    m_profile->setMinimumHeight(160);
    m_stored->setMaximumHeight(80);

    auto* dListRow = new QHBoxLayout;
    dListRow->addWidget(m_dListLabel, 1);
    dListRow->addWidget(m_dListButton);
    auto* form = new QFormLayout;
    form->addRow(tr("Region"), m_region);
    form->addRow(tr("Window"), m_window);
    form->addRow(tr("Peaks"), m_maxPeaks);
    form->addRow(tr("Match tolerance"), m_tolerance);
    form->addRow(tr("d-list"), dListRow);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_live);
    runRow->addWidget(m_add, 1);
    runRow->addWidget(m_mapButton, 1);
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(form);
    topLayout->addLayout(runRow);
    topLayout->addWidget(m_status);
    auto* staleRow = new QHBoxLayout;
    staleRow->addWidget(m_stale, 1);
    staleRow->addWidget(m_rerun);
    topLayout->addLayout(staleRow);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_spectrum);
    splitter->addWidget(m_profile);
    splitter->addWidget(m_peaks);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(new QLabel(tr("In the project:"), this));
    layout->addWidget(m_stored);
    layout->addWidget(m_map);
    splitter->addWidget(createSpotWidgets());

    connect(m_region, &QComboBox::currentIndexChanged, this, &FftPanel::scheduleAnalysis);
    // The options live in the Document: a widget edit is one ChangeFftSettings step, and the
    // Document's change (an edit, its undo, a project opened) starts the analysis.
    connect(m_window, &QComboBox::currentIndexChanged, this, &FftPanel::pushSettings);
    connect(m_maxPeaks, &QSpinBox::valueChanged, this, &FftPanel::pushSettings);
    connect(m_tolerance, &QDoubleSpinBox::valueChanged, this, &FftPanel::pushSettings);
    connect(document, &Document::fftSettingsChanged, this, [this] {
        const bool optionsChanged = !sameFftRegionSettings(settings(), m_lastSettings);
        m_lastSettings = settings();
        showSettings(m_lastSettings);
        refreshStored();
        drawSpots();
        refreshFiltered();
        if (optionsChanged) // a spot edit filters the shown analysis again, no new analysis
            scheduleAnalysis();
    });
    connect(m_live, &QCheckBox::toggled, this, &FftPanel::scheduleAnalysis);
    connect(m_dListButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Known reflections"), QString(),
                                                          tr("CSV (*.csv)"));
        if (path.isEmpty())
            return;
        try {
            setDList(readDList(path.toStdString()));
            m_dListLabel->setText(tr("%1 (%2 reflections)")
                                      .arg(QFileInfo(path).fileName())
                                      .arg(m_document->fftSettings().region.options.dList.size()));
        } catch (const Error& e) {
            m_status->setText(QString::fromUtf8(e.what()));
        }
    });
    connect(m_debounce, &QTimer::timeout, this, [this] {
        if (!analyse() && m_jobs->isBusy()) // another job runs: try again shortly
            m_debounce->start();
    });
    connect(m_add, &QPushButton::clicked, this, &FftPanel::addToProject);
    connect(m_mapButton, &QPushButton::clicked, this, &FftPanel::runMap);
    connect(m_rerun, &QPushButton::clicked, this, &FftPanel::rerunStored);
    connect(m_stored, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && !m_updating)
            showStoredRegion(row);
    });
    connect(document, &Document::fftChanged, this, &FftPanel::refreshStored);
    connect(document, &Document::calibrationChanged, this, [this] {
        refreshStored();
        scheduleAnalysis();
    });
    connect(document, &Document::movieChanged, this, [this] {
        m_shown.reset();
        m_displayed.reset();
        refreshRegions();
        refreshStored();
        if (m_stored->count() > 0) // the result of the first stored region
            showStoredRegion(0);
    });
    connect(document, &Document::roiInserted, this, &FftPanel::refreshRegions);
    connect(document, &Document::roiRemoved, this, &FftPanel::refreshRegions);
    connect(document, &Document::roiChanged, this, [this](int index) {
        refreshRegions();
        if (index >= 0 && index < m_document->roiCount() &&
            m_document->roi(index).id == m_region->currentData().toInt())
            scheduleAnalysis();
    });
    m_lastSettings = settings(); // a panel made for an open project shows its options
    showSettings(m_lastSettings);
    refreshRegions();
    refreshStored();
}

void FftPanel::setCurrentFrame(int frame)
{
    if (frame == m_frame)
        return;
    m_frame = frame;
    scheduleAnalysis();
}

FftRegionSettings FftPanel::settings() const
{
    // The Document's settings: the core defaults (as `insitu fft` uses them) until edited.
    return m_document->fftSettings().region;
}

void FftPanel::pushSettings()
{
    if (m_updating || !m_document->projectMovie())
        return;
    FftAnalysisSettings s = m_document->fftSettings();
    s.region.options.spectrum.taper = static_cast<FftTaper>(m_window->currentData().toInt());
    s.region.options.peaks.maxPeaks = m_maxPeaks->value();
    // a box shows its value rounded to its decimals: only a box the user changed writes
    const double scale = std::pow(10.0, m_tolerance->decimals());
    if (m_tolerance->value() != std::round(s.region.options.matchTolerance * scale) / scale)
        s.region.options.matchTolerance = m_tolerance->value();
    if (!(s == m_document->fftSettings()))
        m_document->undoStack()->push(new ChangeFftSettings(m_document, s));
}

void FftPanel::setDList(std::vector<DSpacing> dList)
{
    if (!m_document->projectMovie())
        return;
    FftAnalysisSettings s = m_document->fftSettings();
    s.region.options.dList = std::move(dList);
    if (!(s == m_document->fftSettings()))
        m_document->undoStack()->push(new ChangeFftSettings(m_document, s));
}

void FftPanel::showSettings(const FftRegionSettings& settings)
{
    m_updating = true;
    m_window->setCurrentIndex(
        m_window->findData(static_cast<int>(settings.options.spectrum.taper)));
    m_maxPeaks->setValue(settings.options.peaks.maxPeaks);
    m_tolerance->setValue(settings.options.matchTolerance);
    const std::size_t reflections = settings.options.dList.size();
    m_dListLabel->setText(reflections == 0 ? tr("none") : tr("%1 reflections").arg(reflections));
    m_updating = false;
}

bool FftPanel::selectRegion(int roiId)
{
    const int index = m_region->findData(roiId);
    if (index < 0)
        return false;
    m_region->setCurrentIndex(index);
    return true;
}

void FftPanel::scheduleAnalysis()
{
    if (m_updating || !m_live->isChecked() || !m_document->hasMovie())
        return;
    m_debounce->start();
}

std::optional<FftRegion> FftPanel::selectedRegion(QString* error) const
{
    const int roiId = m_region->currentData().toInt();
    if (roiId == 0)
        return FftRegion{};
    const int index = m_document->roiIndex(roiId);
    if (index < 0) {
        *error = tr("ROI %1 is gone").arg(roiId);
        return std::nullopt;
    }
    try {
        return fftRegionOfRoi(m_document->roi(index));
    } catch (const Error& e) {
        *error = QString::fromUtf8(e.what());
        return std::nullopt;
    }
}

bool FftPanel::analyse()
{
    if (!m_document->hasMovie() || m_jobs->isBusy())
        return false;
    QString error;
    const auto region = selectedRegion(&error);
    if (!region) {
        m_status->setText(error);
        return false;
    }
    const auto movie = m_document->movie();
    const int frame = std::clamp(m_frame, 0, movie->frameCount() - 1);
    const Calibration calibration = m_document->calibration();
    const FftRegionSettings s = settings();
    const int roiId = m_region->currentData().toInt();
    return m_jobs->run<Shown>(
        tr("FFT"),
        [movie, frame, fftRegion = *region, calibration, s, roiId](Progress&) {
            Shown shown;
            shown.result = runFftRegion(movie->frameFloat(frame), fftRegion, calibration, s).result;
            shown.region = fftRegion;
            shown.frame = frame;
            shown.roiId = roiId ? std::optional<int>(roiId) : std::nullopt;
            shown.settings = s;
            return shown;
        },
        [this](Shown shown) {
            m_shown = std::move(shown);
            showResult(m_shown->result,
                       tr("Frame %1 (not in the project: Add to keep it)").arg(m_shown->frame));
            m_add->setEnabled(true);
        });
}

bool FftPanel::addToProject()
{
    if (!m_shown || !m_document->projectMovie())
        return false;
    ProjectFft fft = m_document->fft();
    fft.putRegion(projectFftRegion(
        m_shown->result, m_shown->region, m_shown->frame, m_shown->roiId,
        storedOptionsJson(fftRegionSettingsJson(m_shown->settings), m_shown->result.nmPerPixel)));
    m_document->undoStack()->push(new SetFft(m_document, std::move(fft), tr("Add FFT region")));
    return true;
}

bool FftPanel::runMap()
{
    if (!m_document->hasMovie() || m_jobs->isBusy())
        return false;
    const auto movie = m_document->movie();
    const int frame = std::clamp(m_frame, 0, movie->frameCount() - 1);
    const Calibration calibration = m_document->calibration();
    const CrystallinityOptions options;
    const std::string json =
        storedOptionsJson(crystallinityOptionsJson(options), calibration.nmPerPixel);
    return m_jobs->run<ProjectCrystallinityMap>(
        tr("Crystallinity map"),
        [movie, frame, calibration, options, json](Progress& progress) {
            const CrystallinityMap map =
                crystallinityMap(movie->frameFloat(frame), calibration, options, progress);
            return projectCrystallinityMap(map, frame, json);
        },
        [this](ProjectCrystallinityMap map) {
            ProjectFft fft = m_document->fft();
            fft.map = std::move(map);
            m_document->undoStack()->push(
                new SetFft(m_document, std::move(fft), tr("Crystallinity map")));
        });
}

bool FftPanel::rerunStored()
{
    if (!m_document->hasMovie() || m_jobs->isBusy() || m_document->fft().empty())
        return false;
    const auto movie = m_document->movie();
    const Calibration calibration = m_document->calibration();
    const ProjectFft before = m_document->fft();
    const FftRegionSettings current = settings();
    return m_jobs->run<ProjectFft>(
        tr("FFT re-run"),
        [movie, calibration, before, current](Progress& progress) {
            auto frameOf = [&](int frame) {
                if (frame < 0 || frame >= movie->frameCount())
                    throw Error("fft: stored frame " + std::to_string(frame) +
                                " is not in the movie");
                return movie->frameFloat(frame);
            };
            auto optionsOf = [](const std::string& text) { // unreadable: the defaults
                auto json = nlohmann::json::parse(text, nullptr, false);
                return json.is_object() ? json : nlohmann::json::object();
            };
            ProjectFft after;
            for (const ProjectFftRegion& r : before.regions) { // with the panel's options
                const FftRegion region = storedFftRegion(r);
                const FftRegionRun run =
                    runFftRegion(frameOf(r.frame), region, calibration, current);
                after.regions.push_back(projectFftRegion(
                    run.result, region, r.frame, r.roiId,
                    storedOptionsJson(fftRegionSettingsJson(current), run.result.nmPerPixel)));
            }
            if (before.map) {
                const auto json = optionsOf(before.map->optionsJson);
                const CrystallinityMap map =
                    crystallinityMap(frameOf(before.map->frame), calibration,
                                     crystallinityOptionsFromJson(json), progress);
                after.map = projectCrystallinityMap(
                    map, before.map->frame, storedOptionsJson(json, calibration.nmPerPixel));
            }
            return after;
        },
        [this](ProjectFft after) {
            m_document->undoStack()->push(
                new SetFft(m_document, std::move(after), tr("Re-run FFT results")));
        });
}

void FftPanel::showStoredRegion(int index)
{
    const auto& regions = m_document->fft().regions;
    if (index < 0 || index >= static_cast<int>(regions.size()))
        return;
    m_shown.reset();
    m_add->setEnabled(false);
    const ProjectFftRegion& stored = regions[static_cast<std::size_t>(index)];
    showResult(storedFftResult(stored, m_document->calibration().nmPerPixel),
               tr("In the project: %1").arg(regionText(stored)));
}

QString FftPanel::staleText() const
{
    const ProjectFft& fft = m_document->fft();
    const std::optional<double> now = m_document->calibration().nmPerPixel;
    QStringList reasons;
    auto check = [&](const std::string& json, const QString& what) {
        if (const auto made = madeAtNmPerPixel(json); made && *made != now)
            reasons << tr("%1 was made at %2, the movie is now at %3")
                           .arg(what, nmText(*made), nmText(now));
    };
    const FftRegionSettings current = settings();
    for (std::size_t i = 0; i < fft.regions.size(); ++i) {
        check(fft.regions[i].optionsJson, tr("Region %1").arg(i + 1));
        const auto json = nlohmann::json::parse(fft.regions[i].optionsJson, nullptr, false);
        bool same = false;
        try {
            same =
                json.is_object() && sameFftRegionSettings(fftRegionSettingsFromJson(json), current);
        } catch (const Error&) {
            // unreadable options: not the panel's
        }
        if (!same)
            reasons << tr("Region %1 was made with other options than the panel's").arg(i + 1);
    }
    if (fft.map)
        check(fft.map->optionsJson, tr("The crystallinity map"));
    return reasons.join(QLatin1Char('\n'));
}

void FftPanel::showResult(const FftResult& result, const QString& status)
{
    m_status->setText(status);
    m_displayed = result;
    plot::fillFftProfilePlot(*m_profile, result);
    m_profile->replot();
    m_spectrum->clearPlottables();
    m_spectrum->clearItems();
    m_spotItems.clear(); // deleted with the plot's items (fillFftSpectrumPlot clears them too)
    if (!result.spectrum.power.empty()) {
        plot::fillFftSpectrumPlot(*m_spectrum, result);
        m_spectrum->legend->setVisible(false); // the peak table below names the rings
    }
    drawSpots(); // replots the spectrum
    refreshFiltered();
    m_peaks->setRowCount(static_cast<int>(result.peaks.size()));
    auto number = [](const std::optional<double>& v, int digits) {
        return new QTableWidgetItem(v ? QString::number(*v, 'f', digits) : QStringLiteral("–"));
    };
    for (int i = 0; i < static_cast<int>(result.peaks.size()); ++i) {
        const FftPeakResult& p = result.peaks[static_cast<std::size_t>(i)];
        m_peaks->setItem(i, 0, number(p.dNm, 5));
        m_peaks->setItem(i, 1, number(p.dErrNm, 5));
        m_peaks->setItem(i, 2, number(p.fwhmPerNm, 3));
        m_peaks->setItem(
            i, 3,
            new QTableWidgetItem(
                p.match ? QString::fromStdString(p.match->phase + " " + p.match->hkl) : QString()));
    }
}

void FftPanel::refreshRegions()
{
    m_updating = true;
    const int current = m_region->currentData().toInt();
    m_region->clear();
    m_region->addItem(tr("Whole frame"), 0);
    for (int i = 0; i < m_document->roiCount(); ++i)
        if (const Roi& roi = m_document->roi(i); roi.shape == RoiShape::Rectangle ||
                                                 roi.shape == RoiShape::Ellipse ||
                                                 roi.shape == RoiShape::Polygon)
            m_region->addItem(roi.name.empty() ? tr("ROI %1").arg(roi.id)
                                               : QString::fromStdString(roi.name),
                              roi.id);
    const int index = m_region->findData(current);
    m_region->setCurrentIndex(index < 0 ? 0 : index);
    m_updating = false;
}

void FftPanel::refreshStored()
{
    m_updating = true;
    const ProjectFft& fft = m_document->fft();
    m_stored->clear();
    for (const ProjectFftRegion& r : fft.regions)
        m_stored->addItem(regionText(r));
    m_updating = false;
    m_map->setText(fft.map ? tr("Crystallinity map of frame %1: crystalline fraction %2 "
                                "(window %3 px, step %4 px)")
                                 .arg(fft.map->frame)
                                 .arg(fft.map->crystallineFraction, 0, 'f', 3)
                                 .arg(fft.map->windowPx)
                                 .arg(fft.map->stepPx)
                           : tr("No crystallinity map."));
    const QString stale = staleText();
    m_stale->setText(stale);
    m_stale->setVisible(!stale.isEmpty());
    m_rerun->setVisible(!stale.isEmpty());
    m_add->setEnabled(m_shown.has_value());
}

} // namespace insitu::app
