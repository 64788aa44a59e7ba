#pragma once
// What the panel tests share: a movie opened as the document's project, and waiting for a job.

#include "document/document.h"
#include "jobs/job_runner.h"

#include "insitu/io/movie.h"
#include "insitu/project/project.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace insitu::test {

/// movie opened in document as a one-movie project (no file behind it).
inline void openMovie(app::Document& document, std::shared_ptr<Movie> movie)
{
    Project project;
    ProjectMovie entry;
    entry.id = project.nextMovieId++;
    entry.width = movie->width();
    entry.height = movie->height();
    entry.frameCount = movie->frameCount();
    entry.fileCalibration = movie->calibration();
    project.movies.push_back(entry);
    document.loadProjectValue(project, std::move(movie), QString());
}

/// Waits for the running job and lets its result reach the panels.
inline void waitForJob(app::JobRunner& jobs)
{
    jobs.waitForFinished();
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents();
}

} // namespace insitu::test
