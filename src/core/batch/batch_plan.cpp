// Planning a batch run: the template, the movie list, the recipe hash, the output folders and
// whether a movie's output is current (--resume).

#include "insitu/batch/batch_runner.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"
#include "insitu/project/project_file.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace insitu {

namespace {

nlohmann::json readJsonFile(const std::filesystem::path& path)
{
    std::ifstream in(path);
    if (!in)
        return nlohmann::json();
    auto document = nlohmann::json::parse(in, nullptr, false);
    return document.is_discarded() ? nlohmann::json() : document;
}

} // namespace

std::string batchRecipeHash(const BatchRecipe& recipe, const std::string& templateFingerprint)
{
    const nlohmann::json json = recipeToJson(recipe);
    const nlohmann::json decisive = {
        {"template_fingerprint", templateFingerprint},
        {"template_movie", recipe.templateMovieId},
        {"calibration", json.value("calibration", nlohmann::json::object())},
        {"overrides", json.value("overrides", nlohmann::json::object())},
        {"timeline", json.value("timeline", nlohmann::json::object())},
        {"analyses", json.value("analyses", nlohmann::json::array())},
    };
    return sha256Text(decisive.dump());
}

BatchPlan planBatch(const BatchRecipe& recipe)
{
    BatchPlan plan;
    plan.recipe = recipe;
    plan.outputDir = resolvePath(recipe, recipe.outputDir);
    const auto templatePath = resolvePath(recipe, recipe.templateProject);
    plan.templateProject = loadProject(templatePath);
    plan.templateFingerprint = computeMovieFingerprint(templatePath);
    if (plan.templateProject.movies.empty())
        throw Error(templatePath.string() + ": the template project holds no movie");
    if (recipe.templateMovieId == 0) {
        plan.templateMovie = plan.templateProject.movies.front();
    } else {
        const ProjectMovie* movie = plan.templateProject.movie(recipe.templateMovieId);
        if (!movie)
            throw Error(templatePath.string() + ": the template holds no movie " +
                        std::to_string(recipe.templateMovieId));
        plan.templateMovie = *movie;
    }
    if (analysesToRun(recipe, plan.templateMovie).empty())
        throw Error(templatePath.string() +
                    ": the template movie holds no analysis that a batch can run (drift, fronts, "
                    "areas, fft, grains, timeline)");
    plan.recipeHash = batchRecipeHash(recipe, plan.templateFingerprint);
    plan.movies = expandMovies(recipe);
    return plan;
}

void writeBatchIndex(const BatchPlan& plan)
{
    std::filesystem::create_directories(plan.outputDir);
    nlohmann::json movies = nlohmann::json::array();
    for (const auto& movie : plan.movies)
        movies.push_back({{"path", movie.string()}, {"name", movieOutputName(movie, plan.movies)}});
    const nlohmann::json index = {{"recipe", recipeToJson(plan.recipe)},
                                  {"recipe_hash", plan.recipeHash},
                                  {"template_fingerprint", plan.templateFingerprint},
                                  {"movies", movies}};
    // Every share of an array writes the same index, maybe at the same moment: each through its
    // own temporary file, renamed over batch.json (atomic), so readers see one whole index.
    const auto temporary = plan.outputDir / ("batch.json.tmp-" + std::to_string(::getpid()) + "-" +
                                             std::to_string(std::rand()));
    {
        std::ofstream out(temporary);
        out << index.dump(2) << '\n';
        if (!out.flush())
            throw Error(temporary.string() + ": cannot write the batch index");
    }
    std::filesystem::rename(temporary, plan.outputDir / "batch.json");
}

std::filesystem::path movieOutputDir(const BatchPlan& plan, const std::filesystem::path& movie)
{
    return plan.outputDir / "movies" / movieOutputName(movie, plan.movies);
}

bool batchOutputIsCurrent(const BatchPlan& plan, const std::filesystem::path& movie)
{
    const auto dir = movieOutputDir(plan, movie);
    const std::string name = movieOutputName(movie, plan.movies);
    const auto status = readJsonFile(dir / "status.json");
    if (!status.is_object() || status.value("status", "") != "ok" ||
        status.value("recipe_hash", "") != plan.recipeHash ||
        !std::filesystem::exists(dir / "summary.csv"))
        return false;
    try {
        const Project project = loadProject(dir / (name + ".h5"));
        if (project.movies.size() != 1 || !project.movies.front().batch)
            return false;
        const ProjectMovie& done = project.movies.front();
        if (done.timeline) // a log that changed since (or vanished) redoes the movie
            for (const ProjectTimelineLog& log : done.timeline->logs) {
                std::error_code ec;
                if (!std::filesystem::exists(log.path, ec) ||
                    computeMovieFingerprint(log.path) != log.fingerprint)
                    return false;
            }
        return done.batch->recipeHash == plan.recipeHash &&
               done.fingerprint == computeMovieFingerprint(movie);
    } catch (const Error&) {
        return false;
    }
}

} // namespace insitu
