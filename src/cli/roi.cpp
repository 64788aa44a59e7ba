// `insitu roi import FILE.roi|RoiSet.zip [--project P.h5] [--movie ID] [--json]` and
// `insitu roi export PROJECT -o RoiSet.zip|X.roi [--movie ID] [--outlines]`: ImageJ ROI interop.

#include "command_registry.h"
#include "output.h"

#include "insitu/error.h"
#include "insitu/project/project_file.h"
#include "insitu/roi/imagej_roi.h"

#include <iostream>
#include <memory>

namespace insitu::cli {

namespace {

struct RoiCliOptions
{
    std::string file;    // import: the .roi / .zip; export: the project
    std::string project; // import --project
    std::string output;  // export -o
    std::optional<int> movieId;
    bool outlines = false; // export --outlines
    bool json = false;
};

nlohmann::json pointsJson(const std::vector<PointPx>& points)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : points)
        out.push_back({p.x, p.y});
    return out;
}

/// The JSON of one ImageJ ROI (coordinates in the workbench's convention).
nlohmann::json roiJson(const ImageJRoi& roi)
{
    nlohmann::json j{{"name", roi.name}, {"type", imageJRoiTypeName(roi.type)}};
    switch (roi.type) {
    case ImageJRoiType::Rectangle:
    case ImageJRoiType::Oval:
        j["x"] = roi.xPx, j["y"] = roi.yPx, j["width"] = roi.widthPx, j["height"] = roi.heightPx;
        break;
    case ImageJRoiType::Composite: {
        nlohmann::json paths = nlohmann::json::array();
        for (const auto& path : roi.paths)
            paths.push_back(pointsJson(path));
        j["paths_px"] = paths;
        j["x"] = roi.xPx, j["y"] = roi.yPx, j["width"] = roi.widthPx, j["height"] = roi.heightPx;
        break;
    }
    default:
        j["points_px"] = pointsJson(roi.points);
        break;
    }
    if (roi.strokeWidthPx > 0)
        j["width_px"] = roi.strokeWidthPx;
    const auto frame = roi.frame();
    j["frame"] = frame ? nlohmann::json(*frame) : nlohmann::json(nullptr);
    return j;
}

ProjectMovie& pickMovie(Project& project, const std::optional<int>& id, const std::string& file)
{
    if (project.movies.empty())
        throw Error(file + ": the project holds no movie to attach ROIs to");
    if (!id)
        return project.movies.front();
    if (ProjectMovie* movie = project.movie(*id))
        return *movie;
    throw Error(file + ": the project has no movie with id " + std::to_string(*id));
}

int runImport(const RoiCliOptions& o)
{
    const auto rois = readImageJRois(o.file);
    std::vector<std::string> notes;
    std::vector<Roi> converted;
    for (const auto& roi : rois)
        for (auto& ours : toWorkbenchRois(roi, notes))
            converted.push_back(std::move(ours));
    if (!o.project.empty()) {
        Project project = loadProject(o.project);
        ProjectMovie& movie = pickMovie(project, o.movieId, o.project);
        for (auto& roi : converted) {
            roi.id = project.nextRoiId++;
            movie.rois.push_back(roi);
        }
        saveProject(project, o.project);
    }
    for (const auto& note : notes)
        std::cerr << o.file << ": note: " << note << '\n';
    if (o.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& roi : rois)
            list.push_back(roiJson(roi));
        printJson({{"rois", list}});
    } else {
        for (const auto& roi : rois)
            std::cout << roi.name << ": " << imageJRoiTypeName(roi.type) << '\n';
        if (!o.project.empty())
            std::cout << converted.size() << " ROI(s) added to " << o.project << '\n';
    }
    return 0;
}

int runExport(const RoiCliOptions& o)
{
    Project project = loadProject(o.file);
    const ProjectMovie& movie = pickMovie(project, o.movieId, o.file);
    std::vector<ImageJRoi> rois;
    for (const auto& roi : movie.rois)
        rois.push_back(toImageJRoi(roi));
    if (o.outlines) {
        if (!movie.areas)
            throw Error(o.file + ": movie " + std::to_string(movie.id) +
                        " has no particle outlines (run insitu area --project)");
        const auto outlines = areaOutlineRois(movie.areas->result);
        rois.insert(rois.end(), outlines.begin(), outlines.end());
    }
    if (rois.empty())
        throw Error(o.file + ": movie " + std::to_string(movie.id) + " has no ROIs to export");
    const std::filesystem::path out(o.output);
    if (out.extension() == ".roi") {
        if (rois.size() != 1)
            throw Error(o.output + ": a .roi file holds one ROI; the movie has " +
                        std::to_string(rois.size()) + " (write a .zip)");
        writeImageJRoi(rois.front(), out);
    } else
        writeImageJRoiSet(rois, out);
    if (o.json)
        printJson({{"file", o.output}, {"rois", rois.size()}});
    return 0;
}

const bool registered = registerCommand(
    {"roi", "ImageJ ROI interop: import .roi / RoiSet.zip, export a project's ROIs",
     [](CLI::App& app) {
         auto o = std::make_shared<RoiCliOptions>();
         app.require_subcommand(1);
         CLI::App* import = app.add_subcommand("import", "Read ImageJ .roi or RoiSet.zip");
         import->add_option("FILE", o->file, "A .roi file or an ROI Manager RoiSet.zip")
             ->required()
             ->check(CLI::ExistingFile);
         import->add_option("--project", o->project,
                            "Add the ROIs to this project's movie (saved in place)");
         import->add_option("--movie", o->movieId, "Movie id in the project (default: first)");
         import->add_flag("--json", o->json, "Print one JSON document");
         CLI::App* exporter = app.add_subcommand("export", "Write a project's ROIs for ImageJ");
         exporter->add_option("PROJECT", o->file, "Project file (.h5)")
             ->required()
             ->check(CLI::ExistingFile);
         exporter->add_option("-o,--output", o->output, "RoiSet.zip (or X.roi for one ROI)")
             ->required();
         exporter->add_option("--movie", o->movieId, "Movie id in the project (default: first)");
         exporter->add_flag("--outlines", o->outlines,
                            "Also the areas' particle outlines, one polygon per particle and "
                            "frame, positioned on its frame");
         exporter->add_flag("--json", o->json, "Print one JSON document");
         return [o, import] { return import->parsed() ? runImport(*o) : runExport(*o); };
     }});

} // namespace

} // namespace insitu::cli
