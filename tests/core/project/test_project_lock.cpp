// One writer per project: the lock file, and the temporaries of killed saves (#15).

#include "project_fixture.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/project/project_file.h"
#include "insitu/project/project_lock.h"

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

namespace fs = std::filesystem;

TEST_CASE("a second process may not save while the first holds the project", "[project][hostile]")
{
    const auto path = insitu::test::scratchDir("project_lock") / "p.h5";
    insitu::saveProject(insitu::test::fullProject(), path);
    int ready[2], release[2];
    REQUIRE(pipe(ready) == 0);
    REQUIRE(pipe(release) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        const insitu::ProjectWriteLock lock(path); // the first writer (e.g. an open GUI)
        char byte = 1;
        (void)!write(ready[1], &byte, 1);
        (void)!read(release[0], &byte, 1); // held until the parent is done
        _exit(0);
    }
    char byte = 0;
    REQUIRE(read(ready[0], &byte, 1) == 1);
    CHECK_THROWS_WITH(insitu::saveProject(insitu::test::fullProject(), path),
                      Catch::Contains("is being written by another program (process " +
                                      std::to_string(child) + ")"));
    CHECK(insitu::loadProject(path) == insitu::test::fullProject()); // reading is fine
    (void)!write(release[1], &byte, 1);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK_NOTHROW(insitu::saveProject(insitu::test::fullProject(), path)); // released
    for (const int fd : {ready[0], ready[1], release[0], release[1]})
        close(fd);

    // Within one process the lock is shared: a document holding it can still save.
    const insitu::ProjectWriteLock held(path);
    CHECK_NOTHROW(insitu::saveProject(insitu::test::fullProject(), path));
}

TEST_CASE("temporaries of killed saves are removed at the next save or open", "[project][hostile]")
{
    const auto dir = insitu::test::scratchDir("project_stale_tmp");
    const auto path = dir / "p.h5";
    insitu::saveProject(insitu::test::fullProject(), path);
    for (const char* name : {"p.h5.tmp-a1B2c3", "p.h5.tmp-ZZZZZZ"})
        std::ofstream(dir / name) << "half a project";
    std::ofstream(dir / "p.h5.tmp-keep-me") << "not ours"; // not the mkstemp pattern
    std::ofstream(dir / "q.h5.tmp-a1B2c3") << "another project's";
    (void)insitu::loadProject(path);
    CHECK_FALSE(fs::exists(dir / "p.h5.tmp-a1B2c3"));
    CHECK_FALSE(fs::exists(dir / "p.h5.tmp-ZZZZZZ"));
    CHECK(fs::exists(dir / "p.h5.tmp-keep-me"));
    CHECK(fs::exists(dir / "q.h5.tmp-a1B2c3"));
    std::ofstream(dir / "p.h5.tmp-x9y8z7") << "half a project";
    insitu::saveProject(insitu::test::fullProject(), path);
    CHECK_FALSE(fs::exists(dir / "p.h5.tmp-x9y8z7"));
}
