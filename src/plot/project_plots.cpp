#include "project_plots.h"

#include "drift_plot.h"
#include "kinetics_plot.h"
#include "kymograph_plot.h"
#include "plot_export.h"

#include "insitu/error.h"

#include <qcustomplot.h>

namespace insitu::plot {

std::vector<std::filesystem::path> exportProjectPlots(const Project& project,
                                                      const std::filesystem::path& folder,
                                                      const std::vector<std::string>& formats)
{
    for (const auto& format : formats)
        if (format != "png" && format != "svg" && format != "pdf")
            throw Error("unknown plot format \"" + format + "\" (use png, svg or pdf)");
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (!std::filesystem::is_directory(folder))
        throw Error(folder.string() + ": cannot create output folder");

    std::vector<std::filesystem::path> written;
    auto save = [&](QCustomPlot& plot, const std::string& stem) {
        for (const auto& format : formats) {
            const auto path = folder / (stem + "." + format);
            savePlot(plot, QString::fromStdString(path.string()));
            written.push_back(path);
        }
    };
    for (const auto& movie : project.movies) {
        const Calibration calibration = movie.effectiveCalibration();
        const std::string prefix = "movie" + std::to_string(movie.id);
        QCustomPlot plot;
        if (movie.drift) {
            fillDriftPlot(plot, movie.drift->result, calibration);
            save(plot, prefix + "_drift");
        }
        for (const auto& fronts : movie.fronts) {
            const std::string stem = prefix + "_roi" + std::to_string(fronts.result.roiId);
            KineticsPlotOptions options;
            options.markers = movie.markers;
            fillKineticsPlot(plot, fronts.result, calibration, movie.frameCount, options);
            save(plot, stem + "_kinetics");
            if (fronts.kymograph) {
                fillKymographPlot(plot, *fronts.kymograph, fronts.result, calibration,
                                  fronts.kymographStepPx);
                save(plot, stem + "_kymograph");
            }
        }
    }
    return written;
}

} // namespace insitu::plot
