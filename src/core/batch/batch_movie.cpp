// One movie of a batch run: the template's settings with the recipe's overrides, every analysis
// of the template, the project file with provenance, the CSV files, the log and the status.

#include "insitu/batch/batch_runner.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"
#include "insitu/project/project_file.h"
#include "insitu/thread_waits.h"
#include "insitu/version.h"

#include <algorithm>
#include <chrono>
#include <fstream>

namespace insitu {

namespace {

/// Progress of one movie: each stage is a line in its log and a message.
class MovieProgress final : public Progress
{
public:
    MovieProgress(std::string name, std::ostream& log, const BatchMessages& messages)
        : m_name(std::move(name)), m_log(log), m_messages(messages)
    {
    }
    void start(int totalSteps, std::string_view label) override
    {
        m_log << label << " (" << totalSteps << " steps)\n";
        if (m_messages)
            m_messages(m_name + ": " + std::string(label));
    }
    void advance(int) override {}
    [[nodiscard]] bool isCanceled() const override { return false; }

private:
    std::string m_name;
    std::ostream& m_log;
    const BatchMessages& m_messages;
};

CalibrationOverride overlaid(CalibrationOverride base, const CalibrationOverride& over)
{
    if (over.nmPerPixel)
        base.nmPerPixel = over.nmPerPixel;
    if (over.frameIntervalS)
        base.frameIntervalS = over.frameIntervalS;
    if (over.timeZeroFrame)
        base.timeZeroFrame = over.timeZeroFrame;
    return base;
}

std::vector<Roi> roisWithOverrides(std::vector<Roi> rois, const BatchMovieOverride* o)
{
    if (!o)
        return rois;
    for (const Roi& replacement : o->rois) {
        const auto same = std::find_if(rois.begin(), rois.end(),
                                       [&](const Roi& r) { return r.id == replacement.id; });
        if (same != rois.end())
            *same = replacement;
        else
            rois.push_back(replacement);
    }
    return rois;
}

void writeStatus(const std::filesystem::path& dir, const BatchPlan& plan,
                 const BatchMovieOutcome& outcome, const std::string& fingerprint)
{
    const nlohmann::json status = {
        {"movie", outcome.movie.string()},
        {"name", outcome.name},
        {"fingerprint", fingerprint},
        {"recipe_hash", plan.recipeHash},
        {"status", outcome.status == BatchMovieOutcome::Status::Failed ? "failed" : "ok"},
        {"error", outcome.error},
        {"seconds", outcome.seconds},
        {"program_version", kVersion},
    };
    writeTextFile(dir / "status.json", [&](std::ostream& out) { out << status.dump(2) << '\n'; });
}

/// The analyses on one movie; returns the project and its summary rows.
Project analyse(const BatchPlan& plan, const std::filesystem::path& path, const std::string& name,
                const std::filesystem::path& dir, std::ostream& log, const BatchMessages& messages,
                std::vector<SummaryRow>& rows)
{
    ProjectMovie result = describeMovie(path, 1);
    const BatchMovieOverride* o = overrideFor(plan.recipe, path);
    result.calibrationOverride =
        overlaid(overlaid(plan.templateMovie.calibrationOverride, plan.recipe.calibration),
                 o ? o->calibration : CalibrationOverride{});
    result.rois = roisWithOverrides(plan.templateMovie.rois, o);
    result.driftOptions = plan.templateMovie.driftOptions;
    result.frontSettings = plan.templateMovie.frontSettings;
    const auto movie = openMovie(path);
    movie->setCalibration(result.effectiveCalibration());
    for (const auto& note : movie->info().notes)
        log << "note: " << note << '\n';

    MovieProgress progress(name, log, messages);
    BatchMovieContext context{
        plan.templateMovie, *movie, result, dir, progress, log, timelineFor(plan.recipe, path)};
    for (const BatchAnalysis* analysis : analysesToRun(plan.recipe, plan.templateMovie)) {
        log << analysis->name() << ": started " << isoTimeUtcNow() << '\n';
        const auto more = analysis->run(context);
        rows.insert(rows.end(), more.begin(), more.end());
    }
    result.batch = BatchProvenance{
        recipeToJson(plan.recipe).dump(), plan.recipeHash, plan.recipe.templateProject.string(),
        plan.templateFingerprint,         kVersion,        isoTimeUtcNow()};
    Project project;
    project.name = name;
    project.nextRoiId = plan.templateProject.nextRoiId;
    for (const Roi& roi : result.rois)
        project.nextRoiId = std::max(project.nextRoiId, roi.id + 1);
    project.nextMovieId = 2;
    project.movies.push_back(std::move(result));
    return project;
}

} // namespace

BatchMovieOutcome runBatchMovie(const BatchPlan& plan, const std::filesystem::path& movie,
                                bool resume, const BatchMessages& messages)
{
    const auto start = std::chrono::steady_clock::now();
    BatchMovieOutcome outcome;
    outcome.movie = movie;
    outcome.name = movieOutputName(movie, plan.movies);
    const auto seconds = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    const auto dir = movieOutputDir(plan, movie);
    try {
        if (resume && batchOutputIsCurrent(plan, movie)) {
            outcome.status = BatchMovieOutcome::Status::Skipped;
            return outcome;
        }
        std::filesystem::create_directories(dir);
        std::filesystem::remove(dir / "status.json");
    } catch (const std::exception& e) {
        outcome.error = dir.string() + ": " + e.what();
        return outcome;
    }

    std::ofstream log(dir / (outcome.name + ".log"));
    log << "insitu " << kVersion << " batch of " << movie.string() << "\nrecipe hash "
        << plan.recipeHash << "\ntemplate " << plan.recipe.templateProject.string() << " ("
        << plan.templateFingerprint << ")\nstarted " << isoTimeUtcNow() << '\n';
    std::string fingerprint;
    try {
        std::vector<SummaryRow> rows;
        const Project project = analyse(plan, movie, outcome.name, dir, log, messages, rows);
        fingerprint = project.movies.front().fingerprint;
        writeTextFile(dir / "summary.csv", [&](std::ostream& out) {
            out << summaryCsvHeader() << '\n';
            for (const SummaryRow& row : rows)
                out << summaryCsvLine(outcome.name, movie, fingerprint, row) << '\n';
        });
        {
            const CountedWait saving(WaitKind::ProjectSave);
            saveProject(project, dir / (outcome.name + ".h5"));
        }
        outcome.status = BatchMovieOutcome::Status::Done;
    } catch (const std::exception& e) {
        outcome.status = BatchMovieOutcome::Status::Failed;
        outcome.error = e.what();
    } catch (...) {
        outcome.status = BatchMovieOutcome::Status::Failed;
        outcome.error = "unknown error";
    }
    outcome.seconds = seconds();
    log << (outcome.error.empty() ? "done" : "failed: " + outcome.error) << " after "
        << outcome.seconds << " s\n";
    try {
        writeStatus(dir, plan, outcome, fingerprint);
    } catch (const std::exception& e) {
        outcome.status = BatchMovieOutcome::Status::Failed;
        outcome.error = e.what();
    }
    return outcome;
}

} // namespace insitu
