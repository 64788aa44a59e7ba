// `insitu info FILE [--json]`: what a movie file holds, per architecture.md.

#include "command_registry.h"
#include "output.h"

#include "insitu/io/movie.h"

#include <iostream>
#include <memory>

namespace insitu::cli {

namespace {

struct InfoOptions
{
    std::string file;
    bool json = false;
};

nlohmann::json infoJson(const MovieInfo& info)
{
    const auto& cal = info.calibration;
    return {
        {"file", info.path.string()},
        {"format", info.format},
        {"frames", info.frameCount},
        {"width", info.width},
        {"height", info.height},
        {"dtype", std::string(numpyName(info.pixelType))},
        {"pixel_size_nm", numberOrNull(cal.nmPerPixel)},
        {"frame_interval_s", numberOrNull(cal.frameIntervalS)},
        {"timestamps_s",
         cal.timestampsS.empty() ? nlohmann::json(nullptr) : nlohmann::json(cal.timestampsS)},
        {"notes", info.notes},
        {"metadata", info.metadata},
    };
}

void printHuman(const MovieInfo& info)
{
    const auto& cal = info.calibration;
    std::cout << info.path.string() << '\n'
              << "  format:         " << info.format << '\n'
              << "  frames:         " << info.frameCount << '\n'
              << "  size:           " << info.width << " x " << info.height << " px, "
              << numpyName(info.pixelType) << '\n'
              << "  pixel size:     "
              << (cal.nmPerPixel ? std::to_string(*cal.nmPerPixel) + " nm/px" : "unknown") << '\n'
              << "  frame interval: "
              << (cal.frameIntervalS ? std::to_string(*cal.frameIntervalS) + " s" : "unknown")
              << '\n'
              << "  timestamps:     "
              << (cal.timestampsS.empty() ? "none" : "per frame, from the file") << '\n';
    for (const auto& note : info.notes)
        std::cout << "  note:           " << note << '\n';
}

int run(const InfoOptions& options)
{
    const auto movie = openMovie(options.file);
    if (options.json)
        printJson(infoJson(movie->info()));
    else
        printHuman(movie->info());
    return 0;
}

const bool registered = registerCommand(
    {"info", "Describe a movie file: format, size, calibration", [](CLI::App& app) {
         auto options = std::make_shared<InfoOptions>();
         app.add_option("FILE", options->file, "Movie file or folder of frames")->required();
         app.add_flag("--json", options->json, "Print one JSON document");
         return [options] { return run(*options); };
     }});

} // namespace

} // namespace insitu::cli
