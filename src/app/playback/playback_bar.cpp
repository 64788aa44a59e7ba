#include "playback/playback_bar.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>

#include <algorithm>

namespace insitu::app {

PlaybackBar::PlaybackBar(QWidget* parent)
    : QWidget(parent), m_play(new QToolButton(this)), m_slider(new QSlider(Qt::Horizontal, this)),
      m_frameBox(new QSpinBox(this)), m_lastLabel(new QLabel(tr("no movie"), this)),
      m_fps(new QDoubleSpinBox(this)), m_timer(new QTimer(this))
{
    m_play->setObjectName(QStringLiteral("playButton"));
    m_play->setText(tr("Play"));
    m_play->setToolTip(tr("Play / pause (Space)"));
    m_slider->setObjectName(QStringLiteral("frameSlider"));
    m_frameBox->setObjectName(QStringLiteral("frameBox"));
    m_fps->setRange(0.1, 200);
    m_fps->setValue(10);
    m_fps->setSuffix(tr(" fps"));
    m_fps->setToolTip(tr("Playback rate (set from the movie's frame interval when known)"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_play);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_frameBox);
    layout->addWidget(m_lastLabel);
    layout->addWidget(m_fps);
    setFrameCount(0);

    connect(m_play, &QToolButton::clicked, this, &PlaybackBar::togglePlay);
    connect(m_slider, &QSlider::valueChanged, this, [this](int frame) {
        const QSignalBlocker blocker(m_frameBox);
        m_frameBox->setValue(frame);
        m_waitingForFrame = true;
        emit frameRequested(frame);
    });
    connect(m_frameBox, &QSpinBox::valueChanged, m_slider, &QSlider::setValue);
    connect(m_timer, &QTimer::timeout, this, &PlaybackBar::tick);
    connect(m_fps, &QDoubleSpinBox::valueChanged, this,
            [this](double fps) { m_timer->setInterval(static_cast<int>(1000.0 / fps)); });
}

void PlaybackBar::setFrameCount(int frameCount)
{
    pause();
    m_frameCount = std::max(frameCount, 0);
    const int last = std::max(m_frameCount - 1, 0);
    {
        const QSignalBlocker sliderBlocker(m_slider);
        const QSignalBlocker boxBlocker(m_frameBox);
        m_slider->setRange(0, last);
        m_frameBox->setRange(0, last);
        m_slider->setValue(0);
        m_frameBox->setValue(0);
    }
    m_slider->setEnabled(m_frameCount > 1);
    m_frameBox->setEnabled(m_frameCount > 1);
    m_play->setEnabled(m_frameCount > 1);
    m_lastLabel->setText(m_frameCount > 0 ? tr("/ %1").arg(last) : tr("no movie"));
    m_waitingForFrame = false;
}

int PlaybackBar::currentFrame() const
{
    return m_slider->value();
}

void PlaybackBar::setFps(double fps)
{
    m_fps->setValue(std::clamp(fps, 0.1, 200.0));
}

double PlaybackBar::fps() const
{
    return m_fps->value();
}

bool PlaybackBar::isPlaying() const
{
    return m_timer->isActive();
}

void PlaybackBar::setCurrentFrame(int frame)
{
    if (m_frameCount > 0)
        m_slider->setValue(std::clamp(frame, 0, m_frameCount - 1));
}

void PlaybackBar::frameShown(int frame)
{
    if (frame == currentFrame())
        m_waitingForFrame = false;
}

void PlaybackBar::play()
{
    if (isPlaying() || m_frameCount < 2)
        return;
    if (currentFrame() == m_frameCount - 1)
        setCurrentFrame(0);
    m_timer->start(static_cast<int>(1000.0 / m_fps->value()));
    m_play->setText(tr("Pause"));
    emit playingChanged(true);
}

void PlaybackBar::pause()
{
    if (!isPlaying())
        return;
    m_timer->stop();
    m_play->setText(tr("Play"));
    emit playingChanged(false);
}

void PlaybackBar::togglePlay()
{
    if (isPlaying())
        pause();
    else
        play();
}

void PlaybackBar::step(int frames)
{
    setCurrentFrame(currentFrame() + frames);
}

void PlaybackBar::firstFrame()
{
    setCurrentFrame(0);
}

void PlaybackBar::lastFrame()
{
    setCurrentFrame(m_frameCount - 1);
}

void PlaybackBar::tick()
{
    // Never skip frames: the next one is asked for only once the last one is on screen.
    if (m_waitingForFrame)
        return;
    if (currentFrame() >= m_frameCount - 1) {
        pause();
        return;
    }
    step(1);
}

} // namespace insitu::app
