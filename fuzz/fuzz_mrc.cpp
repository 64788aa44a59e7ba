// Fuzz target: the MRC (and its Direct Electron sidecar) reader, through openMovie as `insitu info`
// uses it.

#include "fuzz_support.h"
#include "fuzz_target.h"

INSITU_FUZZ_TARGET(mrc)
{
    insitu::fuzz::fuzzMovieBytes(data, size, ".mrc");
}
