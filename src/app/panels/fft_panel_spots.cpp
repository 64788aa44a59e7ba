// FftPanel's spot masks: click the spectrum to add a spot (its Friedel mate is kept too), drag
// from a spot to set its radius, right-click to remove it; the filtered image and its export.

#include "panels/fft_panel.h"

#include "document/commands/crystal_commands.h"
#include "document/document.h"

#include "insitu/crystal/fft_filter.h"
#include "insitu/error.h"
#include "insitu/export/fft_export.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace insitu::app {

namespace {

const QColor kSpotColour(213, 94, 0);   // Okabe–Ito vermilion: apart from the rings' colours
constexpr int kFilteredMinSidePx = 240; ///< the filtered image's smallest side on screen

/// The spot's disc as hit by a click: its radius, at least two transform cells.
double hitRadius(const FftSpot& spot, double cellPerPx)
{
    return std::max(1.5 * spot.radiusPerPx, 2 * cellPerPx);
}

} // namespace

QWidget* FftPanel::createSpotWidgets()
{
    auto* box = new QWidget(this);
    m_spotsLabel = new QLabel(box);
    m_spotsLabel->setWordWrap(true);
    m_showFiltered = new QCheckBox(tr("Show filtered"), box);
    m_showFiltered->setChecked(true);
    m_showFiltered->setObjectName(QStringLiteral("fftShowFiltered"));
    m_showFiltered->setToolTip(tr("The region filtered to the spots (inverse FFT)"));
    m_exportFiltered = new QPushButton(tr("Export filtered…"), box);
    m_exportFiltered->setToolTip(tr("Float32 TIFF, as insitu fft --filtered"));
    auto* clear = new QPushButton(tr("Clear spots"), box);
    m_filtered = new QLabel(box);
    m_filtered->setAlignment(Qt::AlignCenter);
    m_filtered->setMinimumHeight(kFilteredMinSidePx);
    auto* row = new QHBoxLayout;
    row->addWidget(m_showFiltered);
    row->addWidget(clear);
    row->addWidget(m_exportFiltered);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_spotsLabel);
    layout->addLayout(row);
    layout->addWidget(m_filtered, 1);

    connect(m_showFiltered, &QCheckBox::toggled, this, &FftPanel::refreshFiltered);
    connect(clear, &QPushButton::clicked, this, [this] {
        if (!spots().empty())
            m_document->undoStack()->push(new SetFftSpots(m_document, {}, tr("Clear FFT spots")));
    });
    connect(m_exportFiltered, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export filtered image"),
                                         QStringLiteral("filtered.tif"), tr("TIFF (*.tif *.tiff)"));
        if (!path.isEmpty())
            exportFiltered(path);
    });
    m_spectrum->setToolTip(tr("Click a spot to keep it (and its Friedel mate) in the filtered "
                              "image; drag from a spot to set its radius; right-click removes"));
    connect(m_spectrum, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (!m_displayed || m_displayed->spectrum.power.empty() || !m_document->projectMovie())
            return;
        const auto [kx, ky] = spectrumPerPx(event->position().x(), event->position().y());
        const int hit = spotAt(kx, ky);
        if (event->button() == Qt::RightButton) {
            if (hit >= 0)
                removeSpot(hit);
        } else if (event->button() == Qt::LeftButton) {
            if (hit >= 0) {
                m_dragSpot = hit;
                m_dragRadius = spots()[static_cast<std::size_t>(hit)].radiusPerPx;
            } else {
                addSpot(kx, ky);
            }
        }
    });
    connect(m_spectrum, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        if (!m_dragSpot || *m_dragSpot >= static_cast<int>(spots().size()))
            return;
        const FftSpot spot = spots()[static_cast<std::size_t>(*m_dragSpot)];
        const auto [kx, ky] = spectrumPerPx(event->position().x(), event->position().y());
        // the distance to the spot or its mate, whichever the drag is at
        const double d = std::min(std::hypot(kx - spot.kxPerPx, ky - spot.kyPerPx),
                                  std::hypot(kx + spot.kxPerPx, ky + spot.kyPerPx));
        m_dragRadius = std::max(d, 0.5 * m_displayed->spectrum.dkxPerPx());
        drawSpots();
    });
    connect(m_spectrum, &QCustomPlot::mouseRelease, this, [this](QMouseEvent*) {
        if (!m_dragSpot)
            return;
        const int index = *m_dragSpot;
        m_dragSpot.reset();
        setSpotRadius(index, m_dragRadius);
        drawSpots();
    });
    return box;
}

std::vector<FftSpot> FftPanel::spots() const
{
    return m_document->fftSettings().spots;
}

void FftPanel::addSpot(double kxPerPx, double kyPerPx)
{
    if (!m_document->projectMovie())
        return;
    std::vector<FftSpot> s = spots();
    FftSpot spot;
    spot.kxPerPx = kxPerPx;
    spot.kyPerPx = kyPerPx;
    s.push_back(spot);
    m_document->undoStack()->push(new SetFftSpots(m_document, std::move(s), tr("Add FFT spot")));
}

void FftPanel::removeSpot(int index)
{
    std::vector<FftSpot> s = spots();
    if (index < 0 || index >= static_cast<int>(s.size()))
        return;
    s.erase(s.begin() + index);
    m_document->undoStack()->push(new SetFftSpots(m_document, std::move(s), tr("Remove FFT spot")));
}

void FftPanel::setSpotRadius(int index, double radiusPerPx)
{
    std::vector<FftSpot> s = spots();
    if (index < 0 || index >= static_cast<int>(s.size()) || !(radiusPerPx > 0) ||
        s[static_cast<std::size_t>(index)].radiusPerPx == radiusPerPx)
        return;
    s[static_cast<std::size_t>(index)].radiusPerPx = radiusPerPx;
    m_document->undoStack()->push(
        new SetFftSpots(m_document, std::move(s), tr("Change FFT spot radius")));
}

int FftPanel::spotAt(double kxPerPx, double kyPerPx) const
{
    const double cell = m_displayed && !m_displayed->spectrum.power.empty()
                            ? m_displayed->spectrum.dkxPerPx()
                            : 0.0;
    const std::vector<FftSpot> s = spots();
    int best = -1;
    double bestDistance = 0;
    for (int i = 0; i < static_cast<int>(s.size()); ++i) {
        const FftSpot& spot = s[static_cast<std::size_t>(i)];
        const double d = std::min(std::hypot(kxPerPx - spot.kxPerPx, kyPerPx - spot.kyPerPx),
                                  std::hypot(kxPerPx + spot.kxPerPx, kyPerPx + spot.kyPerPx));
        if (d <= hitRadius(spot, cell) && (best < 0 || d < bestDistance)) {
            best = i;
            bestDistance = d;
        }
    }
    return best;
}

std::pair<double, double> FftPanel::spectrumPerPx(double xPixel, double yPixel) const
{
    // the axes are in nm⁻¹ when calibrated: nm⁻¹ × nm/px = cycles/px
    const double perAxis = m_displayed && m_displayed->nmPerPixel ? *m_displayed->nmPerPixel : 1.0;
    return {m_spectrum->xAxis->pixelToCoord(xPixel) * perAxis,
            m_spectrum->yAxis->pixelToCoord(yPixel) * perAxis};
}

void FftPanel::drawSpots()
{
    for (QCPAbstractItem* item : m_spotItems)
        m_spectrum->removeItem(item);
    m_spotItems.clear();
    const std::vector<FftSpot> s = spots();
    if (m_displayed && !m_displayed->spectrum.power.empty()) {
        const double toAxis = m_displayed->nmPerPixel ? 1.0 / *m_displayed->nmPerPixel : 1.0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const FftSpot& spot = s[i];
            const double r = (m_dragSpot && *m_dragSpot == static_cast<int>(i) ? m_dragRadius
                                                                               : spot.radiusPerPx) *
                             toAxis;
            for (const double sign : {1.0, -1.0}) { // the spot and its Friedel mate
                auto* circle = new QCPItemEllipse(m_spectrum);
                const double x = sign * spot.kxPerPx * toAxis, y = sign * spot.kyPerPx * toAxis;
                circle->topLeft->setCoords(x - r, y - r);
                circle->bottomRight->setCoords(x + r, y + r);
                circle->setPen(QPen(kSpotColour, 1.5, sign > 0 ? Qt::SolidLine : Qt::DotLine));
                m_spotItems.push_back(circle);
            }
        }
    }
    m_spectrum->replot();
    QStringList text;
    for (std::size_t i = 0; i < s.size(); ++i)
        text << tr("%1: k (%2, %3), r %4 cycles/px")
                    .arg(i + 1)
                    .arg(s[i].kxPerPx, 0, 'f', 4)
                    .arg(s[i].kyPerPx, 0, 'f', 4)
                    .arg(s[i].radiusPerPx, 0, 'f', 4);
    m_spotsLabel->setText(s.empty() ? tr("Spots: none (click a spot on the spectrum)")
                                    : tr("Spots (each with its mate): ") +
                                          text.join(QStringLiteral("; ")));
}

cv::Mat FftPanel::filteredImage() const
{
    const std::vector<FftSpot> s = spots();
    if (!m_displayed || m_displayed->spectrum.halfFft.empty() || s.empty())
        return {};
    return spotFilteredImage(m_displayed->spectrum, s);
}

void FftPanel::refreshFiltered()
{
    const cv::Mat filtered = m_showFiltered->isChecked() ? filteredImage() : cv::Mat();
    m_exportFiltered->setEnabled(!spots().empty() && m_displayed &&
                                 !m_displayed->spectrum.halfFft.empty());
    if (filtered.empty()) {
        m_filtered->setPixmap(QPixmap());
        m_filtered->setText(spots().empty() ? QString()
                            : m_displayed && m_displayed->spectrum.halfFft.empty()
                                ? tr("A stored region keeps no spectrum: analyse it to filter")
                                : QString());
        return;
    }
    // grey from the 0.5–99.5 % range (the fringes' amplitude, not a few edge pixels)
    cv::Mat values = filtered.clone().reshape(1, 1);
    const std::size_t n = values.total();
    auto* v = values.ptr<float>();
    std::nth_element(v, v + n / 200, v + n);
    const double lo = v[n / 200];
    std::nth_element(v, v + (n - 1 - n / 200), v + n);
    const double hi = v[n - 1 - n / 200];
    cv::Mat grey;
    filtered.convertTo(grey, CV_8U, hi > lo ? 255.0 / (hi - lo) : 1.0,
                       hi > lo ? -lo * 255.0 / (hi - lo) : 0.0);
    const QImage image(grey.data, grey.cols, grey.rows, static_cast<int>(grey.step),
                       QImage::Format_Grayscale8);
    // as large as the label (at least kFilteredMinSidePx), so that fringes of a few px show
    const int side =
        std::max(kFilteredMinSidePx, std::min(m_filtered->width(), m_filtered->height()) - 4);
    m_filtered->setText(QString());
    m_filtered->setPixmap(QPixmap::fromImage(image.copy())
                              .scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

bool FftPanel::exportFiltered(const QString& path)
{
    const cv::Mat filtered = filteredImage();
    if (filtered.empty()) {
        m_status->setText(tr("Nothing to export: analyse a region and click a spot first"));
        return false;
    }
    try {
        writeFloatTiff(filtered, path.toStdString(), m_displayed->nmPerPixel);
        m_status->setText(tr("Filtered image written to %1").arg(path));
        return true;
    } catch (const Error& e) {
        m_status->setText(QString::fromUtf8(e.what()));
        return false;
    }
}

} // namespace insitu::app
