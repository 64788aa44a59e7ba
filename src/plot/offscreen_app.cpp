#include "offscreen_app.h"

#include <QApplication>

namespace insitu::plot {

namespace {
// QApplication keeps references to argc and argv for its lifetime.
int g_argc = 1;
char g_name[] = "insitu";
char* g_argv[] = {g_name, nullptr};
} // namespace

OffscreenApp::OffscreenApp()
{
    if (QCoreApplication::instance())
        return;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    m_app = std::make_unique<QApplication>(g_argc, g_argv);
}

OffscreenApp::~OffscreenApp() = default;

} // namespace insitu::plot
