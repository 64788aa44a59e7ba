// `insitu batch RECIPE.json [--jobs N] [--resume] [--array-index I --array-count N]` and
// `insitu batch --merge OUT_DIR`: the template project's analyses on many movies.

#include "calibration_options.h"
#include "command_registry.h"
#include "number_checks.h"
#include "stderr_capture.h"

#include "insitu/batch/batch_runner.h"
#include "insitu/error.h"

#include <iostream>
#include <memory>
#include <optional>

namespace insitu::cli {

namespace {

struct BatchCliOptions
{
    std::string recipe;
    int jobs = 1;
    bool resume = false;
    std::optional<int> arrayIndex;
    std::optional<int> arrayCount;
    std::string merge;
    CalibrationOverride calibration; // --pixel-size-nm, --frame-interval-s: over every movie's
};

void say(const std::string& line)
{
    writeLiveStderr("insitu batch: " + line + '\n');
}

int reportFailures(const std::vector<BatchFailure>& failures)
{
    if (failures.empty())
        return 0;
    std::cerr << "insitu batch: " << failures.size()
              << (failures.size() == 1 ? " movie has" : " movies have") << " no results:\n";
    for (const auto& f : failures)
        std::cerr << "  " << f.movie << ": " << f.error << '\n';
    return 2;
}

/// --merge OUT_DIR, or --merge RECIPE.json (its output folder).
int merge(std::filesystem::path dir)
{
    if (std::filesystem::is_regular_file(dir)) {
        const BatchRecipe recipe = loadRecipe(dir);
        dir = resolvePath(recipe, recipe.outputDir);
    }
    const auto failures = mergeBatch(dir);
    say("wrote " + (dir / "summary.csv").string() + " and " + (dir / "failures.csv").string());
    return reportFailures(failures);
}

int run(const BatchCliOptions& o)
{
    if (!o.merge.empty())
        return merge(o.merge);
    if (o.recipe.empty())
        throw Error("batch: give a RECIPE.json, or --merge OUT_DIR");
    if (o.arrayIndex.has_value() != o.arrayCount.has_value())
        throw Error("batch: --array-index and --array-count go together");
    BatchRecipe recipe = loadRecipe(o.recipe);
    if (o.calibration.nmPerPixel)
        recipe.calibration.nmPerPixel = o.calibration.nmPerPixel;
    if (o.calibration.frameIntervalS)
        recipe.calibration.frameIntervalS = o.calibration.frameIntervalS;
    const BatchPlan plan = planBatch(recipe);
    writeBatchIndex(plan);
    const auto movies =
        o.arrayIndex ? shareOfMovies(plan.movies, *o.arrayIndex, *o.arrayCount) : plan.movies;
    say(std::to_string(movies.size()) + " of " + std::to_string(plan.movies.size()) +
        " movies on " + std::to_string(o.jobs) + (o.jobs == 1 ? " thread" : " threads") + " into " +
        plan.outputDir.string());
    const auto outcomes = runBatchMovies(plan, movies, o.jobs, o.resume, say);
    std::vector<BatchFailure> failed;
    int done = 0, skipped = 0;
    for (const auto& outcome : outcomes) {
        if (outcome.status == BatchMovieOutcome::Status::Failed)
            failed.push_back({outcome.movie.string(), "", outcome.error});
        done += outcome.status == BatchMovieOutcome::Status::Done ? 1 : 0;
        skipped += outcome.status == BatchMovieOutcome::Status::Skipped ? 1 : 0;
    }
    say(std::to_string(done) + " done, " + std::to_string(skipped) + " skipped (up to date), " +
        std::to_string(failed.size()) + " failed");
    if (o.arrayIndex) // the merge job builds the summary once every share has run
        return reportFailures(failed);
    const auto failures = mergeBatch(plan.outputDir);
    say("summary: " + (plan.outputDir / "summary.csv").string());
    return reportFailures(failures);
}

const bool registered = registerCommand(
    {"batch", "Apply a template project's analyses to many movies (recipe; local or Slurm)",
     [](CLI::App& app) {
         auto o = std::make_shared<BatchCliOptions>();
         app.add_option("RECIPE", o->recipe, "Recipe JSON (movies, template, output)");
         app.add_option("-j,--jobs", o->jobs, "Movies analysed at once on this machine")
             ->check(finiteRange(1, 256));
         app.add_flag("--resume", o->resume,
                      "Skip movies whose output exists for the same movie and recipe");
         app.add_option("--array-index", o->arrayIndex,
                        "Run share I of --array-count (e.g. $SLURM_ARRAY_TASK_ID)")
             ->check(nonNegativeFinite());
         app.add_option("--array-count", o->arrayCount, "Number of shares of the movie list")
             ->check(finiteRange(1, 1000000));
         app.add_option(
             "--merge", o->merge,
             "Build OUT_DIR/summary.csv and failures.csv from the shares' results (OUT_DIR or "
             "the recipe)");
         addCalibrationOptions(app, o->calibration); // over the files' and the template's
         return [o] { return run(*o); };
     }});

} // namespace

} // namespace insitu::cli
