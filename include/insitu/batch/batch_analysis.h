#pragma once
// BatchAnalysis: how one analysis plugs into `insitu batch` — its name, whether the template
// holds it, and its run on one movie (project part, CSV exports, summary rows).

#include "insitu/batch/recipe.h"
#include "insitu/io/movie.h"
#include "insitu/progress.h"
#include "insitu/project/project.h"

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace insitu {

/// One result of one movie: a line of summary.csv (docs/user-guide.md). Units are part of the
/// quantity's name (e.g. v_nm_per_s); unknown values stay empty.
struct SummaryRow
{
    std::string analysis; ///< e.g. "fronts"
    std::string object;   ///< what was measured, e.g. "roi 3 front 0"
    std::string quantity; ///< e.g. "v_nm_per_s", "final_dx_px"
    std::optional<double> value;
    std::optional<double> standardError;
    std::optional<double> ci95Low;
    std::optional<double> ci95High;
    std::string ciMethod; ///< what the interval is, e.g. "moving-block-bootstrap"
    std::string model;    ///< the fitted model, for fit parameters
    std::string verdict;  ///< e.g. the auto fit's verdict, or why there is no value

    bool operator==(const SummaryRow&) const = default;
};

/// What an analysis works on for one movie.
struct BatchMovieContext
{
    const ProjectMovie& templateMovie; ///< the template's movie: settings and results to copy
    const Movie& movie;                ///< the movie, opened, with the run's calibration
    ProjectMovie& result;              ///< the output: ROIs (overrides applied) and results so far
    std::filesystem::path outputDir;   ///< the movie's folder for its CSV exports
    Progress& progress;
    std::ostream& log; ///< the movie's log file
    /// The recipe's timeline of this movie (log paths resolved), when the recipe gives one.
    std::optional<BatchTimeline> timeline = std::nullopt;
};

/// One analysis of `insitu batch`. Implementations live in src/core/batch/<analysis>_batch.cpp
/// and are listed once in batchAnalyses() (src/core/batch/batch_analyses.cpp).
class BatchAnalysis
{
public:
    virtual ~BatchAnalysis() = default;
    /// Short name, as in summary.csv's analysis column and the logs (e.g. "drift").
    [[nodiscard]] virtual std::string name() const = 0;
    /// Whether the template movie holds this analysis (then it runs on every movie).
    [[nodiscard]] virtual bool inTemplate(const ProjectMovie& templateMovie) const = 0;
    /// Runs the analysis on context.movie with the template's settings: stores the results
    /// (with provenance) in context.result, writes its CSV files with the core writers into
    /// context.outputDir and returns its summary rows. Throws insitu::Error on failure.
    virtual std::vector<SummaryRow> run(BatchMovieContext& context) const = 0;
};

/// Every batch analysis, in the order they run (drift first: others use its result).
[[nodiscard]] const std::vector<const BatchAnalysis*>& batchAnalyses();

/// The analyses of batchAnalyses() that templateMovie holds.
[[nodiscard]] std::vector<const BatchAnalysis*>
analysesInTemplate(const ProjectMovie& templateMovie);

/// The analyses a recipe runs: those of the template it names in `analyses` (all the template
/// holds when it names none). Throws insitu::Error for a name that is not an analysis or that
/// the template does not hold.
[[nodiscard]] std::vector<const BatchAnalysis*> analysesToRun(const BatchRecipe& recipe,
                                                              const ProjectMovie& templateMovie);

} // namespace insitu
