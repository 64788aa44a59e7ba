#pragma once
// LabelTableLink: a table with one row per label and a LabelOverlayView select each other.

#include <QObject>

#include <functional>
#include <vector>

class QTableWidget;

namespace insitu::app {

class LabelOverlayView;

/// Keeps the selected rows of table (a label id per row, in column 0's Qt::UserRole) and the
/// selection of view the same: a pick on the view selects its rows (the first scrolled to), a
/// row selection selects on the view (keeping the order the user picked where it is known).
class LabelTableLink : public QObject
{
    Q_OBJECT
public:
    LabelTableLink(QTableWidget* table, LabelOverlayView* view, QObject* parent = nullptr);

    /// Refills the table with fill() (its row changes do not reach the view), then selects the
    /// rows of the view's selection.
    void refill(const std::function<void()>& fill);
    /// Selects the rows of ids only (no signal to the view).
    void selectRows(const std::vector<int>& ids);

private:
    void selectOnView();

    QTableWidget* m_table;
    LabelOverlayView* m_view;
    bool m_updating = false;
};

} // namespace insitu::app
