#include "views/notice_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace insitu::app {

NoticeBanner::NoticeBanner(QWidget* parent) : QFrame(parent), m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("noticeBanner"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#noticeBanner { background: #fff4d6; border: 1px solid #e0b84c; }"
                                 "#noticeBanner QLabel { color: #3d2f00; }"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Hide these notes"));
    close->setAutoRaise(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void NoticeBanner::showNotes(const QStringList& notes)
{
    m_notes = notes;
    if (notes.isEmpty()) {
        hide();
        return;
    }
    QStringList items;
    for (const QString& note : notes)
        items << note.toHtmlEscaped();
    m_text->setText(
        QStringLiteral("<b>%1</b> %2").arg(tr("Note:"), items.join(QStringLiteral("<br>"))));
    show();
}

} // namespace insitu::app
