#pragma once
// ParticleEdit: one hand edit of a particle segmentation (delete, merge, split, add), replayable
// after a re-run because it names its particles by frame positions, not by ids.

#include <string>

namespace insitu {

/// What a hand edit does.
enum class ParticleEditKind {
    Delete, ///< remove the particle under (x0, y0)
    Merge,  ///< join the particle under (x1, y1) into the one under (x0, y0)
    Split,  ///< cut the particle under the line (x0, y0)–(x1, y1) along that line
    Add     ///< a new particle grown from the seed (x0, y0) by a local threshold
};

/// One hand edit, in frame px.
struct ParticleEdit
{
    ParticleEditKind kind = ParticleEditKind::Delete;
    double x0Px = 0;
    double y0Px = 0;
    double x1Px = 0; ///< Merge, Split only
    double y1Px = 0;

    bool operator==(const ParticleEdit&) const = default;
};

/// "delete", "merge", "split", "add" and back (throws insitu::Error for an unknown name).
[[nodiscard]] const char* particleEditKindName(ParticleEditKind kind);
[[nodiscard]] ParticleEditKind particleEditKindFromName(const std::string& name);

} // namespace insitu
