#pragma once
// KineticsPanel: L(t) of each front with its fit, band, window, verdict and parameter table.

#include "insitu/project/project.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace insitu::app {

class Document;

/// Thin GUI over insitu::fit (kinetics): fits position against time for every front of one
/// path ROI with the chosen model and window (dragged on the time axis), stores the fits in the
/// document (undoable) and shows them with a 95 % confidence band and a copyable table.
class KineticsPanel : public QWidget
{
    Q_OBJECT
public:
    KineticsPanel(Document* document, QWidget* parent = nullptr);

    void setRoiId(int roiId);
    /// Model name: "auto", "linear", "parabolic", "power" or "formula".
    void setModel(const QString& model, const QString& formula = {});
    /// Fit window in seconds (nullopt = all points).
    void setWindow(std::optional<double> startS, std::optional<double> endS);
    /// Refits every front of the ROI and pushes the result; shows a message on failure.
    void refit();
    /// The parameter table as tab-separated text (what Copy puts on the clipboard).
    [[nodiscard]] QString tableText() const;
    [[nodiscard]] QCustomPlot* plot() const { return m_plot; }

private:
    void refresh();
    void refreshPlot(const ProjectFronts* fronts);
    void refreshTable(const ProjectFronts* fronts);

    Document* m_document;
    int m_roiId = 0;
    QComboBox* m_model;
    QLineEdit* m_formula;
    QLabel* m_window;
    QLabel* m_verdict;
    QCustomPlot* m_plot;
    QTableWidget* m_table;
    std::optional<double> m_windowStartS;
    std::optional<double> m_windowEndS;
    double m_dragStartS = 0;
    bool m_dragging = false;
};

} // namespace insitu::app
