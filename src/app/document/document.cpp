#include "document/document.h"

#include "insitu/error.h"

#include <QFileInfo>
#include <QUndoStack>

#include <algorithm>

namespace insitu::app {

Document::Document(QObject* parent) : QObject(parent), m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, &Document::cleanChanged);
}

Document::~Document() = default;

void Document::setFileName(const QString& fileName)
{
    if (fileName == m_fileName)
        return;
    m_fileName = fileName;
    emit fileNameChanged(m_fileName);
}

bool Document::isClean() const
{
    return m_undoStack->isClean();
}

void Document::setClean()
{
    m_undoStack->setClean();
}

void Document::markModified()
{
    m_undoStack->resetClean();
}

void Document::openMovieFile(const QString& path)
{
    const std::filesystem::path filePath = path.toStdString();
    std::shared_ptr<Movie> movie = openMovie(filePath); // throws insitu::Error
    Project project;
    project.name = QFileInfo(path).completeBaseName().toStdString();
    ProjectMovie entry;
    entry.id = project.nextMovieId++;
    entry.path = std::filesystem::absolute(filePath);
    entry.width = movie->width();
    entry.height = movie->height();
    entry.frameCount = movie->frameCount();
    std::error_code ec;
    entry.fileSizeBytes = std::filesystem::is_regular_file(filePath, ec)
                              ? std::filesystem::file_size(filePath, ec)
                              : 0;
    entry.fileCalibration = movie->info().calibration;
    project.movies.push_back(std::move(entry));
    loadProjectValue(std::move(project), std::move(movie), QString());
}

void Document::loadProjectValue(Project project, std::shared_ptr<Movie> movie,
                                const QString& fileName)
{
    m_undoStack->clear();
    m_project = std::move(project);
    m_movie = std::move(movie);
    m_frontsInputs.clear();
    if (ProjectMovie* pm = currentProjectMovie()) {
        for (const ProjectFronts& f : pm->fronts) {
            const auto record = std::find_if(
                pm->frontsTrackedFrom.begin(), pm->frontsTrackedFrom.end(),
                [&f](const FrontsTrackedFrom& r) { return r.roiId == f.result.roiId; });
            m_frontsInputs[f.result.roiId] = record != pm->frontsTrackedFrom.end()
                                                 ? recordedFrontsInputs(*pm, f, *record)
                                                 : loadedFrontsInputs(*pm, f);
        }
        // m_frontsInputs holds them from now on; projectToSave() writes them back.
        pm->frontsTrackedFrom.clear();
    }
    // Areas (issue #16): what the stored result shows of its inputs.
    m_areasInputs.reset();
    if (const ProjectMovie* pm = projectMovie(); pm && pm->areas)
        m_areasInputs = loadedAreasInputs(*pm, *pm->areas);
    applyCalibrationToMovie();
    setFileName(fileName);
    m_undoStack->setClean();
    emit movieChanged();
    emit calibrationChanged();
    emit driftOptionsChanged();
    emit frontSettingsChanged();
    emit driftChanged();
    emit areasChanged();
    emit timelineChanged();         // timeline (issue #19)
    emit particleSettingsChanged(); // analysis options in the Document (issue #13)
    emit areaSettingsChanged();
    emit fftSettingsChanged();
    emit grainSettingsChanged();
}

void Document::clear()
{
    loadProjectValue(Project{}, nullptr, QString());
}

Project Document::projectToSave() const
{
    Project project = m_project;
    if (!project.movies.empty()) {
        ProjectMovie& pm = project.movies.front();
        pm.frontsTrackedFrom.clear();
        for (const ProjectFronts& f : pm.fronts)
            if (const FrontsInputs* used = frontsInputs(f.result.roiId))
                pm.frontsTrackedFrom.push_back(trackedFromRecord(*used, pm, f.result.roiId));
    }
    return project;
}

const ProjectMovie* Document::projectMovie() const
{
    return m_project.movies.empty() ? nullptr : &m_project.movies.front();
}

ProjectMovie* Document::currentProjectMovie()
{
    return m_project.movies.empty() ? nullptr : &m_project.movies.front();
}

Calibration Document::calibration() const
{
    const ProjectMovie* pm = projectMovie();
    return pm ? pm->effectiveCalibration() : Calibration{};
}

void Document::applyCalibrationToMovie()
{
    if (m_movie && projectMovie())
        m_movie->setCalibration(projectMovie()->effectiveCalibration());
}

int Document::roiCount() const
{
    const ProjectMovie* pm = projectMovie();
    return pm ? static_cast<int>(pm->rois.size()) : 0;
}

const Roi& Document::roi(int index) const
{
    return projectMovie()->rois.at(static_cast<std::size_t>(index));
}

int Document::roiIndex(int roiId) const
{
    for (int i = 0; i < roiCount(); ++i)
        if (roi(i).id == roiId)
            return i;
    return -1;
}

int Document::takeRoiId()
{
    return m_project.nextRoiId++;
}

DriftOptions Document::driftOptions() const
{
    const ProjectMovie* pm = projectMovie();
    return pm ? pm->driftOptions : DriftOptions{};
}

FrontAnalysisSettings Document::frontSettings() const
{
    const ProjectMovie* pm = projectMovie();
    return pm ? pm->frontSettings : FrontAnalysisSettings{};
}

// --- analysis options in the Document (issue #13) ---
ParticleAnalysisSettings Document::particleSettings() const
{
    const ProjectMovie* pm = projectMovie();
    return pm ? pm->particleSettings : ParticleAnalysisSettings{};
}

AreaOptions Document::areaSettings() const
{
    const ProjectMovie* pm = projectMovie();
    return pm ? pm->areaSettings : AreaOptions{};
}

FftAnalysisSettings Document::fftSettings() const
{
    const ProjectMovie* pm = projectMovie();
    return pm ? pm->fftSettings : FftAnalysisSettings{};
}

GrainAnalysisSettings Document::grainSettings() const
{
    const ProjectMovie* pm = projectMovie();
    return pm ? pm->grainSettings : GrainAnalysisSettings{};
}

const std::optional<ProjectDrift>& Document::drift() const
{
    static const std::optional<ProjectDrift> none;
    const ProjectMovie* pm = projectMovie();
    return pm ? pm->drift : none;
}

const ProjectFronts* Document::fronts(int roiId) const
{
    const ProjectMovie* pm = projectMovie();
    if (!pm)
        return nullptr;
    for (const auto& f : pm->fronts)
        if (f.result.roiId == roiId)
            return &f;
    return nullptr;
}

int Document::firstRoiWithFronts() const
{
    int firstPath = 0;
    for (int i = 0; i < roiCount(); ++i) {
        const Roi& r = roi(i);
        if (r.shape != RoiShape::Line && r.shape != RoiShape::Polyline)
            continue;
        if (fronts(r.id))
            return r.id;
        if (firstPath == 0)
            firstPath = r.id;
    }
    return firstPath;
}

const FrontsInputs* Document::frontsInputs(int roiId) const
{
    const auto it = m_frontsInputs.find(roiId);
    return fronts(roiId) && it != m_frontsInputs.end() ? &it->second : nullptr;
}

FrontsInputs Document::currentFrontsInputs(int roiId) const
{
    const ProjectMovie* pm = projectMovie();
    return pm ? app::currentFrontsInputs(*pm, roiId) : FrontsInputs{};
}

QStringList Document::frontsStaleReasons(int roiId) const
{
    const FrontsInputs* used = frontsInputs(roiId);
    return used ? trackingStaleReasons(*used, currentFrontsInputs(roiId)) : QStringList{};
}

QStringList Document::fitsStaleReasons(int roiId) const
{
    const FrontsInputs* used = frontsInputs(roiId);
    if (!used)
        return {};
    const FrontsInputs now = currentFrontsInputs(roiId);
    return trackingStaleReasons(*used, now) + fitStaleReasons(*used, now);
}

QStringList Document::driftStaleReasons() const
{
    const ProjectMovie* pm = projectMovie();
    return pm && pm->drift ? app::driftStaleReasons(*pm->drift, pm->driftOptions) : QStringList{};
}

void Document::insertRoi(int index, const Roi& roi)
{
    ProjectMovie* pm = currentProjectMovie();
    if (!pm)
        throw Error("no movie is open: open a movie before drawing ROIs");
    index = std::clamp(index, 0, static_cast<int>(pm->rois.size()));
    emit roiAboutToBeInserted(index);
    pm->rois.insert(pm->rois.begin() + index, roi);
    m_project.nextRoiId = std::max(m_project.nextRoiId, roi.id + 1);
    emit roiInserted(index);
}

Roi Document::removeRoi(int index)
{
    ProjectMovie* pm = currentProjectMovie();
    emit roiAboutToBeRemoved(index);
    Roi removed = pm->rois.at(static_cast<std::size_t>(index));
    pm->rois.erase(pm->rois.begin() + index);
    emit roiRemoved(index);
    return removed;
}

void Document::setRoi(int index, const Roi& roi)
{
    currentProjectMovie()->rois.at(static_cast<std::size_t>(index)) = roi;
    emit roiChanged(index);
}

void Document::setCalibrationOverride(const CalibrationOverride& calibrationOverride)
{
    ProjectMovie* pm = currentProjectMovie();
    if (!pm)
        return;
    pm->calibrationOverride = calibrationOverride;
    applyCalibrationToMovie();
    emit calibrationChanged();
}

void Document::setDriftOptions(const DriftOptions& options)
{
    if (ProjectMovie* pm = currentProjectMovie()) {
        pm->driftOptions = options;
        emit driftOptionsChanged();
    }
}

void Document::setFrontSettings(const FrontAnalysisSettings& settings)
{
    if (ProjectMovie* pm = currentProjectMovie()) {
        pm->frontSettings = settings;
        emit frontSettingsChanged();
    }
}

// --- analysis options in the Document (issue #13) ---
void Document::setParticleSettings(const ParticleAnalysisSettings& settings)
{
    if (ProjectMovie* pm = currentProjectMovie()) {
        pm->particleSettings = settings;
        emit particleSettingsChanged();
    }
}

void Document::setAreaSettings(const AreaOptions& settings)
{
    if (ProjectMovie* pm = currentProjectMovie()) {
        pm->areaSettings = settings;
        emit areaSettingsChanged();
    }
}

void Document::setFftSettings(const FftAnalysisSettings& settings)
{
    if (ProjectMovie* pm = currentProjectMovie()) {
        pm->fftSettings = settings;
        emit fftSettingsChanged();
    }
}

void Document::setGrainSettings(const GrainAnalysisSettings& settings)
{
    if (ProjectMovie* pm = currentProjectMovie()) {
        pm->grainSettings = settings;
        emit grainSettingsChanged();
    }
}

// --- particles (issue #17) ---
const std::optional<ProjectParticles>& Document::particles() const
{
    static const std::optional<ProjectParticles> none;
    const ProjectMovie* pm = projectMovie();
    return pm ? pm->particles : none;
}

void Document::setParticles(std::optional<ProjectParticles> particles)
{
    if (ProjectMovie* pm = currentProjectMovie()) {
        pm->particles = std::move(particles);
        emit particlesChanged();
    }
}
// --- end particles ---

// --- crystal (issue #18) ---
const ProjectFft& Document::fft() const
{
    static const ProjectFft none;
    const ProjectMovie* pm = projectMovie();
    return pm ? pm->fft : none;
}

const std::optional<ProjectGrains>& Document::grains() const
{
    static const std::optional<ProjectGrains> none;
    const ProjectMovie* pm = projectMovie();
    return pm ? pm->grains : none;
}

void Document::setFft(ProjectFft fft)
{
    if (ProjectMovie* pm = currentProjectMovie()) {
        pm->fft = std::move(fft);
        emit fftChanged();
    }
}

void Document::setGrains(std::optional<ProjectGrains> grains)
{
    if (ProjectMovie* pm = currentProjectMovie()) {
        pm->grains = std::move(grains);
        emit grainsChanged();
    }
}
// --- end crystal ---

void Document::setDrift(std::optional<ProjectDrift> drift)
{
    if (ProjectMovie* pm = currentProjectMovie()) {
        pm->drift = std::move(drift);
        emit driftChanged();
    }
}

// --- timeline (issue #19) ---
const std::optional<ProjectTimeline>& Document::timeline() const
{
    static const std::optional<ProjectTimeline> none;
    const ProjectMovie* pm = projectMovie();
    return pm ? pm->timeline : none;
}

void Document::setTimeline(std::optional<ProjectTimeline> timeline)
{
    if (ProjectMovie* pm = currentProjectMovie()) {
        pm->timeline = std::move(timeline);
        emit timelineChanged();
    }
}
// --- end timeline ---

void Document::setFronts(int roiId, std::optional<ProjectFronts> fronts,
                         std::optional<FrontsInputs> inputs)
{
    ProjectMovie* pm = currentProjectMovie();
    if (!pm)
        return;
    auto it = std::find_if(pm->fronts.begin(), pm->fronts.end(),
                           [roiId](const ProjectFronts& f) { return f.result.roiId == roiId; });
    if (inputs)
        m_frontsInputs[roiId] = std::move(*inputs);
    else if (fronts && !m_frontsInputs.contains(roiId))
        m_frontsInputs[roiId] = app::currentFrontsInputs(*pm, roiId);
    if (fronts) {
        fronts->result.roiId = roiId;
        if (it != pm->fronts.end())
            *it = std::move(*fronts);
        else
            pm->fronts.push_back(std::move(*fronts));
    } else if (it != pm->fronts.end()) {
        pm->fronts.erase(it);
    }
    if (!fronts)
        m_frontsInputs.erase(roiId);
    emit frontsChanged(roiId);
}

// --- areas (issue #16) ---
const std::optional<ProjectAreas>& Document::areas() const
{
    static const std::optional<ProjectAreas> none;
    const ProjectMovie* pm = projectMovie();
    return pm ? pm->areas : none;
}

void Document::setAreas(std::optional<ProjectAreas> areas, std::optional<AreasInputs> inputs)
{
    ProjectMovie* pm = currentProjectMovie();
    if (!pm)
        return;
    pm->areas = std::move(areas);
    m_areasInputs = pm->areas ? std::move(inputs) : std::nullopt;
    emit areasChanged();
}

} // namespace insitu::app
