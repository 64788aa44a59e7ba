#pragma once
// BatchDialog (File ▸ Batch…): the current project as the template of a batch run over chosen
// movies — run here on threads with progress, or write the recipe and the Slurm scripts.

#include "insitu/batch/batch_runner.h"
#include "insitu/project/project.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QStringList>

class QCheckBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace insitu::app {

class BatchDialog : public QDialog
{
    Q_OBJECT
public:
    /// project: the template (its first movie's ROIs, calibration and analyses).
    explicit BatchDialog(Project project, QWidget* parent = nullptr);
    ~BatchDialog() override;

    void setMovies(const QStringList& pathsOrPatterns);
    [[nodiscard]] QStringList movies() const;
    void setOutputFolder(const QString& folder);
    void setJobs(int jobs);
    /// Names of the checked analyses (of those the template holds; all are checked at first).
    [[nodiscard]] QStringList analyses() const;
    /// Checks or unchecks an analysis (BatchAnalysis::name()); ignored for one not offered.
    void setAnalysisChecked(const QString& name, bool checked);
    /// Each movie's logs for the timeline analysis, ';'-separated patterns ({dir}, {stem}).
    void setTimelineLogs(const QString& patterns);

    /// Saves the template as <output>/template.h5 and writes <output>/recipe.json; returns the
    /// recipe's path. Throws insitu::Error when a file cannot be written or nothing is chosen.
    QString writeRecipe();
    /// writeRecipe, then the Slurm scripts (insitu-batch.sbatch, submit-batch.sh) beside it.
    /// Returns the submit command to show the user.
    QString writeClusterFiles();
    /// Runs the recipe here (off the GUI thread); finished() tells when it is done.
    void runHere();
    [[nodiscard]] bool isRunning() const;
    /// The outcome of the last run: exit-code-like 0 (all movies) or 2 (some failed).
    [[nodiscard]] int lastStatus() const { return m_lastStatus; }
    [[nodiscard]] QString logText() const;

signals:
    void finished();

private:
    void addMovies();
    void addFolder();
    void chooseOutput();
    void showMessage(const QString& line);
    void runFinished();

    Project m_project;
    QListWidget* m_movies = nullptr;
    QLineEdit* m_output = nullptr;
    QSpinBox* m_jobs = nullptr;
    std::vector<std::pair<QString, QCheckBox*>> m_analyses; // every batch analysis, run order
    QLineEdit* m_timelineLogs = nullptr;
    QProgressBar* m_progress = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_write = nullptr;
    QFutureWatcher<std::vector<BatchFailure>>* m_watcher = nullptr;
    int m_lastStatus = -1;
};

} // namespace insitu::app
