// Fuzz target: the project loader (HDF5 layout, migrations, validation, analysis groups).

#include "fuzz_support.h"
#include "fuzz_target.h"

#include "insitu/error.h"
#include "insitu/project/project_file.h"

INSITU_FUZZ_TARGET(project)
{
    try {
        const auto project = insitu::loadProject(insitu::fuzz::writeScratchFile(data, size, ".h5"));
        (void)project;
    } catch (const insitu::Error&) {
    }
}
