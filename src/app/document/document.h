#pragma once
// Document: the project being edited (an insitu::Project), its open movie and its undo history.

#include "document/areas_inputs.h"
#include "document/result_inputs.h"

#include "insitu/io/movie.h"
#include "insitu/project/project.h"

#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <optional>

class QUndoStack;

namespace insitu::app {

/// Holds the project being edited, the movie it shows and the undo history; only commands
/// (document/commands/) call its setters, views follow its signals.
class Document : public QObject
{
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);
    ~Document() override;

    [[nodiscard]] QUndoStack* undoStack() const { return m_undoStack; }
    [[nodiscard]] const Project& project() const { return m_project; }

    /// Project file name ("" until saved).
    [[nodiscard]] const QString& fileName() const { return m_fileName; }
    void setFileName(const QString& fileName);
    /// True when the undo stack is at its clean index (nothing to save).
    [[nodiscard]] bool isClean() const;
    /// Marks the current state as saved.
    void setClean();
    /// Marks the document as differing from its file without an undo step (e.g. a moved movie
    /// was relinked on open): it stays unsaved until the next save.
    void markModified();

    // --- whole-document operations (not undoable: they replace the history) ---
    /// Starts a new project on the movie at path. Throws insitu::Error if it cannot be read.
    void openMovieFile(const QString& path);
    /// Replaces everything with project, opening its first movie (movie may be null when the
    /// file is missing; the ROIs and results stay readable). Clears the undo history.
    void loadProjectValue(Project project, std::shared_ptr<Movie> movie, const QString& fileName);
    /// Empties the document.
    void clear();
    /// The project as saved: project() with what each ROI's fronts were tracked from
    /// (FrontsTrackedFrom), so stale marks survive save and reopen.
    [[nodiscard]] Project projectToSave() const;

    // --- the current movie ---
    [[nodiscard]] bool hasMovie() const { return m_movie != nullptr; }
    /// The opened movie with the effective calibration applied (null if none).
    [[nodiscard]] std::shared_ptr<Movie> movie() const { return m_movie; }
    /// The project entry of the current movie (null if none).
    [[nodiscard]] const ProjectMovie* projectMovie() const;
    [[nodiscard]] Calibration calibration() const;

    // --- ROIs (frame-0 px) ---
    [[nodiscard]] int roiCount() const;
    [[nodiscard]] const Roi& roi(int index) const;
    /// Index of the ROI with id, or -1.
    [[nodiscard]] int roiIndex(int roiId) const;
    /// A fresh ROI id (ids are never reused).
    [[nodiscard]] int takeRoiId();

    // --- analysis settings of the current movie (defaults when none is open) ---
    [[nodiscard]] DriftOptions driftOptions() const;
    [[nodiscard]] FrontAnalysisSettings frontSettings() const;
    // analysis options in the Document (issue #13): the next particles / areas run's settings
    [[nodiscard]] ParticleAnalysisSettings particleSettings() const;
    [[nodiscard]] AreaOptions areaSettings() const;
    /// The next FFT analysis's options and spot masks, and the next grains run's options.
    [[nodiscard]] FftAnalysisSettings fftSettings() const;
    [[nodiscard]] GrainAnalysisSettings grainSettings() const;

    // --- results ---
    [[nodiscard]] const std::optional<ProjectDrift>& drift() const;
    /// Fronts tracked on the ROI roiId, or null.
    [[nodiscard]] const ProjectFronts* fronts(int roiId) const;
    /// The first path ROI with fronts, else the first path ROI, else 0 (what to show on open).
    [[nodiscard]] int firstRoiWithFronts() const;
    /// What the fronts of roiId (and their fits) were computed from, or null without fronts.
    [[nodiscard]] const FrontsInputs* frontsInputs(int roiId) const;
    /// The inputs the fronts of roiId would be computed from now.
    [[nodiscard]] FrontsInputs currentFrontsInputs(int roiId) const;
    /// Why the fronts of roiId are stale (ROI moved, drift re-measured, ...); empty when fresh.
    [[nodiscard]] QStringList frontsStaleReasons(int roiId) const;
    /// Why the fits of roiId's fronts are stale (their fronts' reasons included); empty when fresh.
    [[nodiscard]] QStringList fitsStaleReasons(int roiId) const;
    /// Why the drift is stale (settings changed since); empty when fresh or not measured.
    [[nodiscard]] QStringList driftStaleReasons() const;

    // --- areas (issue #16): the result of the current movie and what it was computed from ---
    [[nodiscard]] const std::optional<ProjectAreas>& areas() const;
    [[nodiscard]] const std::optional<AreasInputs>& areasInputs() const { return m_areasInputs; }
    // --- timeline (issue #19): logs, their alignment and the dose settings ---
    /// The current movie's timeline settings (nullopt: none).
    [[nodiscard]] const std::optional<ProjectTimeline>& timeline() const;
    // --- particles (issue #17): the current movie's particle result, or nullopt ---
    [[nodiscard]] const std::optional<ProjectParticles>& particles() const;
    // --- crystal (issue #18): the current movie's FFT regions and map, and its grains ---
    [[nodiscard]] const ProjectFft& fft() const;
    [[nodiscard]] const std::optional<ProjectGrains>& grains() const;

    // --- setters: called by commands only ---
    void insertRoi(int index, const Roi& roi);
    Roi removeRoi(int index);
    void setRoi(int index, const Roi& roi);
    void setCalibrationOverride(const CalibrationOverride& calibrationOverride);
    void setDriftOptions(const DriftOptions& options);
    void setFrontSettings(const FrontAnalysisSettings& settings);
    // analysis options in the Document (issue #13): called by ChangeValue commands only
    void setParticleSettings(const ParticleAnalysisSettings& settings);
    void setAreaSettings(const AreaOptions& settings);
    void setFftSettings(const FftAnalysisSettings& settings);
    void setGrainSettings(const GrainAnalysisSettings& settings);
    void setDrift(std::optional<ProjectDrift> drift);
    /// Replaces (or with nullopt removes) the fronts of roiId, computed from inputs (nullopt:
    /// the inputs recorded so far, or the current ones when none are).
    void setFronts(int roiId, std::optional<ProjectFronts> fronts,
                   std::optional<FrontsInputs> inputs = std::nullopt);
    /// Areas (issue #16): replaces (nullopt removes) the areas with the inputs they came from.
    void setAreas(std::optional<ProjectAreas> areas, std::optional<AreasInputs> inputs);
    // timeline (issue #19)
    void setTimeline(std::optional<ProjectTimeline> timeline);
    /// particles (issue #17): replaces the current movie's particle result (SetParticles only).
    void setParticles(std::optional<ProjectParticles> particles);
    /// crystal (issue #18): replace the FFT results / the grains result (SetCrystal… only).
    void setFft(ProjectFft fft);
    void setGrains(std::optional<ProjectGrains> grains);

signals:
    void movieChanged();
    void roiAboutToBeInserted(int index);
    void roiInserted(int index);
    void roiAboutToBeRemoved(int index);
    void roiRemoved(int index);
    void roiChanged(int index);
    void calibrationChanged();
    void driftOptionsChanged();
    void frontSettingsChanged();
    void particleSettingsChanged(); ///< analysis options in the Document (issue #13)
    void areaSettingsChanged();     ///< analysis options in the Document (issue #13)
    void fftSettingsChanged();      ///< analysis options in the Document (issue #13)
    void grainSettingsChanged();    ///< analysis options in the Document (issue #13)
    void driftChanged();
    void frontsChanged(int roiId);
    void areasChanged();     ///< areas (issue #16) replaced, cleared or restored
    void timelineChanged();  // timeline (issue #19)
    void particlesChanged(); ///< particles (issue #17)
    void fftChanged();       ///< crystal (issue #18): FFT regions or map replaced
    void grainsChanged();    ///< crystal (issue #18): grains result replaced
    void fileNameChanged(const QString& fileName);
    void cleanChanged(bool clean);

private:
    [[nodiscard]] ProjectMovie* currentProjectMovie();
    void applyCalibrationToMovie();

    QUndoStack* m_undoStack;
    Project m_project;
    std::shared_ptr<Movie> m_movie;
    QString m_fileName;
    std::map<int, FrontsInputs> m_frontsInputs; ///< by ROI id, for every stored ProjectFronts
    std::optional<AreasInputs> m_areasInputs;   ///< inputs of the stored areas (issue #16)
};

} // namespace insitu::app
