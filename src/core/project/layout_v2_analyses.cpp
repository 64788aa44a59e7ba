// The analysis groups of format_version 2, one call per analysis (see layout_v2_analyses.h).

#include "layout_v2_analyses.h"
#include "layout_v2_fft.h"
#include "layout_v2_timeline.h"

namespace insitu::layout::v2 {

void writeAnalysisParts(hid_t g, const ProjectMovie& movie)
{
    writeBatchPart(g, movie);
    writeTimeline(g, movie);
    writeFftPart(g, movie);
    writeGrainsGroup(g, movie);
    writeAreas(g, movie);
    writeFrontsInputs(g, movie);
    writeParticlesGroup(g, movie);
    writeAnalysisSettings(g, movie);
}

void readAnalysisParts(hid_t g, ProjectMovie& movie)
{
    readBatchPart(g, movie);
    readTimeline(g, movie);
    readFftPart(g, movie);
    readGrainsGroup(g, movie);
    readAreas(g, movie);
    readFrontsInputs(g, movie);
    readParticlesGroup(g, movie);
    readAnalysisSettings(g, movie); // after the results: falls back to their options
}

} // namespace insitu::layout::v2
