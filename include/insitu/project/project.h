#pragma once
// Project: the whole analysis as one plain value — movies, calibration, ROIs, results, provenance.

#include "insitu/calibration.h"
#include "insitu/front/front_result.h"
#include "insitu/kinetics/fit_result.h"
#include "insitu/project/batch_project.h"
#include "insitu/project/crystal_settings_project.h"
#include "insitu/project/fft_project.h"
#include "insitu/project/fronts_inputs_project.h"
#include "insitu/project/grains_project.h"
#include "insitu/project/particle_settings_project.h"
#include "insitu/project/timeline_project.h"
#include "insitu/registration/drift_result.h"
#include "insitu/roi/roi.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// Where a derived result came from: program version, parameters, inputs and time.
struct Provenance
{
    std::string programVersion;        ///< insitu::kVersion of the program that computed it
    std::string parametersJson = "{}"; ///< the options used, as one JSON document
    std::vector<std::string> inputIds; ///< e.g. "movie:0", "roi:3", "drift:movie:0"
    std::string createdUtc;            ///< ISO-8601 UTC time, e.g. "2024-05-01T12:00:00Z"

    bool operator==(const Provenance&) const = default;
};

} // namespace insitu

#include "insitu/project/area_project.h"      // needs Provenance
#include "insitu/project/particles_project.h" // needs Provenance

namespace insitu {

/// Provenance stamped now with this program's version (parametersJson must be valid JSON text).
[[nodiscard]] Provenance makeProvenance(std::string parametersJson,
                                        std::vector<std::string> inputIds);
/// The current UTC time as ISO-8601 with seconds, e.g. "2024-05-01T12:00:00Z".
[[nodiscard]] std::string isoTimeUtcNow();

/// User overrides of a movie's calibration; absent means "use the file's value".
struct CalibrationOverride
{
    std::optional<double> nmPerPixel;     ///< pixel size (nm/px)
    std::optional<double> frameIntervalS; ///< time between frames (s)
    std::optional<int> timeZeroFrame;     ///< frame whose time is t = 0

    bool operator==(const CalibrationOverride&) const = default;
};

/// A single-channel float image (row-major), e.g. a kymograph: rows = frames, cols = path samples.
struct ImageF32
{
    int rows = 0;
    int cols = 0;
    std::vector<float> values; ///< rows × cols, row-major

    bool operator==(const ImageF32&) const = default;
};

/// A drift measurement of one movie and where it came from.
struct ProjectDrift
{
    DriftResult result;
    Provenance provenance;

    bool operator==(const ProjectDrift&) const = default;
};

/// The fronts tracked along one path ROI, with the kymograph they were found in.
struct ProjectFronts
{
    FrontResult result;                ///< result.roiId names the ROI; pins live in the tracks
    std::optional<ImageF32> kymograph; ///< rows = frames, cols = samples along the path
    double kymographStepPx = 1.0;      ///< arc length between kymograph columns (px)
    Provenance provenance;

    bool operator==(const ProjectFronts&) const = default;
};

/// A user event on a movie's time axis, e.g. "coating cracks".
struct EventMarker
{
    double timeS = 0; ///< time relative to the movie's time-zero frame (s)
    std::string label;

    bool operator==(const EventMarker&) const = default;
};

/// The kinetics fit the user chose for the fronts of a movie: model and time window.
struct FrontFitSettings
{
    std::string model = "auto";         ///< "auto", "linear", "parabolic", "power", "formula"
    std::string formula;                ///< muParser formula of model "formula"
    std::optional<double> windowStartS; ///< fit only t ≥ windowStartS (s, or frames)
    std::optional<double> windowEndS;   ///< fit only t ≤ windowEndS

    bool operator==(const FrontFitSettings&) const = default;
};

/// What the next front analysis of a movie uses (kept with or without a result): tracking
/// options, the band width of new path ROIs and the kinetics fit.
struct FrontAnalysisSettings
{
    FrontOptions tracking;
    double bandWidthPx = 20.0; ///< band width given to new line/polyline ROIs (px)
    /// The user typed bandWidthPx: new path ROIs take it; otherwise they take the band the core
    /// derives from the wire under them (defaultBandWidthPx), as `insitu front` without --width.
    bool bandWidthTyped = false;
    FrontFitSettings fit;

    bool operator==(const FrontAnalysisSettings&) const = default;
};

/// A movie referenced by the project (never copied) and everything measured on it.
struct ProjectMovie
{
    int id = 0;                 ///< unique within the project
    std::filesystem::path path; ///< as last seen (absolute)
    int width = 0;              ///< px
    int height = 0;             ///< px
    int frameCount = 0;
    std::uint64_t fileSizeBytes = 0;
    std::string fingerprint;     ///< see computeMovieFingerprint() (project_file.h)
    Calibration fileCalibration; ///< as read from the movie file
    CalibrationOverride calibrationOverride;
    DriftOptions driftOptions;           ///< current drift settings (also without a result)
    FrontAnalysisSettings frontSettings; ///< current front settings (also without a result)
    std::optional<ProjectDrift> drift;
    std::vector<Roi> rois;             ///< in frame-0 coordinates of this movie
    std::vector<ProjectFronts> fronts; ///< at most one per path ROI
    std::vector<EventMarker> markers;
    std::optional<BatchProvenance> batch;    ///< set when `insitu batch` made the results
    std::optional<ProjectTimeline> timeline; ///< logs on the movie's clock, dose settings
    ProjectFft fft;                      ///< FFT regions and crystallinity map (format_version 2)
    std::optional<ProjectGrains> grains; ///< grains analysis of one frame (format 2)
    std::optional<ProjectAreas> areas;   ///< areas analysis (project/area_project.h)
    std::vector<FrontsTrackedFrom> frontsTrackedFrom; ///< inputs of the fronts, for stale marks
    std::optional<ProjectParticles> particles;        ///< particles (project/particles_project.h)
    ParticleAnalysisSettings particleSettings; ///< next particles run (also without a result)
    AreaOptions areaSettings;                  ///< next areas run (also without a result)
    FftAnalysisSettings fftSettings;           ///< next FFT analysis (also without a result)
    GrainAnalysisSettings grainSettings;       ///< next grains run (also without a result)

    /// fileCalibration with calibrationOverride applied.
    [[nodiscard]] Calibration effectiveCalibration() const;
    bool operator==(const ProjectMovie&) const = default;
};

/// The settings a result was made with: tracking options of the first fronts, the width of
/// their ROI and the model of their first fit; defaults where the movie holds no fronts.
[[nodiscard]] FrontAnalysisSettings frontSettingsFromResults(const ProjectMovie& movie);
/// The particles settings of movie's particle result (defaults without one).
[[nodiscard]] ParticleAnalysisSettings particleSettingsFromResult(const ProjectMovie& movie);
/// The area options of movie's areas result (defaults without one).
[[nodiscard]] AreaOptions areaSettingsFromResult(const ProjectMovie& movie);
/// The settings of movie's first stored FFT region (no spots; defaults without one or when its
/// options are unreadable).
[[nodiscard]] FftAnalysisSettings fftSettingsFromResult(const ProjectMovie& movie);
/// The options of movie's grains result (defaults without one or when unreadable).
[[nodiscard]] GrainAnalysisSettings grainSettingsFromResult(const ProjectMovie& movie);

/// A fit that is not attached to a front (e.g. of a table column), with its provenance.
struct ProjectFit
{
    std::string name;  ///< shown to the user, e.g. "thickness vs time"
    std::string xName; ///< what x is, with unit, e.g. "time_s"
    std::string yName; ///< what y is, with unit, e.g. "thickness_nm"
    FitResult result;
    Provenance provenance;

    bool operator==(const ProjectFit&) const = default;
};

/// One column of a result table.
struct TableColumn
{
    std::string name; ///< e.g. "diameter"
    std::string unit; ///< e.g. "nm"; empty for dimensionless
    std::vector<double> values;

    bool operator==(const TableColumn&) const = default;
};

/// A named table of numbers (all columns the same length).
struct ResultTable
{
    std::string name;
    std::vector<TableColumn> columns;
    Provenance provenance;

    bool operator==(const ResultTable&) const = default;
};

/// The whole analysis: what a scientist reopens a month later. Saved by saveProject().
struct Project
{
    std::string name;
    std::vector<ProjectMovie> movies;
    std::vector<ProjectFit> fits;
    std::vector<ResultTable> tables;
    int nextRoiId = 1; ///< ROI ids are never reused
    int nextMovieId = 1;

    /// The movie with this id, or nullptr.
    [[nodiscard]] const ProjectMovie* movie(int id) const;
    [[nodiscard]] ProjectMovie* movie(int id);
    bool operator==(const Project&) const = default;
};

} // namespace insitu
