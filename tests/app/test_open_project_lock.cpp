// The workbench holds the project's write lock while the project is open (issue #15): a second
// window and the CLI writing the same file are refused with one clear line, and a lock left by a
// program that crashed is not mistaken for a live one.

#include <catch2/catch.hpp>

#include "document/document.h"
#include "project/project_session.h"

#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/error.h"
#include "insitu/project/project_file.h"
#include "insitu/project/project_lock.h"
#include "insitu/roi/imagej_roi.h"

#include <opencv2/imgcodecs.hpp>

#include <QStandardPaths>

#include <csignal>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace insitu;
using Catch::Matchers::Contains;

namespace {

QString qs(const fs::path& path)
{
    return QString::fromStdString(path.string());
}

/// A project p.h5 on a small movie, saved by a session that keeps it open.
struct OpenProject
{
    explicit OpenProject(const fs::path& folder)
        : movie(folder / "movie.png"), project(folder / "p.h5"), session(&document)
    {
        QStandardPaths::setTestModeEnabled(true);
        session.setAutosaveIntervalMs(0);
        cv::imwrite(movie.string(), cv::Mat(24, 32, CV_8UC1, cv::Scalar(40)));
        session.open(qs(movie));
        session.save(qs(project));
    }
    fs::path movie;
    fs::path project;
    app::Document document;
    app::ProjectSession session;
};

/// A child process that holds project's lock until it is killed.
pid_t holdLockInChild(const fs::path& project)
{
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t child = ::fork();
    if (child == 0) {
        const ProjectWriteLock lock(project);
        (void)!::write(ready[1], "x", 1);
        for (;;)
            ::pause();
    }
    char byte = 0;
    REQUIRE(::read(ready[0], &byte, 1) == 1);
    ::close(ready[0]);
    ::close(ready[1]);
    return child;
}

void killChild(pid_t child)
{
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
}

} // namespace

TEST_CASE("an open project refuses a second window and the CLI until it is closed",
          "[app][hostile]")
{
    OpenProject first(test::scratchDir("app_lock_open"));

    app::Document otherDocument;
    app::ProjectSession other(&otherDocument);
    other.setAutosaveIntervalMs(0);
    REQUIRE_THROWS_WITH(other.open(qs(first.project)),
                        Contains("p.h5: is open in another window of this program"));
    other.open(qs(first.movie));
    REQUIRE_THROWS_WITH(other.save(qs(first.project)), Contains("open in another window"));

    // The CLI (another process) writing the project: exit 2, one line naming the file.
    ImageJRoi rectangle;
    rectangle.name = "box";
    rectangle.type = ImageJRoiType::Rectangle;
    rectangle.widthPx = 8;
    rectangle.heightPx = 6;
    const fs::path roiFile = first.project.parent_path() / "box.roi";
    writeImageJRoi(rectangle, roiFile);
    const auto refused = test::runCli("roi import '" + roiFile.string() + "' --project '" +
                                      first.project.string() + "'");
    CHECK(refused.exitCode == 2);
    CHECK_THAT(refused.err, Contains("p.h5: is being written by another program (process " +
                                     std::to_string(::getpid()) + ")"));
    CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') == 1);
    CHECK(loadProject(first.project).movies.front().rois.empty());

    // Closing it (a new project) releases the lock: both may write now.
    first.document.clear();
    CHECK_NOTHROW(other.open(qs(first.project)));
    const auto stillRefused = test::runCli("roi import '" + roiFile.string() + "' --project '" +
                                           first.project.string() + "'");
    CHECK(stillRefused.exitCode == 2); // the other window has it open now
    other.open(qs(first.movie));       // a movie alone: the project is free again
    const auto written = test::runCli("roi import '" + roiFile.string() + "' --project '" +
                                      first.project.string() + "'");
    CHECK(written.exitCode == 0);
    CHECK(loadProject(first.project).movies.front().rois.size() == 1);
}

TEST_CASE("a project another program writes is refused; its lock after a crash is not held",
          "[app][hostile]")
{
    OpenProject first(test::scratchDir("app_lock_crash"));
    first.document.clear(); // closed: only the other program below holds it
    const pid_t writer = holdLockInChild(first.project);

    app::Document document;
    app::ProjectSession session(&document);
    session.setAutosaveIntervalMs(0);
    REQUIRE_THROWS_WITH(session.open(qs(first.project)),
                        Contains("p.h5: is being written by another program (process " +
                                 std::to_string(writer) + ")"));

    // The writer crashes: its lock file stays behind, but the lock went with the process.
    killChild(writer);
    CHECK(fs::exists(projectLockPath(first.project)));
    CHECK_NOTHROW(session.open(qs(first.project)));
    CHECK(document.fileName() == qs(first.project));
}
