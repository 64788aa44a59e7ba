// Fuzz target: the FEI/Thermo TIA SER reader, through openMovie as `insitu info` uses it.

#include "fuzz_support.h"
#include "fuzz_target.h"

INSITU_FUZZ_TARGET(ser)
{
    insitu::fuzz::fuzzMovieBytes(data, size, ".ser");
}
