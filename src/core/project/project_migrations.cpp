// The migration chain (house-style §7.2.9). Each layout version keeps its reader; a step
// migrateVnToVn1 turns what the reader of version n produced into version n + 1. Files are
// opened read-only: migration happens in memory, and the next save writes the current layout.
//
// Adding format_version N + 1: write readProjectVN1 for the new layout, add a step
// {N, migrateVNToVN1} below that fills the new fields (defaults, or values derived from old ones),
// bump kProjectFormatVersion and document the change in docs/project-file.md.

#include "project_migrations.h"

#include "project_layout.h"

#include "insitu/error.h"
#include "insitu/project/project_file.h"

#include <string>

namespace insitu::migrations {

namespace {

struct Step
{
    int fromVersion;
    void (*apply)(Project& project);
};

// Version 2 adds the per-movie analysis groups (areas, particles, crystal, timeline). A version 1
// file has none of them, so its movies start with no such results: nothing to fill in.
void migrateV1ToV2(Project&) {}

constexpr Step kSteps[] = {{1, migrateV1ToV2}};

} // namespace

Project readAndMigrate(hid_t file, int formatVersion)
{
    if (formatVersion < 1 || formatVersion > kProjectFormatVersion)
        throw Error("unsupported format_version " + std::to_string(formatVersion));
    // Read with the reader of the file's own version.
    Project project =
        formatVersion == 1 ? layout::readProjectV1(file) : layout::readProjectV2(file);
    for (int version = formatVersion; version < kProjectFormatVersion; ++version) {
        bool applied = false;
        for (const auto& step : kSteps)
            if (step.fromVersion == version && step.apply) {
                step.apply(project);
                applied = true;
            }
        if (!applied)
            throw Error("no migration from format_version " + std::to_string(version));
    }
    return project;
}

} // namespace insitu::migrations
