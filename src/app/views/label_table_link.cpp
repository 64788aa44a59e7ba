// LabelTableLink: view picks → table rows, table rows → view selection.

#include "views/label_table_link.h"

#include "views/label_overlay_view.h"

#include <QItemSelectionModel>
#include <QTableWidget>

#include <algorithm>

namespace insitu::app {

LabelTableLink::LabelTableLink(QTableWidget* table, LabelOverlayView* view, QObject* parent)
    : QObject(parent), m_table(table), m_view(view)
{
    connect(view, &LabelOverlayView::selectionChanged, this, &LabelTableLink::selectRows);
    connect(table, &QTableWidget::itemSelectionChanged, this, &LabelTableLink::selectOnView);
}

void LabelTableLink::refill(const std::function<void()>& fill)
{
    const bool was = m_updating;
    m_updating = true;
    fill();
    m_updating = was;
    selectRows(m_view->selection());
}

void LabelTableLink::selectRows(const std::vector<int>& ids)
{
    const bool was = m_updating;
    m_updating = true;
    m_table->clearSelection();
    int first = -1;
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (const QTableWidgetItem* item = m_table->item(row, 0);
            item &&
            std::find(ids.begin(), ids.end(), item->data(Qt::UserRole).toInt()) != ids.end()) {
            m_table->selectionModel()->select(m_table->model()->index(row, 0),
                                              QItemSelectionModel::Select |
                                                  QItemSelectionModel::Rows);
            if (first < 0)
                first = row;
        }
    if (first >= 0)
        m_table->scrollToItem(m_table->item(first, 0));
    m_updating = was;
}

void LabelTableLink::selectOnView()
{
    if (m_updating)
        return;
    std::vector<int> ids;
    for (const QModelIndex& row : m_table->selectionModel()->selectedRows())
        if (const QTableWidgetItem* item = m_table->item(row.row(), 0))
            ids.push_back(item->data(Qt::UserRole).toInt());
    // the table's order is the labels'; keep the order the user picked where it is known
    std::vector<int> ordered;
    for (const int id : m_view->selection())
        if (std::find(ids.begin(), ids.end(), id) != ids.end())
            ordered.push_back(id);
    for (const int id : ids)
        if (std::find(ordered.begin(), ordered.end(), id) == ordered.end())
            ordered.push_back(id);
    m_view->setSelection(ordered);
}

} // namespace insitu::app
