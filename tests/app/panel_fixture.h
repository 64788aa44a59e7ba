#pragma once
// What the panel tests share: the synthetic movies of the crystal panels, a movie opened as the
// document's project, a project saved and reopened, and waiting for a job.

#include "document/document.h"
#include "jobs/job_runner.h"

#include "insitu/io/movie.h"
#include "insitu/project/project.h"
#include "insitu/project/project_file.h"
#include "insitu/synth/grain_film.h"
#include "insitu/synth/hrtem_patches.h"
#include "insitu/synth/scene_truth.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QString>
#include <QWidget>

#include <filesystem>
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

/// A one-frame HRTEM movie of two crystalline patches in an amorphous matrix (sizePx²).
inline std::shared_ptr<Movie> hrtemMovie(int sizePx, std::uint64_t seed)
{
    HrtemScene scene;
    scene.imaging.width = scene.imaging.height = sizePx;
    scene.imaging.seed = seed;
    scene.patchCount = 2;
    return std::make_shared<Movie>(renderHrtemPatches(scene).reader());
}

/// A one-frame, calibrated grain film after cycling (sizePx²).
inline std::shared_ptr<Movie> grainFilmMovie(int sizePx, std::uint64_t seed)
{
    GrainFilmScene scene = GrainFilmScene::afterCycling();
    scene.width = scene.height = sizePx;
    scene.seed = seed;
    const GrainFilm film = renderGrainFilm(scene);
    SynthMovie synth;
    synth.frames = {film.image};
    synth.calibration.nmPerPixel = film.nmPerPixel;
    return std::make_shared<Movie>(synth.reader());
}

/// document's project saved to path and opened again with movie in a new Document of parent.
inline app::Document* reopen(const app::Document& document, const std::filesystem::path& path,
                             std::shared_ptr<Movie> movie, QObject* parent)
{
    saveProject(document.projectToSave(), path);
    auto* reopened = new app::Document(parent);
    reopened->loadProjectValue(loadProject(path), std::move(movie), QString());
    return reopened;
}

/// The child widget of panel named name (REQUIREd to exist).
template <typename W> W* child(QWidget& panel, const char* name)
{
    auto* widget = panel.findChild<W*>(QString::fromLatin1(name));
    REQUIRE(widget != nullptr);
    return widget;
}

/// Waits for the running job and lets its result reach the panels.
inline void waitForJob(app::JobRunner& jobs)
{
    jobs.waitForFinished();
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents();
}

} // namespace insitu::test
