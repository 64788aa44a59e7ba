// The list of batch analyses: one line per analysis (docs/architecture.md, "batch").

#include "batch_analyses.h"

#include "insitu/error.h"

#include <algorithm>

namespace insitu {

const std::vector<const BatchAnalysis*>& batchAnalyses()
{
    static const std::vector<const BatchAnalysis*> all = {
        &driftBatchAnalysis(),     // first: the others use its result
        &frontsBatchAnalysis(),    //
        &areasBatchAnalysis(),     //
        &fftBatchAnalysis(),       //
        &grainsBatchAnalysis(),    //
        &particlesBatchAnalysis(), //
        &timelineBatchAnalysis(),  // after fronts: joins their positions per frame
    };
    return all;
}

std::vector<const BatchAnalysis*> analysesInTemplate(const ProjectMovie& templateMovie)
{
    std::vector<const BatchAnalysis*> used;
    for (const BatchAnalysis* analysis : batchAnalyses())
        if (analysis->inTemplate(templateMovie))
            used.push_back(analysis);
    return used;
}

std::vector<const BatchAnalysis*> analysesToRun(const BatchRecipe& recipe,
                                                const ProjectMovie& templateMovie)
{
    const auto inTemplate = analysesInTemplate(templateMovie);
    if (recipe.analyses.empty())
        return inTemplate;
    std::string known;
    for (const BatchAnalysis* analysis : batchAnalyses())
        known += (known.empty() ? "" : ", ") + analysis->name();
    for (const std::string& name : recipe.analyses) {
        const auto& all = batchAnalyses();
        const auto found = std::find_if(all.begin(), all.end(),
                                        [&](const BatchAnalysis* a) { return a->name() == name; });
        if (found == all.end())
            throw Error("recipe: \"analyses\" names '" + name + "', not one of " + known);
        if (!(*found)->inTemplate(templateMovie))
            throw Error("recipe: \"analyses\" names '" + name +
                        "', which the template movie does not hold");
    }
    std::vector<const BatchAnalysis*> chosen;
    for (const BatchAnalysis* analysis : inTemplate) // in run order
        if (std::find(recipe.analyses.begin(), recipe.analyses.end(), analysis->name()) !=
            recipe.analyses.end())
            chosen.push_back(analysis);
    return chosen;
}

} // namespace insitu
