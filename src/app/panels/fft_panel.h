#pragma once
// FftPanel: the GUI of insitu fft — the FFT of a ROI (or the whole frame) of the current frame
// as a debounced job, its log power spectrum, radial profile and peak table, regions added to
// the project and the crystallinity map, spot masks and the filtered image, each one undo step.

#include "insitu/crystal/fft_region_run.h"
#include "insitu/project/project.h"

#include <opencv2/core.hpp>

#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QCPAbstractItem;
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

    // --- spot masks (fft_panel_spots.cpp): clicked on the spectrum, kept in the Document ---
    /// The Document's spot masks (cycles/px from DC; each keeps its Friedel mate too).
    [[nodiscard]] std::vector<FftSpot> spots() const;
    /// Adds a spot at (kx, ky) cycles/px with FftSpot{}'s radius (one undo step).
    void addSpot(double kxPerPx, double kyPerPx);
    /// Removes spot index (one undo step).
    void removeSpot(int index);
    /// Sets the radius (σ, cycles/px) of spot index (one undo step).
    void setSpotRadius(int index, double radiusPerPx);
    /// The spot whose disc (or its Friedel mate's) holds (kx, ky) cycles/px, or -1.
    [[nodiscard]] int spotAt(double kxPerPx, double kyPerPx) const;
    /// The shown analysis filtered to the spots (spotFilteredImage); empty without an analysis
    /// shown (a stored region keeps no spectrum: analyse it) or without spots.
    [[nodiscard]] cv::Mat filteredImage() const;
    /// Writes filteredImage() as `insitu fft --filtered` does (float32 TIFF); false with a
    /// message when there is nothing to write or the file cannot be written.
    bool exportFiltered(const QString& path);
    [[nodiscard]] QLabel* filteredLabel() const { return m_filtered; }

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
    /// The spot widgets (list, filtered image, export) as one box; connects the spectrum's mouse.
    QWidget* createSpotWidgets();
    /// The spots and their mates as circles on the spectrum plot.
    void drawSpots();
    /// The filtered image view, from the shown analysis and the spots.
    void refreshFiltered();
    /// A spectrum plot position in cycles/px.
    [[nodiscard]] std::pair<double, double> spectrumPerPx(double xPixel, double yPixel) const;

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
    FftRegionSettings m_lastSettings; ///< the options last shown (a spot edit keeps them)
    bool m_updating = false;
    // spot masks
    QLabel* m_spotsLabel = nullptr;
    QCheckBox* m_showFiltered = nullptr;
    QLabel* m_filtered = nullptr;
    QPushButton* m_exportFiltered = nullptr;
    std::optional<FftResult> m_displayed;      ///< the result the plots show
    std::vector<QCPAbstractItem*> m_spotItems; ///< circles of the spots on the spectrum
    std::optional<int> m_dragSpot;             ///< a spot whose radius is being dragged
    double m_dragRadius = 0;
};

} // namespace insitu::app
