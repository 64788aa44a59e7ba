#pragma once
// Running a batch: the plan (recipe, template, movie list), one movie's run with resume, a share
// of the movies on threads, and the merge of all movies' results into summary.csv.

#include "insitu/batch/batch_analysis.h"
#include "insitu/batch/recipe.h"
#include "insitu/project/project.h"
#include "insitu/thread_waits.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace insitu {

/// Everything a run of any share needs, the same for every share of a recipe.
struct BatchPlan
{
    BatchRecipe recipe;
    Project templateProject;
    ProjectMovie templateMovie; ///< the template's movie whose settings apply
    std::string templateFingerprint;
    std::string recipeHash;                    ///< see batchRecipeHash
    std::vector<std::filesystem::path> movies; ///< all movies of the recipe (expandMovies)
    std::filesystem::path outputDir;           ///< resolved
};

/// "sha256:<hex>" of what decides a movie's results: the template's fingerprint and movie id,
/// the calibration and the per-movie overrides (not the movie list or the output folder, so
/// that adding movies keeps the others' results).
[[nodiscard]] std::string batchRecipeHash(const BatchRecipe& recipe,
                                          const std::string& templateFingerprint);

/// Loads the template, expands the movies and hashes the recipe. Throws insitu::Error naming
/// the file when the template cannot be read, holds no movie (or not templateMovieId) or no
/// analysis that the batch runs, or when a movie of the recipe is missing.
[[nodiscard]] BatchPlan planBatch(const BatchRecipe& recipe);

/// Writes outputDir/batch.json (the recipe, its hash and the movie list) for --merge.
void writeBatchIndex(const BatchPlan& plan);

/// Where a movie's files go: outputDir/movies/<movieOutputName>/.
[[nodiscard]] std::filesystem::path movieOutputDir(const BatchPlan& plan,
                                                   const std::filesystem::path& movie);

/// Where one movie's wall time went on the thread that ran it (see insitu/thread_waits.h):
/// wall = on a CPU + in the run queue + asleep (the waits are the known part of the sleep).
struct BatchMovieTimes
{
    int job = 0;       ///< which of runBatchMovies' threads ran it (0 … jobs − 1)
    double startS = 0; ///< since runBatchMovies started
    double endS = 0;
    SchedulerTimes scheduler; ///< this movie's part of its thread's totals
    ThreadWaits waits;        ///< this movie's part of its thread's totals
};

/// How one movie's run ended.
struct BatchMovieOutcome
{
    enum class Status { Done, Skipped, Failed };
    std::filesystem::path movie;
    std::string name; ///< movieOutputName
    Status status = Status::Failed;
    std::string error; ///< why it failed
    double seconds = 0;
    BatchMovieTimes times; ///< filled by runBatchMovies
};

/// Whether the movie's output is complete and made from this movie (same fingerprint) with this
/// recipe (same hash) and, for a timeline, the same log files (same fingerprints), so that
/// --resume may skip it.
[[nodiscard]] bool batchOutputIsCurrent(const BatchPlan& plan, const std::filesystem::path& movie);

/// Receives progress lines ("wire3: Estimating drift", "[2/8] wire3: done (3.1 s)").
using BatchMessages = std::function<void(const std::string& line)>;

/// Runs every analysis of the template on movie: writes, in its output folder, the project file
/// <name>.h5 (with BatchProvenance), the analyses' CSV files, summary.csv (this movie's rows),
/// <name>.log and status.json. Never throws for a bad movie or a failing analysis: the outcome
/// says Failed with the message (also in the log and status.json). With resume, a movie whose
/// output is current is Skipped.
[[nodiscard]] BatchMovieOutcome runBatchMovie(const BatchPlan& plan,
                                              const std::filesystem::path& movie, bool resume,
                                              const BatchMessages& messages = {});

/// Movie indices, largest file first (a folder of frames: the sum of its files; ties and
/// unreadable files in movie order): the order runBatchMovies hands the movies out in.
[[nodiscard]] std::vector<std::size_t>
largestFirstOrder(const std::vector<std::filesystem::path>& movies);

/// Runs movies on `jobs` threads (a movie per thread, each with a thread budget of cores / jobs;
/// OpenCV's own threads are turned off while more than one job runs, so that the machine is not
/// oversubscribed; one job keeps the caller's budget). Each thread takes the next movie when it
/// is free, largest file first, so that no job is left with a long movie at the end. Outcomes
/// in movie order.
[[nodiscard]] std::vector<BatchMovieOutcome>
runBatchMovies(const BatchPlan& plan, const std::vector<std::filesystem::path>& movies, int jobs,
               bool resume, const BatchMessages& messages = {});

/// A movie without results in the merged summary.
struct BatchFailure
{
    std::string movie; ///< path
    std::string fingerprint;
    std::string error;
};

/// Columns of summary.csv: movie,path,fingerprint,analysis,object,quantity,value,
/// standard_error,ci95_low,ci95_high,ci_method,model,verdict.
[[nodiscard]] std::string summaryCsvHeader();
/// One summary.csv line (no newline) of a row of movie.
[[nodiscard]] std::string summaryCsvLine(const std::string& name,
                                         const std::filesystem::path& movie,
                                         const std::string& fingerprint, const SummaryRow& row);

/// Builds outputDir/summary.csv (every movie's rows, in movie order) and outputDir/failures.csv
/// (movie,fingerprint,error: failed, not run, or made with another recipe) from the movie
/// folders, using outputDir/batch.json. Returns the failures. Throws insitu::Error when
/// batch.json is missing or damaged.
std::vector<BatchFailure> mergeBatch(const std::filesystem::path& outputDir);

} // namespace insitu
