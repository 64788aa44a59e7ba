// `insitu synth SCENE -o MOVIE.tif [--truth TRUTH.json] [--seed N] [options]`: synthetic movies
// with known truth (scenes: nanowire-front, drift, expanding-particle, particles, grain-film,
// hrtem).

#include "command_registry.h"
#include "number_checks.h"
#include "output.h"
#include "output_paths.h"
#include "synth_grain_film.h"
#include "synth_hrtem.h"

#include "insitu/error.h"
#include "insitu/synth/synth.h"

#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace insitu::cli {

namespace {

struct SynthCliOptions
{
    std::string scene;
    std::string output;
    std::string truth;
    std::optional<std::uint64_t> seed;
    std::optional<int> frames, width, height, supersample, fronts, particles;
    std::optional<double> dose, nmPerPixel, frameIntervalS, driftStepPx, flicker, illumination,
        angleDeg;
    std::optional<std::string> law;
    std::vector<double> velocities;
    std::vector<double> speedsPxPerFrame; // leading[,trailing], instead of --velocity
    std::vector<double> onsetsS;
    std::vector<double> startsPx;
    std::optional<double> lengthPx, wireWidthPx;
    std::optional<double> survivalCutoffNm, fringeSpacingNm; // particles scene
    bool haadf = false;                                      // particles scene
    bool noNoise = false;
    bool noDrift = false;
};

void requireScene(const SceneSpec& spec, bool applies, const char* option, const char* scenes)
{
    (void)spec;
    if (!applies)
        throw Error(std::string("synth: ") + option + " applies to " + scenes + " only");
}

/// Sets leading (values[0]) and trailing (values[1]) kinetics from a per-front option.
template <typename Apply>
void applyPerFront(const std::vector<double>& values, const char* option, Apply apply,
                   NanowireFrontScene& wire)
{
    if (values.size() > 2)
        throw Error(std::string("synth: ") + option + " takes one value per front (at most 2)");
    if (!values.empty())
        apply(wire.leading, values[0]);
    if (values.size() == 2)
        apply(wire.trailing, values[1]);
}

/// The generic imaging options (seed, size, dose, noise, drift, …) applied to im.
void applyImagingOptions(const SynthCliOptions& o, ImagingOptions& im)
{
    if (o.seed)
        im.seed = *o.seed;
    if (o.frames)
        im.frames = *o.frames;
    if (o.width)
        im.width = *o.width;
    if (o.height)
        im.height = *o.height;
    if (o.supersample)
        im.supersample = *o.supersample;
    if (o.dose)
        im.dosePerPx = *o.dose;
    if (o.nmPerPixel)
        im.nmPerPixel = *o.nmPerPixel;
    if (o.frameIntervalS)
        im.frameIntervalS = *o.frameIntervalS;
    if (o.driftStepPx)
        im.driftStepPx = *o.driftStepPx;
    if (o.flicker)
        im.flickerRelative = *o.flicker;
    if (o.illumination)
        im.illuminationGradient = *o.illumination;
    if (o.noNoise)
        im.poissonNoise = false;
    if (o.noDrift)
        im.drift = false;
}

SceneSpec buildScene(const SynthCliOptions& o)
{
    SceneSpec spec = defaultScene(o.scene);
    ImagingOptions& im = imagingOf(spec);
    const int defaultWidth = im.width;
    const int defaultHeight = im.height;
    applyImagingOptions(o, im);
    const double sx = static_cast<double>(im.width) / defaultWidth;
    const double sy = static_cast<double>(im.height) / defaultHeight;

    auto* wire = std::get_if<NanowireFrontScene>(&spec);
    const bool wireOptions = o.law || o.fronts || !o.velocities.empty() || o.angleDeg ||
                             !o.speedsPxPerFrame.empty() || !o.onsetsS.empty() ||
                             !o.startsPx.empty() || o.lengthPx || o.wireWidthPx;
    requireScene(spec, wire || !wireOptions,
                 "--law/--fronts/--velocity/--speed-px-per-frame/--onset/--start-px/--length-px/"
                 "--wire-width-px/--angle-deg",
                 "nanowire-front");
    requireScene(spec, !o.particles || !std::holds_alternative<ExpandingParticleScene>(spec),
                 "--particles", "nanowire-front, drift and particles");
    if (wire) {
        // Keep the wire in the frame when the size changes.
        wire->contactXPx *= sx;
        wire->lengthPx *= sx;
        wire->contactYPx *= sy;
        if (o.fronts)
            wire->fronts = *o.fronts;
        if (o.angleDeg)
            wire->angleDeg = *o.angleDeg;
        if (o.particles)
            wire->particleCount = *o.particles;
        if (o.law) {
            if (*o.law == "linear") {
                wire->law = FrontLaw::Linear;
            } else if (*o.law == "sqrt") {
                wire->law = FrontLaw::Sqrt;
                wire->leading.rateNm = 8.0; // nm/√s: ~100 nm in 150 s
                wire->trailing.rateNm = 2.7;
            } else {
                throw Error("synth: --law must be linear or sqrt");
            }
        }
        if (o.lengthPx)
            wire->lengthPx = *o.lengthPx;
        if (o.wireWidthPx)
            wire->halfWidthPx = *o.wireWidthPx / 2;
        applyPerFront(
            o.velocities, "--velocity", [&](FrontKinetics& k, double v) { k.rateNm = v; }, *wire);
        if (!o.speedsPxPerFrame.empty() && wire->law != FrontLaw::Linear)
            throw Error("synth: --speed-px-per-frame applies to --law linear only");
        const double nmPerSPerPxPerFrame = im.nmPerPixel / im.frameIntervalS;
        applyPerFront(
            o.speedsPxPerFrame, "--speed-px-per-frame",
            [&](FrontKinetics& k, double v) { k.rateNm = v * nmPerSPerPxPerFrame; }, *wire);
        applyPerFront(
            o.onsetsS, "--onset", [](FrontKinetics& k, double t) { k.onsetS = t; }, *wire);
        applyPerFront(
            o.startsPx, "--start-px", [](FrontKinetics& k, double x) { k.startPx = x; }, *wire);
    }
    if (auto* drift = std::get_if<DriftScene>(&spec); drift && o.particles)
        drift->particleCount = *o.particles;
    if (auto* field = std::get_if<ParticleFieldScene>(&spec); field && o.particles)
        field->particleCount = *o.particles;
    requireScene(spec, !o.haadf || std::holds_alternative<ParticleFieldScene>(spec), "--haadf",
                 "particles");
    if (auto* field = std::get_if<ParticleFieldScene>(&spec)) {
        field->survivalCutoffNm = o.survivalCutoffNm;
        field->fringeSpacingNm = o.fringeSpacingNm;
        field->haadf = o.haadf;
    }
    if (auto* growing = std::get_if<ExpandingParticleScene>(&spec))
        for (GrowingParticle& p : growing->particles) {
            p.xPx *= sx;
            p.yPx *= sy;
        }
    return spec;
}

int run(const SynthCliOptions& options, bool cycled)
{
    if (options.scene == "grain-film")
        return runGrainFilm({options.output, options.truth, options.seed, options.width,
                             options.height, options.dose, options.nmPerPixel, cycled,
                             options.noNoise});
    if (options.scene == "hrtem") {
        ImagingOptions imaging = hrtemImaging();
        applyImagingOptions(options, imaging);
        return runHrtem(imaging, options.output, options.truth);
    }
    const SceneSpec spec = buildScene(options);
    TerminalProgress progress;
    const SceneTruth truth = writeScene(spec, options.output, progress);
    if (!options.truth.empty())
        writeTruthJson(truth, options.truth);
    const ImagingOptions& im = truth.imaging;
    std::cout << "wrote " << options.output << ": " << truth.scene << ", " << im.frames
              << " frames of " << im.width << " x " << im.height << " px, " << im.nmPerPixel
              << " nm/px, " << im.frameIntervalS << " s/frame, dose " << im.dosePerPx
              << " counts/px" << (options.truth.empty() ? "" : ", truth in " + options.truth)
              << '\n';
    return 0;
}

const bool registered = registerCommand(
    {"synth",
     "Render a synthetic in-situ movie with known truth (nanowire-front, drift, "
     "expanding-particle, particles, grain-film, hrtem)",
     [](CLI::App& app) {
         auto o = std::make_shared<SynthCliOptions>();
         app.add_option("SCENE", o->scene,
                        "nanowire-front | drift | expanding-particle | particles | grain-film | "
                        "hrtem")
             ->required()
             ->check(CLI::IsMember({"nanowire-front", "drift", "expanding-particle", "particles",
                                    "grain-film", "hrtem"}));
         auto cycled = std::make_shared<bool>(false);
         app.add_flag("--cycled", *cycled, "grain-film: after cycling (10 nm grains, pores)");
         app.add_option("-o,--output", o->output, "Output ImageJ TIFF stack (uint16)")
             ->required()
             ->group(kOutputsGroup);
         app.add_option("--truth", o->truth, "Write the truth JSON here")->group(kOutputsGroup);
         app.add_option("--seed", o->seed, "Random seed (default 1)");
         app.add_option("--frames", o->frames, "Number of frames")->check(finiteRange(1, 100000));
         app.add_option("--width", o->width, "Frame width (px)")->check(finiteRange(8, 8192));
         app.add_option("--height", o->height, "Frame height (px)")->check(finiteRange(8, 8192));
         app.add_option("--dose", o->dose, "Mean counts per pixel on bare support")
             ->check(finiteRange(1e-3, 60000.0));
         app.add_option("--pixel-size-nm", o->nmPerPixel, "Pixel size (nm/px)")
             ->check(positiveFinite());
         app.add_option("--frame-interval-s", o->frameIntervalS, "Frame interval (s)")
             ->check(positiveFinite());
         app.add_flag("--no-noise", o->noNoise, "Expected counts without Poisson noise");
         app.add_flag("--no-drift", o->noDrift, "No specimen drift");
         app.add_option("--drift-step-px", o->driftStepPx, "Random-walk drift step std (px/frame)")
             ->check(finiteRange(0.0, 10.0));
         app.add_option("--flicker", o->flicker, "Relative std of the per-frame gain")
             ->check(finiteRange(0.0, 0.5));
         app.add_option("--illumination", o->illumination, "Uneven illumination amplitude (0..0.9)")
             ->check(finiteRange(0.0, 0.9));
         app.add_option("--supersample", o->supersample, "Subsamples per axis near edges")
             ->check(finiteRange(1, 8));
         app.add_option("--law", o->law, "nanowire-front: front law linear | sqrt");
         app.add_option("--fronts", o->fronts, "nanowire-front: 1 or 2 fronts")
             ->check(finiteRange(1, 2));
         auto* velocity = app.add_option(
             "--velocity", o->velocities,
             "nanowire-front: leading[,trailing] rate (nm/s linear, nm/sqrt(s) sqrt)");
         velocity->delimiter(',');
         app.add_option("--speed-px-per-frame", o->speedsPxPerFrame,
                        "nanowire-front: leading[,trailing] speed in px/frame (linear law; "
                        "instead of --velocity)")
             ->delimiter(',')
             ->check(nonNegativeFinite())
             ->excludes(velocity);
         app.add_option("--onset", o->onsetsS,
                        "nanowire-front: leading[,trailing] time the front starts moving (s)")
             ->delimiter(',');
         app.add_option("--start-px", o->startsPx,
                        "nanowire-front: leading[,trailing] position at onset (px from the "
                        "contact end)")
             ->delimiter(',');
         app.add_option("--length-px", o->lengthPx,
                        "nanowire-front: wire length (px); longer than the frame: the truth line "
                        "ends at the frame's edge")
             ->check(finiteRange(11.0, 100000.0));
         app.add_option("--wire-width-px", o->wireWidthPx,
                        "nanowire-front: pristine wire width (px)")
             ->check(finiteRange(2.5, 4000.0));
         app.add_option("--angle-deg", o->angleDeg, "nanowire-front: wire axis angle (deg)")
             ->check(finiteRange(-60.0, 60.0));
         app.add_option("--particles", o->particles, "Number of particles")
             ->check(finiteRange(0, 100000));
         app.add_option("--survival-cutoff-nm", o->survivalCutoffNm,
                        "particles: only larger particles survive in the right half (d*, nm)")
             ->check(positiveFinite());
         app.add_option("--fringes-nm", o->fringeSpacingNm,
                        "particles: lattice fringes of this spacing inside the particles (nm)")
             ->check(positiveFinite());
         app.add_flag("--haadf", o->haadf,
                      "particles: HAADF-STEM-like, bright particles on a lumpy support");
         return [o, cycled] { return run(*o, *cycled); };
     }});

} // namespace

} // namespace insitu::cli
