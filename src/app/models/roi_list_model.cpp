#include "models/roi_list_model.h"

#include "document/commands/roi_commands.h"
#include "document/document.h"

#include <QColor>
#include <QUndoStack>

namespace insitu::app {

RoiListModel::RoiListModel(Document* document, QObject* parent)
    : QAbstractListModel(parent), m_document(document)
{
    connect(document, &Document::roiAboutToBeInserted, this,
            [this](int row) { beginInsertRows({}, row, row); });
    connect(document, &Document::roiInserted, this, [this](int) { endInsertRows(); });
    connect(document, &Document::roiAboutToBeRemoved, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(document, &Document::roiRemoved, this, [this](int) { endRemoveRows(); });
    connect(document, &Document::roiChanged, this,
            [this](int row) { emit dataChanged(index(row), index(row)); });
    connect(document, &Document::movieChanged, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int RoiListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_document->roiCount();
}

QVariant RoiListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_document->roiCount())
        return {};
    const Roi& roi = m_document->roi(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return QString::fromStdString(roi.name);
    case Qt::DecorationRole:
        return QColor(roi.rgb[0], roi.rgb[1], roi.rgb[2]);
    case Qt::ToolTipRole:
        return tr("%1, %2 points, width %3 px")
            .arg(QLatin1String(roiShapeName(roi.shape)))
            .arg(roi.points.size())
            .arg(roi.widthPx);
    case RoiIdRole:
        return roi.id;
    case ShapeRole:
        return QLatin1String(roiShapeName(roi.shape));
    default:
        return {};
    }
}

bool RoiListModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || role != Qt::EditRole)
        return false;
    const QString name = value.toString().trimmed();
    Roi roi = m_document->roi(index.row());
    if (name.isEmpty() || name.toStdString() == roi.name)
        return false;
    roi.name = name.toStdString();
    m_document->undoStack()->push(
        new ChangeRoi(m_document, index.row(), roi, tr("Rename ROI to %1").arg(name)));
    return true;
}

Qt::ItemFlags RoiListModel::flags(const QModelIndex& index) const
{
    return QAbstractListModel::flags(index) | Qt::ItemIsEditable;
}

} // namespace insitu::app
