// The list of batch analyses: one line per analysis (docs/architecture.md, "batch").

#include "batch_analyses.h"

namespace insitu {

const std::vector<const BatchAnalysis*>& batchAnalyses()
{
    static const std::vector<const BatchAnalysis*> all = {
        &driftBatchAnalysis(),
        &frontsBatchAnalysis(),
        &particlesBatchAnalysis(),
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

} // namespace insitu
