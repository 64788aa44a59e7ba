#pragma once
// OffscreenApp: the QApplication a headless program (the CLI) needs before rendering plots.

#include <memory>

class QApplication;

namespace insitu::plot {

/// Ensures a QApplication exists for plot rendering: when none does, sets QT_QPA_PLATFORM to
/// "offscreen" (if unset) and creates one, destroyed with this object. Does nothing when an
/// application already exists (the GUI, the plot tests). Create it on the main thread.
class OffscreenApp
{
public:
    OffscreenApp();
    ~OffscreenApp();
    OffscreenApp(const OffscreenApp&) = delete;
    OffscreenApp& operator=(const OffscreenApp&) = delete;

private:
    std::unique_ptr<QApplication> m_app;
};

} // namespace insitu::plot
