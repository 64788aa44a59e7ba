// The one process-wide HDF5 lock: EMD frames read on a worker while the project file is saved
// and loaded on another thread never interleave inside libhdf5.
#include "insitu/io/movie.h"
#include "insitu/project/project_file.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace insitu;

TEST_CASE("EMD frames read on a worker while the project file is saved and loaded (one HDF5 lock)",
          "[emd][hdf5-lock]")
{
    // Debian's libhdf5 is not thread-safe: the EMD reader and the project file share one lock,
    // so an autosave on the GUI thread and a worker reading a frame never interleave.
    const auto emd = test::externalDataDir() / "rosettasciio/emd/fei_example_tem_stack.emd";
    const auto dir = test::scratchDir("emd_hdf5_lock");
    Project project;
    project.name = "lock";
    ProjectMovie movie;
    movie.id = 1;
    movie.path = emd;
    movie.frameCount = 2;
    project.movies.push_back(movie);
    std::atomic<bool> stop = false;
    std::atomic<int> reads = 0;
    std::atomic<int> wrong = 0;
    std::thread worker([&] {
        while (!stop) {
            auto reader = openMovieReader(emd);
            if (reader->readFrame(0).sum() != 72 || reader->readFrame(1).sum() != 81)
                ++wrong;
            ++reads;
        }
    });
    for (int i = 0; i < 30; ++i) {
        saveProject(project, dir / "p.h5");
        CHECK(loadProject(dir / "p.h5") == project);
    }
    stop = true;
    worker.join();
    CHECK(reads > 0);
    CHECK(wrong == 0);
}
