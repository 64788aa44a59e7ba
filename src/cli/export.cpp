// `insitu export FILE.h5 --out DIR [--csv] [--kymographs] [--plots png,svg,pdf] [--json]`: a
// project's results as tidy CSV files, calibrated kymograph TIFFs and journal-ready plots;
// `insitu export FILE.h5 --figure FIG.pdf|.svg|.png [--figure-frames K,…|--figure-times S,…]
// [--figure-plots kymograph,kinetics,areas] [--overlays LAYER,…] [--width-mm W] [--dpi N]`:
// a multi-panel figure of one movie.

#include "command_registry.h"
#include "number_checks.h"
#include "output.h"
#include "output_paths.h"
#include "render_inputs.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"
#include "insitu/project/project_file.h"

#ifdef INSITU_HAVE_PLOT
#include "figure_export.h"
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
    // --figure
    std::string figure;
    std::vector<int> figureFrames;
    std::vector<double> figureTimesS;
    std::vector<std::string> figurePlots;
    std::vector<std::string> overlays;
    double widthMm = 174.0; // plot::FigureOptions{}.widthMm (insitu_plot is optional)
    int dpi = 300;
    bool driftCorrected = false;
    std::string contrast = "auto";
    std::optional<int> movieId;
    std::vector<std::string> searchPaths;
};

int writeFigure(const ExportOptions& o)
{
#ifdef INSITU_HAVE_PLOT
    const Project project = loadProject(o.file);
    const ProjectMovieInput in = openProjectMovie(project, o.file, o.movieId, o.searchPaths);
    plot::FigureOptions options;
    options.frames = o.figureFrames;
    options.timesS = o.figureTimesS;
    options.plots = o.figurePlots;
    options.overlays = o.overlays;
    options.widthMm = o.widthMm;
    options.dpi = o.dpi;
    options.driftCorrected = o.driftCorrected;
    if (const auto range = parseContrast(o.contrast)) {
        options.contrastLo = range->first;
        options.contrastHi = range->second;
    }
    plot::OffscreenApp app;
    const plot::FigureSummary s =
        plot::exportFigure(*in.movie, *in.projectMovie, o.figure, options);
    if (o.json) {
        nlohmann::json panels = nlohmann::json::array();
        for (const auto& p : s.panels)
            panels.push_back({{"letter", p.letter},
                              {"kind", p.kind},
                              {"frame", p.frame ? nlohmann::json(*p.frame) : nlohmann::json()},
                              {"x_mm", p.rectMm.x()},
                              {"y_mm", p.rectMm.y()},
                              {"width_mm", p.rectMm.width()},
                              {"height_mm", p.rectMm.height()}});
        printJson({{"file", s.path.string()},
                   {"width_mm", s.widthMm},
                   {"height_mm", s.heightMm},
                   {"width_px", s.widthPx > 0 ? nlohmann::json(s.widthPx) : nlohmann::json()},
                   {"height_px", s.heightPx > 0 ? nlohmann::json(s.heightPx) : nlohmann::json()},
                   {"scale_bar_nm", numberOrNull(s.scaleBarNm)},
                   {"panels", panels}});
    } else {
        std::cout << s.path.string() << ": " << s.panels.size() << " panels, " << s.widthMm << " x "
                  << s.heightMm << " mm\n";
    }
    return 0;
#else
    throw Error(o.figure + ": this insitu was built without plotting (INSITU_BUILD_GUI=OFF)");
#endif
}

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
    if (!o.figure.empty()) {
        if (!o.out.empty() || o.csv || o.kymographs || !o.plots.empty())
            throw Error("--figure writes one file; give --out, --csv, --kymographs or --plots "
                        "in another call");
        return writeFigure(o);
    }
    if (o.out.empty())
        throw Error(o.file + ": give --out DIR (tables and plots) or --figure FILE");
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
             ->group(kOutputsGroup);
         app.add_flag("--csv", o->csv,
                      "Write tidy CSV files (the default without --plots or --kymographs)");
         app.add_flag("--kymographs", o->kymographs,
                      "Write each stored kymograph as a calibrated float32 TIFF (x nm, y s)");
         app.add_option("--plots", o->plots, "Plot formats: png (300 dpi), svg, pdf")
             ->delimiter(',');
         app.add_flag("--json", o->json, "Print the files written as one JSON document");
         app.add_option("--figure", o->figure,
                        "Write a multi-panel figure of one movie (.pdf, .svg or .png)")
             ->group(kOutputsGroup);
         auto* frames = app.add_option("--figure-frames", o->figureFrames,
                                       "Frames shown (0-based; default first, middle, last)")
                            ->delimiter(',')
                            ->check(CLI::NonNegativeNumber);
         app.add_option("--figure-times", o->figureTimesS, "Frames nearest these times (s)")
             ->delimiter(',')
             ->check(finiteRange(-1e12, 1e12))
             ->excludes(frames);
         app.add_option("--figure-plots", o->figurePlots,
                        "kymograph,kinetics,areas (default: those the movie has)")
             ->delimiter(',');
         app.add_option("--overlays", o->overlays,
                        "Figure frames: rois,fronts,outlines,crystallinity,grains,phases")
             ->delimiter(',');
         app.add_option("--width-mm", o->widthMm, "Figure width (mm; 174 = two columns)")
             ->check(finiteRange(40, 1000));
         app.add_option("--dpi", o->dpi, "PNG resolution (dots per inch)")
             ->check(CLI::Range(50, 2400));
         app.add_flag("--drift-corrected", o->driftCorrected,
                      "Figure frames drift-corrected (the project's drift)");
         app.add_option("--contrast", o->contrast, "Figure frames: auto or LO,HI grey values");
         app.add_option("--movie", o->movieId, "Movie id in the project (default: first)");
         app.add_option("--movie-search-path", o->searchPaths, "Where to look for moved movies");
         return [o] { return run(*o); };
     }});

} // namespace

} // namespace insitu::cli
