// The Drift panel's "Down-weight changing pixels" box is the Document's
// DriftOptions::downweightChanges: one undo step per toggle, and the box follows undo.

#include <catch2/catch.hpp>

#include "document/document.h"
#include "jobs/job_runner.h"
#include "panels/drift_panel.h"

#include "insitu/io/memory_reader.h"
#include "insitu/project/project.h"

#include <QCheckBox>
#include <QUndoStack>

using namespace insitu;
using insitu::app::Document;

TEST_CASE("Drift panel: down-weighting changing pixels is one undo step", "[app][drift]")
{
    std::vector<cv::Mat> frames(4, cv::Mat(32, 32, CV_16U, cv::Scalar(100)));
    auto movie = std::make_shared<Movie>(
        std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16, Calibration{}));
    Project project;
    ProjectMovie entry;
    entry.id = project.nextMovieId++;
    entry.width = movie->width();
    entry.height = movie->height();
    entry.frameCount = movie->frameCount();
    project.movies.push_back(entry);
    Document document;
    document.loadProjectValue(project, std::move(movie), QString());
    app::JobRunner jobs;
    app::DriftPanel panel{&document, &jobs};

    auto* box = panel.findChild<QCheckBox*>(QStringLiteral("downweightChanges"));
    REQUIRE(box != nullptr);
    REQUIRE_FALSE(box->isChecked());
    REQUIRE_FALSE(document.projectMovie()->driftOptions.downweightChanges);
    const int steps = document.undoStack()->count();

    box->setChecked(true);
    CHECK(document.projectMovie()->driftOptions.downweightChanges);
    CHECK(document.undoStack()->count() == steps + 1);

    document.undoStack()->undo();
    CHECK_FALSE(document.projectMovie()->driftOptions.downweightChanges);
    CHECK_FALSE(box->isChecked());
    CHECK(document.undoStack()->count() == steps + 1); // undone, not a new step
}
