#pragma once
// RoiListModel: the current movie's ROIs as a Qt list model (name, colour, shape).

#include <QAbstractListModel>

namespace insitu::app {

class Document;

/// Adapts Document's ROIs to a list view; renaming through setData pushes an undo command.
class RoiListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    /// Extra roles: the ROI id (int) and its shape name (QString).
    enum Role { RoiIdRole = Qt::UserRole + 1, ShapeRole };

    explicit RoiListModel(Document* document, QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    Document* m_document;
};

} // namespace insitu::app
