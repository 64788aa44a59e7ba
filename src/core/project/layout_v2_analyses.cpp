// The analysis groups of format_version 2, one call per analysis (see layout_v2_analyses.h).

#include "layout_v2_analyses.h"

namespace insitu::layout::v2 {

void writeAnalysisParts(hid_t g, const ProjectMovie& movie)
{
    writeAreas(g, movie);
}

void readAnalysisParts(hid_t g, ProjectMovie& movie)
{
    readAreas(g, movie);
}

} // namespace insitu::layout::v2
