// --pixel-size-nm and --frame-interval-s, shared by the analysis subcommands.

#include "calibration_options.h"

#include <cmath>
#include <iostream>

namespace insitu::cli {

namespace {

const CLI::Validator positiveFinite(
    [](std::string& text) -> std::string {
        try {
            const double v = std::stod(text);
            if (v > 0 && std::isfinite(v))
                return {};
        } catch (const std::exception&) {
        }
        return "must be a positive finite number, got '" + text + "'";
    },
    "POSITIVE");

} // namespace

void addCalibrationOptions(CLI::App& app, CalibrationOverride& override)
{
    app.add_option("--pixel-size-nm", override.nmPerPixel,
                   "Pixel size (nm/px): sets or overrides the file's calibration")
        ->check(positiveFinite);
    app.add_option("--frame-interval-s", override.frameIntervalS,
                   "Time between frames (s): sets or overrides the file's calibration")
        ->check(positiveFinite);
}

void applyCalibrationOverride(Movie& movie, const CalibrationOverride& override)
{
    Calibration c = movie.calibration();
    const std::string file = movie.info().path.string();
    if (override.nmPerPixel) {
        if (c.nmPerPixel && *c.nmPerPixel != *override.nmPerPixel)
            std::cerr << file << ": note: pixel size " << *c.nmPerPixel << " nm/px replaced by "
                      << *override.nmPerPixel << " (--pixel-size-nm)\n";
        c.nmPerPixel = override.nmPerPixel;
    }
    if (override.frameIntervalS) {
        if (c.frameIntervalS && *c.frameIntervalS != *override.frameIntervalS)
            std::cerr << file << ": note: frame interval " << *c.frameIntervalS << " s replaced by "
                      << *override.frameIntervalS << " (--frame-interval-s)\n";
        c.frameIntervalS = override.frameIntervalS;
        c.timestampsS.clear(); // the user's interval wins over per-frame stamps
    }
    if (override.timeZeroFrame)
        c.timeZeroFrame = *override.timeZeroFrame;
    movie.setCalibration(c);
}

} // namespace insitu::cli
