// Fuzz target: the electrochemistry log readers (BioLogic, Gamry, Protochips, Impulse, CSV;
// chosen by content) and the tidy CSV written from what they read.

#include "fuzz_support.h"
#include "fuzz_target.h"

#include "insitu/ec/ec_log.h"
#include "insitu/error.h"

#include <sstream>

INSITU_FUZZ_TARGET(ec_log)
{
    try {
        const auto log = insitu::readEcLog(insitu::fuzz::writeScratchFile(data, size, ".txt"));
        (void)log.potential();
        (void)log.current();
        (void)log.irregularSteps();
        std::ostringstream csv;
        insitu::writeEcLogCsv(log, csv);
    } catch (const insitu::Error&) {
    }
}
