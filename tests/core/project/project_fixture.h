#pragma once
// A Project with every field set to a distinctive, non-default value, for round-trip tests.

#include "insitu/project/project.h"

namespace insitu::test {

[[nodiscard]] inline FitResult sampleFit(double scale)
{
    FitResult fit;
    fit.model = "parabolic";
    fit.formula = "L0 + k*sqrt(t - t0)";
    fit.params = {
        {"L0_nm", 1.25 * scale, 0.03, 1.19, 1.31, 1.1, 1.4, 0.04, false, true},
        {"k_nm_per_sqrt_s", 2.5, 0.1, 2.3, 2.7, std::nullopt, std::nullopt, std::nullopt, false,
         false},
        {"t0_s", 0.0, 0.0, 0.0, 0.0, std::nullopt, 0.5, std::nullopt, true, false},
    };
    fit.r2 = 0.987654321;
    fit.aic = -12.5;
    fit.bic = -10.25;
    fit.rss = 0.123456789012345;
    fit.pointCount = 4;
    fit.x = {0.0, 0.5, 1.0, 1.5};
    fit.residuals = {0.01, -0.02, 0.015, -1e-9};
    fit.windowStart = 0.0;
    fit.windowEnd = 1.5;
    fit.excluded = {7, 9};
    fit.verdict = "diffusion-limited: L ∝ √t";
    fit.deltaAic = 4.75;
    fit.candidateAic = {{"linear", 3.5}, {"parabolic", -12.5}};
    fit.xUnit = "s";
    fit.yUnit = "nm";
    fit.degreesOfFreedom = 2;
    fit.residualSd = 0.0123;
    fit.converged = false;
    fit.iterations = 17;
    fit.bootstrapSamples = 500;
    fit.bootstrapBlockLength = 3;
    fit.bootstrapSeed = 18446744073709551557ULL;
    fit.ciMethod = "moving-block-bootstrap";
    fit.ciBlockLength = 6;
    fit.ciEffectiveSamples = 37.5;
    return fit;
}

/// Every field of Project (and of the shared result types) differs from its default.
[[nodiscard]] inline Project fullProject()
{
    Project p;
    p.name = "Li into Si nanowire — run 3";
    p.nextRoiId = 12;
    p.nextMovieId = 3;

    ProjectMovie m;
    m.id = 2;
    m.path = "/data/insitu/mövie 1.tif";
    m.width = 512;
    m.height = 256;
    m.frameCount = 4;
    m.fileSizeBytes = 5'000'000'123ULL;
    m.fingerprint = "sha256-sampled-v1:00ff";
    m.fileCalibration.nmPerPixel = 0.123;
    m.fileCalibration.frameIntervalS = 0.04;
    m.fileCalibration.timestampsS = {0.0, 0.041, 0.079, 0.12};
    m.fileCalibration.timeZeroFrame = 1;
    m.calibrationOverride.nmPerPixel = 0.125;
    m.calibrationOverride.frameIntervalS = 0.05;
    m.calibrationOverride.timeZeroFrame = 2;
    m.driftOptions.reference = DriftReference::Previous;
    m.driftOptions.runningMeanFrames = 7;
    m.driftOptions.regionPx = std::array<int, 4>{10, 20, 300, 200};
    m.driftOptions.lowPassSigmaCyclesPerPx = 0.25;
    m.driftOptions.highPassSigmaCyclesPerPx = 0.01;
    m.driftOptions.binning = 2;
    m.driftOptions.minQuality = 0.3;
    m.driftOptions.minRelativeQuality = 0.45;
    m.driftOptions.whiteningExponent = 0.75;
    m.driftOptions.meanSecondPass = false;

    ProjectDrift drift;
    drift.result.options = m.driftOptions;
    drift.result.options.reference = DriftReference::First;
    drift.result.dxPx = {0.0, 0.5, -1.25, 3.0625};
    drift.result.dyPx = {0.0, -0.1, 0.2, 1e-12};
    drift.result.quality = {1.0, 0.9, 0.2, 0.8};
    drift.result.interpolated = {false, false, true, false};
    drift.provenance = {"0.1.0", R"({"reference":"first"})", {"movie:2"}, "2024-05-01T12:00:00Z"};
    m.drift = drift;

    Roi line;
    line.id = 4;
    line.name = "wire axis";
    line.shape = RoiShape::Polyline;
    line.points = {{1.5, 2.5}, {100.25, 50.0}, {200.0, 60.0}};
    line.widthPx = 5.0;
    line.rgb = {0, 114, 178};
    Roi ellipse;
    ellipse.id = 9;
    ellipse.name = "particle";
    ellipse.shape = RoiShape::Ellipse;
    ellipse.points = {{10, 10}, {20, 30}};
    ellipse.widthPx = 2.0;
    ellipse.rgb = {213, 94, 0};
    m.rois = {line, ellipse};

    ProjectFronts fronts;
    fronts.result.roiId = 4;
    fronts.result.options = {.frontCount = 2,
                             .maxStepPxPerFrame = 1.5,
                             .monotonic = false,
                             .refineWindowFrames = 5,
                             .direction = FrontDirection::Backward,
                             .brighterSide = BrighterSide::Behind,
                             .edgeSigmaPx = 2.5,
                             .timeSigmaFrames = 3.5,
                             .stepChangePenalty = 0.75,
                             .presenceThreshold = 1.25,
                             .minFrames = 4,
                             .minTravelPx = 7.5,
                             .priorSigmaPx = 0.5};
    FrontTrack a;
    a.index = 0;
    a.frames = {0, 1, 3};
    a.positionsPx = {10.0, 11.5, 13.25};
    a.confidence = {0.9, 0.8, 0.95};
    a.framePositionsPx = {10.25, 11.0, 13.5};
    a.frameStdPx = {0.4, 0.55, 0.3};
    a.pins = {{1, 11.0}, {3, 13.0}};
    a.brighterAhead = false;
    a.direction = -1;
    a.fit = sampleFit(1.0);
    FrontTrack b;
    b.index = 1;
    b.frames = {2};
    b.positionsPx = {40.0};
    b.confidence = {0.5}; // no per-frame estimates: a result made before they existed
    fronts.result.fronts = {a, b};
    fronts.kymograph = ImageF32{4, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12.5f}};
    fronts.kymographStepPx = 0.995;
    fronts.provenance = {
        "0.1.0", R"({"fronts":2})", {"movie:2", "roi:4", "drift:movie:2"}, "2024-05-01T12:01:00Z"};
    m.fronts = {fronts};
    m.markers = {{0.5, "coating cracks"}, {1.25, "beam blanked"}};
    m.frontSettings.tracking.frontCount = 3;
    m.frontSettings.tracking.direction = FrontDirection::Forward;
    m.frontSettings.bandWidthPx = 12.5;
    m.frontSettings.fit = {"formula", "L0 + v*t", 1.5, 9.25};

    ProjectMovie bare; // a movie with nothing measured: optional parts stay absent
    bare.id = 1;
    bare.path = "relative/other.dm4";
    bare.fileSizeBytes = 10;
    p.movies = {m, bare};

    ProjectFit fit;
    fit.name = "thickness vs time";
    fit.xName = "time_s";
    fit.yName = "thickness_nm";
    fit.result = sampleFit(2.0);
    fit.result.windowStart.reset();
    fit.provenance = {"0.1.0", "{}", {"table:oxide"}, "2024-05-02T08:00:00Z"};
    p.fits = {fit};

    ResultTable table;
    table.name = "oxide";
    table.columns = {{"time", "s", {0, 1, 2}},
                     {"thickness", "nm", {1.5, 2.5, 3.25}},
                     {"ratio", "", {0.1, 0.2, 0.3}}};
    table.provenance = {"0.1.0", R"({"source":"manual"})", {}, "2024-05-02T08:00:00Z"};
    p.tables = {table, ResultTable{"empty", {}, {}}};
    return p;
}

} // namespace insitu::test
