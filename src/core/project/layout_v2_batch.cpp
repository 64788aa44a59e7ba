// The movie's "batch" group of format_version 2: the BatchProvenance of `insitu batch` results.

#include "hdf5_handles.h"
#include "layout_v2_analyses.h"

namespace insitu::layout::v2 {

namespace {
constexpr const char* kGroup = "batch";
} // namespace

void writeBatchPart(hid_t g, const ProjectMovie& movie)
{
    if (!movie.batch)
        return;
    const BatchProvenance& b = *movie.batch;
    const h5::Handle group = h5::createGroup(g, kGroup);
    h5::writeAttribute(group.id(), "recipe", b.recipeJson);
    h5::writeAttribute(group.id(), "recipe_hash", b.recipeHash);
    h5::writeAttribute(group.id(), "template_path", b.templatePath);
    h5::writeAttribute(group.id(), "template_fingerprint", b.templateFingerprint);
    h5::writeAttribute(group.id(), "program_version", b.programVersion);
    h5::writeAttribute(group.id(), "created", b.createdUtc);
}

void readBatchPart(hid_t g, ProjectMovie& movie)
{
    if (!h5::exists(g, kGroup))
        return;
    const h5::Handle group = h5::openGroup(g, kGroup);
    BatchProvenance b;
    b.recipeJson = h5::readStringAttribute(group.id(), "recipe");
    b.recipeHash = h5::readStringAttribute(group.id(), "recipe_hash");
    b.templatePath = h5::readStringAttribute(group.id(), "template_path");
    b.templateFingerprint = h5::readStringAttribute(group.id(), "template_fingerprint");
    b.programVersion = h5::readStringAttribute(group.id(), "program_version");
    b.createdUtc = h5::readStringAttribute(group.id(), "created");
    movie.batch = std::move(b);
}

} // namespace insitu::layout::v2
