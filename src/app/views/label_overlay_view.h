#pragma once
// LabelOverlayView: an image with the outlines of a label image (one colour per label), the
// selected labels filled; clicks pick labels, and dragged lines and freehand strokes go to the
// owner (the particle and grain views add their tools on top).

#include <opencv2/core.hpp>

#include <QImage>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

namespace insitu::app {

/// Shows an image (grey, 0.5–99.5 % contrast) fitted in the widget with the outlines of its
/// labels (CV_32S, 0 = none); the selected labels are filled, optional ids drawn at their
/// positions. Positions given and handed on are image px with the content's offset added (frame
/// px when the image is a region of a frame). The mouse makes one gesture: Click (press), Line
/// (press, drag, release) or Stroke (freehand); subclasses turn them into their tools' actions.
class LabelOverlayView : public QWidget
{
    Q_OBJECT
public:
    enum class Gesture { Click, Line, Stroke };

    /// A label id written at a position (frame px).
    struct IdMark
    {
        int id = 0;
        QPointF positionPx;
    };

    explicit LabelOverlayView(QString emptyText, QWidget* parent = nullptr);

    /// image (any single-channel depth) and its labels (CV_32S, same size), whose top-left pixel
    /// is frame pixel offsetPx. A selection of labels that are gone is dropped.
    void setContent(const cv::Mat& image, const cv::Mat& labels, cv::Point offsetPx = {});
    void clear();
    /// Ids written next to their labels (when they fit: zoomed in or fewer than 60).
    void setIdMarks(std::vector<IdMark> marks);
    [[nodiscard]] bool hasContent() const { return !m_image.isNull(); }
    /// The shown labels (CV_32S) and the frame pixel of their top-left one.
    [[nodiscard]] const cv::Mat& labels() const { return m_labels; }
    [[nodiscard]] cv::Point contentOffset() const { return m_offset; }

    /// The selected labels, in the order they were picked (no signal).
    void setSelection(std::vector<int> ids);
    [[nodiscard]] const std::vector<int>& selection() const { return m_selection; }
    /// A pick at frame position (x, y): the label there becomes the selection or, with add, is
    /// added to it (removed when it was in it); a pick off every label clears the selection
    /// (without add). Emits selectionChanged.
    void pickAt(double xPx, double yPx, bool add = false);
    /// The label at frame position (x, y); 0 on a boundary or outside.
    [[nodiscard]] int labelAt(double xPx, double yPx) const;

    void setGesture(Gesture gesture);
    [[nodiscard]] Gesture gesture() const { return m_gesture; }
    /// A circle drawn at a frame position (e.g. the first click of a two-click tool).
    void setMarker(std::optional<QPointF> framePx);
    [[nodiscard]] const QImage& outlineImage() const { return m_outlines; }
    /// The outline colour of label id (Okabe–Ito cycle without black and yellow).
    [[nodiscard]] static QColor labelColour(int id);

signals:
    /// A pick changed the selection (the user's action).
    void selectionChanged(const std::vector<int>& ids);
    /// The shown selection changed, by a pick, setSelection or new content.
    void selectionShown();

protected:
    /// The gestures, in frame px. Defaults: a click picks (shift adds), lines and strokes are
    /// ignored.
    virtual void clicked(QPointF framePx, Qt::KeyboardModifiers modifiers);
    virtual void lineDrawn(QPointF fromPx, QPointF toPx);
    virtual void strokeDrawn(const std::vector<cv::Point2d>& strokePx);

    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void rebuildOutlines();
    [[nodiscard]] QRectF targetRect() const;
    [[nodiscard]] QPointF toFrame(QPointF widgetPos) const;
    [[nodiscard]] QPointF toWidget(QPointF framePx) const;

    QString m_emptyText;
    QImage m_image;
    QImage m_outlines;
    cv::Mat m_labels;
    cv::Point m_offset;
    std::vector<int> m_selection;
    std::vector<IdMark> m_idMarks;
    Gesture m_gesture = Gesture::Click;
    std::vector<cv::Point2d> m_stroke; ///< the line or stroke being drawn (frame px)
    std::optional<QPointF> m_marker;
};

} // namespace insitu::app
