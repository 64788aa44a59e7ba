// `insitu export FILE.h5 --out DIR [--csv] [--kymographs] [--plots png,svg,pdf] [--json]`: a
// project's results as tidy CSV files, calibrated kymograph TIFFs and journal-ready plots.

#include "command_registry.h"
#include "output.h"
#include "output_paths.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"
#include "insitu/project/project_file.h"

#ifdef INSITU_HAVE_PLOT
#include "offscreen_app.h"
#include "project_plots.h"
#endif

#include <iostream>
#include <memory>

namespace insitu::cli {

namespace {

struct ExportOptions
{
    std::string file;
    std::string out;
    bool csv = false;
    bool kymographs = false;
    std::vector<std::string> plots;
    bool json = false;
};

std::vector<std::filesystem::path> writePlots(const Project& project, const ExportOptions& o)
{
#ifdef INSITU_HAVE_PLOT
    plot::OffscreenApp app;
    return plot::exportProjectPlots(project, o.out, o.plots);
#else
    (void)project;
    throw Error(o.out + ": this insitu was built without plotting (INSITU_BUILD_GUI=OFF)");
#endif
}

int run(const ExportOptions& o)
{
    for (const auto& format : o.plots)
        if (format != "png" && format != "svg" && format != "pdf")
            throw Error("--plots: unknown format \"" + format + "\" (use png, svg or pdf)");
    const Project project = loadProject(o.file);
    std::vector<std::filesystem::path> files;
    if (o.csv || (o.plots.empty() && !o.kymographs))
        files = exportProjectCsv(project, o.out);
    if (o.kymographs) {
        const auto tiffs = exportProjectKymographs(project, o.out);
        files.insert(files.end(), tiffs.begin(), tiffs.end());
    }
    if (!o.plots.empty()) {
        const auto plots = writePlots(project, o);
        files.insert(files.end(), plots.begin(), plots.end());
    }
    if (o.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& f : files)
            list.push_back(f.string());
        printJson({{"file", o.file}, {"out", o.out}, {"files", list}});
    } else {
        for (const auto& f : files)
            std::cout << f.string() << '\n';
    }
    return 0;
}

const bool registered = registerCommand(
    {"export", "Export a project's results as CSV and plots", [](CLI::App& app) {
         auto o = std::make_shared<ExportOptions>();
         app.add_option("FILE", o->file, "Project file (.h5)")->required();
         app.add_option("--out", o->out, "Output folder (created if missing)")
             ->required()
             ->group(kOutputsGroup);
         app.add_flag("--csv", o->csv,
                      "Write tidy CSV files (the default without --plots or --kymographs)");
         app.add_flag("--kymographs", o->kymographs,
                      "Write each stored kymograph as a calibrated float32 TIFF (x nm, y s)");
         app.add_option("--plots", o->plots, "Plot formats: png (300 dpi), svg, pdf")
             ->delimiter(',');
         app.add_flag("--json", o->json, "Print the files written as one JSON document");
         return [o] { return run(*o); };
     }});

} // namespace

} // namespace insitu::cli
