#pragma once
// FftPanel: the GUI of insitu fft — the FFT of a ROI (or the whole frame) of the current frame
// as a debounced job, its log power spectrum, radial profile and peak table, regions added to
// the project and the crystallinity map, each one undo step.

#include "insitu/crystal/fft_region_run.h"
#include "insitu/project/project.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace insitu::app {

class Document;
class JobRunner;

/// Thin GUI over runFftRegion and crystallinityMap with the CLI's defaults (FftOptions{},
/// CrystallinityOptions{}). A change of region, frame or settings starts an analysis of the
/// current frame (a job, debounced, not stored); "Add to project" stores the shown result as a
/// region; "Crystallinity map" stores the map of the current frame. Stored regions are listed
/// and shown when a project opens; results made at another pixel size or with other options than
/// the Document's (ChangeFftSettings, one undo step per widget edit) are marked stale.
class FftPanel : public QWidget
{
    Q_OBJECT
public:
    FftPanel(Document* document, JobRunner* jobs, QWidget* parent = nullptr);

    void setCurrentFrame(int frame);
    /// The Document's FFT settings the widgets show (defaults from FftOptions{}).
    [[nodiscard]] FftRegionSettings settings() const;
    /// Selects the region: a ROI id, or 0 for the whole frame. false when no such ROI is listed.
    bool selectRegion(int roiId);
    /// Analyses the selected region of the current frame (shown, not stored). false when busy.
    bool analyse();
    /// Stores the shown analysis as a region of the project (one undo step). false without one.
    bool addToProject();
    /// Computes the crystallinity map of the current frame into the project (one undo step).
    bool runMap();
    /// Computes every stored region and the map again at the current pixel size with their
    /// stored settings (one job, one undo step): the stale marks' Re-run.
    bool rerunStored();
    /// Shows stored region `index` of the project (profile and peaks at the current pixel size).
    void showStoredRegion(int index);
    /// Why the stored results are stale (empty when fresh or absent).
    [[nodiscard]] QString staleText() const;

    [[nodiscard]] QTableWidget* peakTable() const { return m_peaks; }
    [[nodiscard]] QListWidget* storedList() const { return m_stored; }
    [[nodiscard]] QCustomPlot* profilePlot() const { return m_profile; }
    [[nodiscard]] QCustomPlot* spectrumPlot() const { return m_spectrum; }
    [[nodiscard]] QLabel* mapLabel() const { return m_map; }

private:
    void refreshRegions();
    void refreshStored();
    /// Puts settings into the widgets without starting an analysis.
    void showSettings(const FftRegionSettings& settings);
    /// The widgets' values into the Document (one ChangeFftSettings step when they differ).
    void pushSettings();
    /// A loaded d-list into the Document's settings (one undo step).
    void setDList(std::vector<DSpacing> dList);
    void scheduleAnalysis();
    void showResult(const FftResult& result, const QString& status);
    [[nodiscard]] std::optional<FftRegion> selectedRegion(QString* error) const;

    Document* m_document;
    JobRunner* m_jobs;
    int m_frame = 0;
    QComboBox* m_region;
    QComboBox* m_window;
    QSpinBox* m_maxPeaks;
    QDoubleSpinBox* m_tolerance;
    QPushButton* m_dListButton;
    QLabel* m_dListLabel;
    QCheckBox* m_live;
    QPushButton* m_add;
    QPushButton* m_mapButton;
    QLabel* m_status;
    QLabel* m_stale;
    QPushButton* m_rerun;
    QCustomPlot* m_spectrum;
    QCustomPlot* m_profile;
    QTableWidget* m_peaks;
    QListWidget* m_stored;
    QLabel* m_map;
    QTimer* m_debounce;
    /// The shown analysis not yet in the project: its result, region, frame and ROI.
    struct Shown
    {
        FftResult result;
        FftRegion region;
        int frame = 0;
        std::optional<int> roiId;
        FftRegionSettings settings;
    };
    std::optional<Shown> m_shown;
    bool m_updating = false;
};

} // namespace insitu::app
