// Fuzz target: the Gatan DigitalMicrograph DM3/DM4 reader, through openMovie as `insitu info` uses
// it.

#include "fuzz_support.h"
#include "fuzz_target.h"

INSITU_FUZZ_TARGET(dm)
{
    insitu::fuzz::fuzzMovieBytes(data, size, ".dm4");
}
