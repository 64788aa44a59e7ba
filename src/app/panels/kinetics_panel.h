#pragma once
// KineticsPanel: L(t) of each front with its fit, band, window, verdict, warnings and table.

#include "insitu/project/project.h"

#include <QStringList>
#include <QWidget>

#include <optional>

class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace insitu::app {

class Document;

/// Thin GUI over insitu::fit (kinetics): fits position against time for every front of one
/// path ROI with the chosen model and window (dragged on the time axis), stores the fits in the
/// document (undoable) and shows them as insitu_plot draws them (the exported figure), with
/// the core's warnings, a stale flag when the inputs changed, and a table exportable as CSV.
class KineticsPanel : public QWidget
{
    Q_OBJECT
public:
    KineticsPanel(Document* document, QWidget* parent = nullptr);

    void setRoiId(int roiId);
    [[nodiscard]] int roiId() const { return m_roiId; }
    /// Sets the Document's fit model ("auto", "linear", "parabolic", "power" or "formula") and
    /// refits: one undo step.
    void setModel(const QString& model, const QString& formula = {});
    /// Sets the fit window in seconds (nullopt = all points) and refits: one undo step.
    void setWindow(std::optional<double> startS, std::optional<double> endS);
    /// Refits every front of the ROI with the Document's fit settings and pushes the result
    /// (right after tracking it joins the tracking's undo step); shows a message on failure.
    void refit();
    /// The parameter table as tab-separated text (what Copy puts on the clipboard).
    [[nodiscard]] QString tableText() const;
    /// The warnings shown next to the fits (failed fit, too few frames, better model), one a line.
    [[nodiscard]] QString warningText() const;
    /// Why the shown fits are stale (empty when they match the document's inputs).
    [[nodiscard]] QString staleText() const;
    /// The model box's value ("auto", "linear", ...) and the window shown.
    [[nodiscard]] QString modelName() const;
    [[nodiscard]] std::optional<double> windowStartS() const { return m_windowStartS; }
    [[nodiscard]] std::optional<double> windowEndS() const { return m_windowEndS; }
    [[nodiscard]] QCustomPlot* plot() const { return m_plot; }

signals:
    /// The fits are stale because their fronts are: the fronts of roiId should be re-tracked.
    void retrackRequested(int roiId);

private:
    void refresh();
    void syncControls();
    void applyFit(const FrontFitSettings& settings);
    void refreshStale();
    void refreshPlot(const ProjectFronts* fronts);
    void refreshTable(const ProjectFronts* fronts);
    void exportCsv();

    Document* m_document;
    int m_roiId = 0;
    QComboBox* m_model;
    QLineEdit* m_formula;
    QLabel* m_window;
    QLabel* m_stale;
    QPushButton* m_rerun;
    QLabel* m_warnings;
    QLabel* m_verdict;
    QCustomPlot* m_plot;
    QTableWidget* m_table;
    QStringList
        m_fitMessages; ///< the core's messages of the last refit (not shown, see refreshTable)
    std::optional<double> m_windowStartS;
    std::optional<double> m_windowEndS;
    double m_dragStartS = 0;
    bool m_dragging = false;
    bool m_updating = false;
};

} // namespace insitu::app
