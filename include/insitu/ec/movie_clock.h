#pragma once
// The wall clock of a movie's frame 0, from the metadata the readers expose.

#include "insitu/ec/local_clock.h"
#include "insitu/io/movie_reader.h"

#include <optional>
#include <string>

namespace insitu {

/// Frame 0's acquisition clock and where it was read.
struct MovieClock
{
    LocalDateTime frame0;
    std::string source; ///< e.g. "DM DataBar/Acquisition Date + Time", "TIFF DateTime"
};

/// Local acquisition clock of frame 0: DM acquisition date + time, TIA/EMI AcquireDate,
/// TIFF DateTime. nullopt when the file has none (UTC-only stamps are not turned into local
/// time: the zone is unknown).
[[nodiscard]] std::optional<MovieClock> movieStartClock(const MovieInfo& info);

} // namespace insitu
