#include "figure_export_dialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>

namespace insitu::app {

FigureExportDialog::FigureExportDialog(int frameCount, int currentFrame, QWidget* parent)
    : QDialog(parent), m_frameCount(frameCount), m_frames(new QLineEdit(this)),
      m_widthMm(new QDoubleSpinBox(this)), m_dpi(new QSpinBox(this))
{
    setWindowTitle(tr("Export figure"));
    std::vector<int> start{0, std::clamp(currentFrame, 0, frameCount - 1), frameCount - 1};
    start.erase(std::unique(start.begin(), start.end()), start.end());
    QStringList text;
    for (const int k : start)
        text << QString::number(k);
    m_frames->setText(text.join(QStringLiteral(", ")));
    m_frames->setToolTip(tr("Movie frames shown, 0-based, comma-separated (at most 8)"));
    m_widthMm->setRange(40, 1000);
    m_widthMm->setValue(174);
    m_widthMm->setSuffix(tr(" mm"));
    m_widthMm->setToolTip(tr("85 mm = one journal column, 174 mm = two"));
    m_dpi->setRange(50, 2400);
    m_dpi->setValue(300);
    m_dpi->setSuffix(tr(" dpi"));
    m_dpi->setToolTip(tr("Resolution of PNG files (PDF and SVG are vector drawings)"));

    auto* form = new QFormLayout(this);
    form->addRow(tr("Frames"), m_frames);
    form->addRow(tr("Width"), m_widthMm);
    form->addRow(tr("PNG resolution"), m_dpi);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_frames, &QLineEdit::textChanged, this, [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!frames().empty());
    });
}

std::vector<int> FigureExportDialog::frames() const
{
    std::vector<int> out;
    for (const QString& part : m_frames->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int k = part.trimmed().toInt(&ok);
        if (!ok || k < 0 || k >= m_frameCount)
            return {};
        out.push_back(k);
    }
    return out.size() <= 8 ? out : std::vector<int>{};
}

double FigureExportDialog::widthMm() const
{
    return m_widthMm->value();
}

int FigureExportDialog::dpi() const
{
    return m_dpi->value();
}

} // namespace insitu::app
