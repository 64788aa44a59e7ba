#pragma once
// Document: the project being edited (an insitu::Project), its open movie and its undo history.

#include "insitu/io/movie.h"
#include "insitu/project/project.h"

#include <QObject>
#include <QString>

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

    // --- results ---
    [[nodiscard]] const std::optional<ProjectDrift>& drift() const;
    /// Fronts tracked on the ROI roiId, or null.
    [[nodiscard]] const ProjectFronts* fronts(int roiId) const;

    // --- setters: called by commands only ---
    void insertRoi(int index, const Roi& roi);
    Roi removeRoi(int index);
    void setRoi(int index, const Roi& roi);
    void setCalibrationOverride(const CalibrationOverride& calibrationOverride);
    void setDriftOptions(const DriftOptions& options);
    void setFrontSettings(const FrontAnalysisSettings& settings);
    void setDrift(std::optional<ProjectDrift> drift);
    /// Replaces (or with nullopt removes) the fronts of roiId.
    void setFronts(int roiId, std::optional<ProjectFronts> fronts);

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
    void driftChanged();
    void frontsChanged(int roiId);
    void fileNameChanged(const QString& fileName);
    void cleanChanged(bool clean);

private:
    [[nodiscard]] ProjectMovie* currentProjectMovie();
    void applyCalibrationToMovie();

    QUndoStack* m_undoStack;
    Project m_project;
    std::shared_ptr<Movie> m_movie;
    QString m_fileName;
};

} // namespace insitu::app
