// `insitu project show FILE.h5 [--json] [--movie-search-path DIR]...`: what a project holds;
// `insitu project relink FILE.h5 --movie-search-path DIR...`: point moved movies at their new
// place.

#include "command_registry.h"
#include "output.h"
#include "project_show_crystal.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"
#include "insitu/json_text.h"
#include "insitu/kinetics/fit_json.h"
#include "insitu/project/project_file.h"

#include <iostream>
#include <memory>

namespace insitu::cli {

namespace {

struct ProjectCliOptions
{
    std::string file;
    bool json = false;
    std::vector<std::string> searchPaths;
};

std::vector<std::filesystem::path> paths(const std::vector<std::string>& texts)
{
    return {texts.begin(), texts.end()};
}

nlohmann::json provenanceJson(const Provenance& p)
{
    // deeply nested or invalid parameters are shown as the text they are
    nlohmann::json parameters = parseJsonLimited(p.parametersJson).value_or(p.parametersJson);
    return {{"program_version", p.programVersion},
            {"parameters", parameters},
            {"input_ids", p.inputIds},
            {"created", p.createdUtc}};
}

nlohmann::json movieJson(const ProjectMovie& movie,
                         const std::vector<std::filesystem::path>& search)
{
    const Calibration cal = movie.effectiveCalibration();
    const auto found = locateMovie(movie, search);
    nlohmann::json rois = nlohmann::json::array();
    for (const auto& roi : movie.rois)
        rois.push_back({{"id", roi.id},
                        {"name", roi.name},
                        {"shape", roiShapeName(roi.shape)},
                        {"points", roi.points.size()},
                        {"width_px", roi.widthPx}});
    nlohmann::json fronts = nlohmann::json::array();
    for (const auto& f : movie.fronts) {
        nlohmann::json tracks = nlohmann::json::array();
        for (const auto& track : f.result.fronts)
            tracks.push_back(
                {{"index", track.index},
                 {"frames", track.frames.size()},
                 {"pins", track.pins.size()},
                 {"fit", track.fit ? fitToJson(*track.fit) : nlohmann::json(nullptr)}});
        fronts.push_back(
            {{"roi_id", f.result.roiId},
             {"fronts", tracks},
             {"kymograph", f.kymograph ? nlohmann::json({f.kymograph->rows, f.kymograph->cols})
                                       : nlohmann::json(nullptr)},
             {"provenance", provenanceJson(f.provenance)}});
    }
    nlohmann::json markers = nlohmann::json::array();
    for (const auto& m : movie.markers)
        markers.push_back({{"time_s", m.timeS}, {"label", m.label}});
    nlohmann::json particles = nullptr;
    if (movie.particles) {
        const ParticleResult& r = movie.particles->result;
        nlohmann::json regions = nlohmann::json::array();
        for (const auto& s : r.regions)
            regions.push_back({{"name", s.name}, {"count", s.count}});
        particles = {{"frames", {movie.particles->firstFrame, movie.particles->lastFrame}},
                     {"particles", r.particles.size()},
                     {"regions", regions},
                     {"critical_size", r.comparison && r.comparison->criticalSize
                                           ? nlohmann::json(r.comparison->criticalSize->value)
                                           : nlohmann::json(nullptr)},
                     {"size_unit", r.nmPerPixel ? "nm" : "px"},
                     {"edits", movie.particles->edits.size()},
                     {"provenance", provenanceJson(movie.particles->provenance)}};
    }
    nlohmann::json drift = nullptr;
    if (movie.drift)
        drift = {{"frames", movie.drift->result.frameCount()},
                 {"provenance", provenanceJson(movie.drift->provenance)}};
    return {{"id", movie.id},
            {"path", movie.path.string()},
            {"found_at", found ? nlohmann::json(found->string()) : nlohmann::json(nullptr)},
            {"moved", found && *found != movie.path},
            {"file_size_bytes", movie.fileSizeBytes},
            {"fingerprint", movie.fingerprint},
            {"width", movie.width},
            {"height", movie.height},
            {"frames", movie.frameCount},
            {"pixel_size_nm", numberOrNull(cal.nmPerPixel)},
            {"frame_interval_s", numberOrNull(cal.frameIntervalS)},
            {"time_zero_frame", cal.timeZeroFrame},
            {"rois", rois},
            {"drift", drift},
            {"fronts", fronts},
            {"particles", particles},
            {"markers", markers}};
}

nlohmann::json projectJson(const std::string& file, const Project& project,
                           const std::vector<std::filesystem::path>& search)
{
    nlohmann::json movies = nlohmann::json::array();
    for (const auto& movie : project.movies) {
        nlohmann::json entry = movieJson(movie, search);
        entry.update(crystalResultsJson(movie)); // "fft", "grains"
        movies.push_back(std::move(entry));
    }
    nlohmann::json fits = nlohmann::json::array();
    for (const auto& fit : project.fits)
        fits.push_back({{"name", fit.name},
                        {"x", fit.xName},
                        {"y", fit.yName},
                        {"fit", fitToJson(fit.result)},
                        {"provenance", provenanceJson(fit.provenance)}});
    nlohmann::json tables = nlohmann::json::array();
    for (const auto& table : project.tables) {
        nlohmann::json columns = nlohmann::json::array();
        for (const auto& c : table.columns)
            columns.push_back({{"name", c.name}, {"unit", c.unit}, {"rows", c.values.size()}});
        tables.push_back({{"name", table.name}, {"columns", columns}});
    }
    return {{"file", file},         {"format_version", kProjectFormatVersion},
            {"name", project.name}, {"movies", movies},
            {"fits", fits},         {"tables", tables}};
}

std::string orUnknown(const std::optional<double>& value, const std::string& unit)
{
    return value ? formatCsvNumber(*value) + " " + unit : "unknown";
}

void printHuman(const std::string& file, const Project& project,
                const std::vector<std::filesystem::path>& search)
{
    std::cout << file << "\n  project:  " << project.name << "\n";
    for (const auto& movie : project.movies) {
        const Calibration cal = movie.effectiveCalibration();
        const auto found = locateMovie(movie, search);
        std::cout << "  movie " << movie.id << ":  " << movie.path.string() << '\n'
                  << "    status:      "
                  << (!found                 ? "MISSING (try --movie-search-path DIR)"
                      : *found == movie.path ? "found, fingerprint matches"
                                             : "moved to " + found->string())
                  << '\n'
                  << "    size:        " << movie.width << " x " << movie.height << " px, "
                  << movie.frameCount << " frames, " << movie.fileSizeBytes << " bytes\n"
                  << "    pixel size:  " << orUnknown(cal.nmPerPixel, "nm/px") << '\n'
                  << "    interval:    " << orUnknown(cal.frameIntervalS, "s/frame")
                  << ", time zero at frame " << cal.timeZeroFrame << '\n'
                  << "    drift:       "
                  << (movie.drift ? std::to_string(movie.drift->result.frameCount()) + " frames"
                                  : std::string("not measured"))
                  << '\n'
                  << "    ROIs:        " << movie.rois.size() << '\n';
        for (const auto& f : movie.fronts) {
            std::cout << "    fronts on ROI " << f.result.roiId << ": " << f.result.fronts.size()
                      << '\n';
            for (const auto& track : f.result.fronts) {
                std::cout << "      front " << track.index << ": " << track.frames.size()
                          << " frames";
                if (track.fit) {
                    std::cout << ", " << track.fit->model << " fit";
                    for (const auto& p : track.fit->params)
                        std::cout << "  " << p.name << " = "
                                  << formatWithUncertainty(p.value, p.standardError);
                    if (!track.fit->verdict.empty())
                        std::cout << "\n               verdict: " << track.fit->verdict;
                }
                std::cout << '\n';
            }
        }
        printCrystalResults(std::cout, movie);
        if (movie.particles) {
            const ParticleResult& r = movie.particles->result;
            std::cout << "    particles:   " << r.particles.size() << " on frames "
                      << movie.particles->firstFrame << ".." << movie.particles->lastFrame;
            for (const auto& s : r.regions)
                std::cout << ", " << s.name << " " << s.count;
            if (r.comparison && r.comparison->criticalSize)
                std::cout << ", d* = " << formatCsvNumber(r.comparison->criticalSize->value)
                          << (r.nmPerPixel ? " nm" : " px");
            if (!movie.particles->edits.empty())
                std::cout << ", " << movie.particles->edits.size() << " hand edits";
            std::cout << '\n';
        }
        for (const auto& m : movie.markers)
            std::cout << "    marker:      " << formatCsvNumber(m.timeS) << " s  " << m.label
                      << '\n';
    }
    for (const auto& fit : project.fits)
        std::cout << "  fit:      " << fit.name << " (" << fit.result.model << ")\n";
    for (const auto& table : project.tables)
        std::cout << "  table:    " << table.name << " (" << table.columns.size() << " columns)\n";
}

int show(const ProjectCliOptions& o)
{
    const Project project = loadProject(o.file);
    if (o.json)
        printJson(projectJson(o.file, project, paths(o.searchPaths)));
    else
        printHuman(o.file, project, paths(o.searchPaths));
    return 0;
}

int relink(const ProjectCliOptions& o)
{
    Project project = loadProject(o.file);
    int moved = 0;
    for (auto& movie : project.movies) {
        const auto found = locateMovie(movie, paths(o.searchPaths));
        if (!found)
            throw Error(o.file + ": movie " + movie.path.string() +
                        " not found (same name and fingerprint) under the search paths");
        if (*found != movie.path) {
            std::cout << movie.path.string() << " -> " << found->string() << '\n';
            movie.path = *found;
            ++moved;
        }
    }
    if (moved > 0)
        saveProject(project, o.file);
    std::cout << moved << " movie(s) relinked\n";
    return 0;
}

const bool registered = registerCommand(
    {"project", "Show or relink a project file (.h5)", [](CLI::App& app) {
         app.require_subcommand(1);
         auto showOptions = std::make_shared<ProjectCliOptions>();
         CLI::App* showCommand = app.add_subcommand("show", "Summarise a project file");
         showCommand->add_option("FILE", showOptions->file, "Project file (.h5)")->required();
         showCommand->add_flag("--json", showOptions->json, "Print one JSON document");
         showCommand->add_option("--movie-search-path", showOptions->searchPaths,
                                 "Folder searched (recursively) for moved movies; repeatable");

         auto relinkOptions = std::make_shared<ProjectCliOptions>();
         CLI::App* relinkCommand =
             app.add_subcommand("relink", "Find moved movies by name and fingerprint, save paths");
         relinkCommand->add_option("FILE", relinkOptions->file, "Project file (.h5)")->required();
         relinkCommand
             ->add_option("--movie-search-path", relinkOptions->searchPaths,
                          "Folder searched (recursively) for moved movies; repeatable")
             ->required();
         return [showCommand, showOptions, relinkOptions] {
             return showCommand->parsed() ? show(*showOptions) : relink(*relinkOptions);
         };
     }});

} // namespace

} // namespace insitu::cli
