// Fuzz target: the EMD (Velox and Berkeley, HDF5) reader, through openMovie as `insitu info` uses
// it.

#include "fuzz_support.h"
#include "fuzz_target.h"

INSITU_FUZZ_TARGET(emd)
{
    insitu::fuzz::fuzzMovieBytes(data, size, ".emd");
}
