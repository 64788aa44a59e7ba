#pragma once
// SetFft, SetGrains, SetFftSpots: the undoable changes of the current movie's FFT results (a
// region added, a map run), grains result (a run, a hand fix) and FFT spot masks, as
// ReplaceValue steps (never merged: each is its own user action).

#include "document/commands/change_value.h"

#include "insitu/project/project.h"

#include <optional>
#include <vector>

namespace insitu::app {

/// The current movie's FFT regions and map.
struct FftResultField
{
    using Value = ProjectFft;
    static Value get(const Document& document);
    static void set(Document& document, Value value);
};

/// The current movie's grains result (nullopt: none).
struct GrainsResultField
{
    using Value = std::optional<ProjectGrains>;
    static Value get(const Document& document);
    static void set(Document& document, Value value);
};

/// The spot masks of the current movie's FFT settings (the rest of the settings kept).
struct FftSpotsField
{
    using Value = std::vector<FftSpot>;
    static Value get(const Document& document);
    static void set(Document& document, Value value);
};

using SetFft = ReplaceValue<FftResultField>;
using SetGrains = ReplaceValue<GrainsResultField>;
using SetFftSpots = ReplaceValue<FftSpotsField>;

} // namespace insitu::app
