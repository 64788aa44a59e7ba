// Fuzz target: the TIFF (plain, ImageJ, OME, tiled, compressed) reader, through openMovie as
// `insitu info` uses it.

#include "fuzz_support.h"
#include "fuzz_target.h"

INSITU_FUZZ_TARGET(tiff)
{
    insitu::fuzz::fuzzMovieBytes(data, size, ".tif");
}
