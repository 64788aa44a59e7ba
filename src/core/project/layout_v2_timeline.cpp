// The "timeline" group of a movie (format_version 2): one JSON attribute "settings_json".

#include "layout_v2_timeline.h"
#include "hdf5_handles.h"

#include "insitu/error.h"
#include "insitu/project/timeline_project.h"

namespace insitu::layout::v2 {

void writeTimeline(hid_t g, const ProjectMovie& movie)
{
    if (!movie.timeline)
        return;
    h5::Handle group = h5::createGroup(g, "timeline");
    h5::writeAttribute(group.id(), "settings_json", timelineJson(*movie.timeline).dump());
}

void readTimeline(hid_t g, ProjectMovie& movie)
{
    if (!h5::exists(g, "timeline"))
        return;
    h5::Handle group = h5::openGroup(g, "timeline");
    const auto text = h5::readStringAttribute(group.id(), "settings_json");
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded())
        throw Error("timeline/settings_json is not JSON");
    movie.timeline = timelineFromJson(json);
}

} // namespace insitu::layout::v2
