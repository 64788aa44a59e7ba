// insitu-workbench: starts the GUI; everything else lives in the insitu_gui library.

#include "document/commands/roi_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "jobs/wire_band_job.h"
#include "main_window.h"
#include "panels/drift_panel.h"
#include "panels/fronts_panel.h"
#include "views/roi_editor.h"

#include "insitu/hdf5_exit.h"
#include "insitu/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QStringList>
#include <QTimer>
#include <QUndoStack>

int main(int argc, char** argv)
{
    insitu::disableHdf5CleanupAtExit(); // a failed save's close must not crash the exit
    QApplication app(argc, argv);
    Q_INIT_RESOURCE(insitu); // the resources live in the static insitu_gui library
    QApplication::setApplicationName(QStringLiteral("InSitu Workbench"));
    QApplication::setOrganizationName(QStringLiteral("InSitu"));
    QApplication::setApplicationVersion(QLatin1String(insitu::kVersion));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/insitu.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Analysis workbench for in-situ TEM movies"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("Movie or project to open"));
    const QCommandLineOption lineOption(
        QStringLiteral("line"), QStringLiteral("Draw a line ROI X0,Y0,X1,Y1 (px) after opening"),
        QStringLiteral("X0,Y0,X1,Y1"));
    const QCommandLineOption driftOption(QStringLiteral("drift"),
                                         QStringLiteral("Measure the drift after opening"));
    const QCommandLineOption trackOption(QStringLiteral("track"),
                                         QStringLiteral("Track the fronts on the --line ROI"));
    const QCommandLineOption frameOption(
        QStringLiteral("frame"), QStringLiteral("Show frame N after opening"), QStringLiteral("N"));
    const QCommandLineOption dockOption(
        QStringLiteral("dock"),
        QStringLiteral("Bring the dock NAME to the front (fronts, areas, particles, fft, grains, "
                       "kinetics, timeline, drift, …)"),
        QStringLiteral("NAME"));
    parser.addOptions({lineOption, driftOption, trackOption, frameOption, dockOption});
    parser.process(app);

    insitu::app::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        if (window.openPath(parser.positionalArguments().front())) {
            // Scripted start (demo, screenshots): the same panels a user would press.
            if (parser.isSet(driftOption) && window.driftPanel()->run()) {
                window.jobs()->waitForFinished();
                window.setDriftCorrectedView(true);
            }
            const QStringList values = parser.value(lineOption).split(QLatin1Char(','));
            if (values.size() == 4) {
                insitu::app::Document* document = window.document();
                insitu::Roi roi;
                roi.id = document->takeRoiId();
                roi.name = "wire";
                roi.points = {{values[0].toDouble(), values[1].toDouble()},
                              {values[2].toDouble(), values[3].toDouble()}};
                roi.widthPx = window.roiEditor()->defaultWidthPx();
                window.roiEditor()->addPath(roi);
                window.roiEditor()->wireBandJob()->waitForFinished();
                window.roiEditor()->setSelectedRoiId(roi.id);
                if (parser.isSet(trackOption) && window.frontsPanel()->track())
                    window.jobs()->waitForFinished();
            }
            if (parser.isSet(frameOption))
                window.setCurrentFrame(parser.value(frameOption).toInt());
            if (auto* dock = window.findChild<QDockWidget*>(parser.value(dockOption) +
                                                            QStringLiteral("Dock"));
                parser.isSet(dockOption) && dock)
                dock->raise();
        }
    } else {
        QTimer::singleShot(0, &window, &insitu::app::MainWindow::offerRecovery);
    }
    return QApplication::exec();
}
