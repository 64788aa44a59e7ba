// Layout version 1 of the project file (docs/project-file.md is the reference; keep both in step).

#include "project_layout.h"

#include "hdf5_handles.h"
#include "layout_v1_parts.h"
#include "layout_v2_analyses.h"
#include "project_validation.h"

#include "insitu/error.h"
#include "insitu/json_text.h"
#include "insitu/project/project_file.h"
#include "insitu/version.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace insitu::layout {

using h5::Handle;
using namespace v1;

namespace {

// ---- movie parts ------------------------------------------------------------------------------

void writeCalibration(hid_t movieGroup, const Calibration& calibration,
                      const CalibrationOverride& override_)
{
    Handle cal = h5::createGroup(movieGroup, "calibration");
    h5::writeOptionalAttribute(cal.id(), "nm_per_pixel", calibration.nmPerPixel);
    h5::writeOptionalAttribute(cal.id(), "frame_interval_s", calibration.frameIntervalS);
    writeInt(cal.id(), "time_zero_frame", calibration.timeZeroFrame);
    h5::writeDataset(cal.id(), "timestamps_s", calibration.timestampsS, "s");

    Handle over = h5::createGroup(movieGroup, "calibration_override");
    h5::writeOptionalAttribute(over.id(), "nm_per_pixel", override_.nmPerPixel);
    h5::writeOptionalAttribute(over.id(), "frame_interval_s", override_.frameIntervalS);
    if (override_.timeZeroFrame)
        writeInt(over.id(), "time_zero_frame", *override_.timeZeroFrame);
}

void readCalibration(hid_t movieGroup, ProjectMovie& movie)
{
    Handle cal = h5::openGroup(movieGroup, "calibration");
    movie.fileCalibration.nmPerPixel = h5::readOptionalDoubleAttribute(cal.id(), "nm_per_pixel");
    movie.fileCalibration.frameIntervalS =
        h5::readOptionalDoubleAttribute(cal.id(), "frame_interval_s");
    movie.fileCalibration.timeZeroFrame = readInt(cal.id(), "time_zero_frame");
    movie.fileCalibration.timestampsS = h5::readDoubles(cal.id(), "timestamps_s");

    Handle over = h5::openGroup(movieGroup, "calibration_override");
    movie.calibrationOverride.nmPerPixel =
        h5::readOptionalDoubleAttribute(over.id(), "nm_per_pixel");
    movie.calibrationOverride.frameIntervalS =
        h5::readOptionalDoubleAttribute(over.id(), "frame_interval_s");
    movie.calibrationOverride.timeZeroFrame = readOptionalInt(over.id(), "time_zero_frame");
}

void writeDrift(hid_t movieGroup, const ProjectDrift& drift)
{
    Handle group = h5::createGroup(movieGroup, "drift");
    const auto& r = drift.result;
    h5::writeAttribute(group.id(), "options", dumpJson(driftOptionsJson(r.options)));
    writeProvenance(group.id(), drift.provenance);
    h5::writeDataset(group.id(), "dx_px", r.dxPx, "px");
    h5::writeDataset(group.id(), "dy_px", r.dyPx, "px");
    h5::writeDataset(group.id(), "quality", r.quality, "");
    h5::writeDataset(group.id(), "interpolated",
                     std::vector<std::uint8_t>(r.interpolated.begin(), r.interpolated.end()), "");
}

ProjectDrift readDrift(hid_t movieGroup)
{
    Handle group = h5::openGroup(movieGroup, "drift");
    ProjectDrift drift;
    auto& r = drift.result;
    r.options = driftOptionsFromJson(parseJsonAttribute(group.id(), "options"));
    drift.provenance = readProvenance(group.id());
    r.dxPx = h5::readDoubles(group.id(), "dx_px");
    r.dyPx = h5::readDoubles(group.id(), "dy_px");
    r.quality = h5::readDoubles(group.id(), "quality");
    const auto interpolated = h5::readBytes(group.id(), "interpolated");
    r.interpolated.assign(interpolated.begin(), interpolated.end());
    require(r.dyPx.size() == r.dxPx.size(), "drift dx_px and dy_px differ in length");
    return drift;
}

void writeRois(hid_t movieGroup, const std::vector<Roi>& rois)
{
    Handle group = h5::createGroup(movieGroup, "rois");
    for (std::size_t i = 0; i < rois.size(); ++i) {
        const Roi& roi = rois[i];
        Handle g = h5::createGroup(group.id(), childName(i));
        writeInt(g.id(), "id", roi.id);
        h5::writeAttribute(g.id(), "name", roi.name);
        h5::writeAttribute(g.id(), "shape", roiShapeName(roi.shape));
        h5::writeAttribute(g.id(), "width_px", roi.widthPx);
        h5::writeAttribute(g.id(), "rgb",
                           std::vector<std::uint8_t>(roi.rgb.begin(), roi.rgb.end()));
        std::vector<double> points;
        for (const auto& p : roi.points) {
            points.push_back(p.x);
            points.push_back(p.y);
        }
        h5::writeMatrix(g.id(), "points_px", points, roi.points.size(), 2, "px");
    }
}

std::vector<Roi> readRois(hid_t movieGroup)
{
    std::vector<Roi> rois;
    Handle group = h5::openGroup(movieGroup, "rois");
    forEachIndexedChild(group.id(), [&](hid_t g) {
        Roi roi;
        roi.id = readInt(g, "id");
        roi.name = h5::readStringAttribute(g, "name");
        roi.shape = roiShapeFromName(h5::readStringAttribute(g, "shape"));
        roi.widthPx = h5::readDoubleAttribute(g, "width_px");
        const auto rgb = h5::readBytesAttribute(g, "rgb");
        require(rgb.size() == 3, "ROI colour rgb must have 3 values");
        roi.rgb = {rgb[0], rgb[1], rgb[2]};
        std::size_t rows = 0, cols = 0;
        const auto points = h5::readMatrix(g, "points_px", rows, cols);
        require(cols == 2 || rows == 0, "ROI points_px must have 2 columns");
        for (std::size_t k = 0; k < rows; ++k)
            roi.points.push_back({points[2 * k], points[2 * k + 1]});
        rois.push_back(std::move(roi));
    });
    return rois;
}

void writeMarkers(hid_t movieGroup, const std::vector<EventMarker>& markers)
{
    Handle group = h5::createGroup(movieGroup, "markers");
    std::vector<double> times;
    std::vector<std::string> labels;
    for (const auto& m : markers) {
        times.push_back(m.timeS);
        labels.push_back(m.label);
    }
    h5::writeDataset(group.id(), "time_s", times, "s");
    h5::writeDataset(group.id(), "label", labels);
}

std::vector<EventMarker> readMarkers(hid_t movieGroup)
{
    Handle group = h5::openGroup(movieGroup, "markers");
    const auto times = h5::readDoubles(group.id(), "time_s");
    const auto labels = h5::readStrings(group.id(), "label");
    require(times.size() == labels.size(), "markers time_s and label differ in length");
    std::vector<EventMarker> markers;
    for (std::size_t i = 0; i < times.size(); ++i)
        markers.push_back({times[i], labels[i]});
    return markers;
}

void writeTrack(hid_t parent, std::size_t i, const FrontTrack& track)
{
    Handle g = h5::createGroup(parent, childName(i));
    writeInt(g.id(), "index", track.index);
    writeBool(g.id(), "brighter_ahead", track.brighterAhead);
    writeInt(g.id(), "direction", track.direction);
    h5::writeDataset(g.id(), "frame",
                     std::vector<std::int32_t>(track.frames.begin(), track.frames.end()), "");
    h5::writeDataset(g.id(), "position_px", track.positionsPx, "px");
    h5::writeDataset(g.id(), "confidence", track.confidence, "");
    // per-frame estimates (optional: results made before they existed have none)
    if (!track.framePositionsPx.empty()) {
        h5::writeDataset(g.id(), "frame_position_px", track.framePositionsPx, "px");
        h5::writeDataset(g.id(), "frame_std_px", track.frameStdPx, "px");
    }
    std::vector<std::int32_t> pinFrames;
    std::vector<double> pinPositions;
    for (const auto& pin : track.pins) {
        pinFrames.push_back(pin.frame);
        pinPositions.push_back(pin.positionPx);
    }
    h5::writeDataset(g.id(), "pin_frame", pinFrames, "");
    h5::writeDataset(g.id(), "pin_position_px", pinPositions, "px");
    if (track.fit)
        writeFit(g.id(), "fit", *track.fit);
}

FrontTrack readTrack(hid_t g)
{
    FrontTrack track;
    track.index = readInt(g, "index");
    track.brighterAhead = readBool(g, "brighter_ahead");
    track.direction = readInt(g, "direction");
    const auto frames = h5::readInts(g, "frame");
    track.frames.assign(frames.begin(), frames.end());
    track.positionsPx = h5::readDoubles(g, "position_px");
    track.confidence = h5::readDoubles(g, "confidence");
    require(track.positionsPx.size() == track.frames.size(),
            "front frame and position_px differ in length");
    if (h5::exists(g, "frame_position_px")) {
        track.framePositionsPx = h5::readDoubles(g, "frame_position_px");
        track.frameStdPx = h5::readDoubles(g, "frame_std_px");
        require(track.framePositionsPx.size() == track.frames.size() &&
                    track.frameStdPx.size() == track.frames.size(),
                "front frame_position_px or frame_std_px differs in length from frame");
    }
    const auto pinFrames = h5::readInts(g, "pin_frame");
    const auto pinPositions = h5::readDoubles(g, "pin_position_px");
    require(pinFrames.size() == pinPositions.size(),
            "pin_frame and pin_position_px differ in length");
    for (std::size_t k = 0; k < pinFrames.size(); ++k)
        track.pins.push_back({pinFrames[k], pinPositions[k]});
    if (h5::exists(g, "fit"))
        track.fit = readFit(g, "fit");
    return track;
}

void writeFronts(hid_t movieGroup, const std::vector<ProjectFronts>& fronts)
{
    Handle group = h5::createGroup(movieGroup, "fronts");
    for (std::size_t i = 0; i < fronts.size(); ++i) {
        const auto& f = fronts[i];
        Handle g = h5::createGroup(group.id(), childName(i));
        writeInt(g.id(), "roi_id", f.result.roiId);
        h5::writeAttribute(g.id(), "options", dumpJson(frontOptionsJson(f.result.options)));
        writeProvenance(g.id(), f.provenance);
        h5::writeAttribute(g.id(), "kymograph_step_px", f.kymographStepPx);
        if (f.kymograph)
            h5::writeMatrix(g.id(), "kymograph", f.kymograph->values,
                            static_cast<std::size_t>(f.kymograph->rows),
                            static_cast<std::size_t>(f.kymograph->cols), "counts");
        Handle tracks = h5::createGroup(g.id(), "tracks");
        for (std::size_t k = 0; k < f.result.fronts.size(); ++k)
            writeTrack(tracks.id(), k, f.result.fronts[k]);
    }
}

std::vector<ProjectFronts> readFronts(hid_t movieGroup)
{
    std::vector<ProjectFronts> fronts;
    Handle group = h5::openGroup(movieGroup, "fronts");
    forEachIndexedChild(group.id(), [&](hid_t g) {
        ProjectFronts f;
        f.result.roiId = readInt(g, "roi_id");
        f.result.options = frontOptionsFromJson(parseJsonAttribute(g, "options"));
        f.provenance = readProvenance(g);
        f.kymographStepPx = h5::readDoubleAttribute(g, "kymograph_step_px");
        if (h5::exists(g, "kymograph")) {
            std::size_t rows = 0, cols = 0;
            ImageF32 image;
            image.values = h5::readMatrixF32(g, "kymograph", rows, cols);
            image.rows = static_cast<int>(rows);
            image.cols = static_cast<int>(cols);
            f.kymograph = std::move(image);
        }
        Handle tracks = h5::openGroup(g, "tracks");
        forEachIndexedChild(tracks.id(), [&](hid_t t) { f.result.fronts.push_back(readTrack(t)); });
        fronts.push_back(std::move(f));
    });
    return fronts;
}

void writeMovie(hid_t parent, std::size_t i, const ProjectMovie& movie)
{
    Handle group = h5::createGroup(parent, childName(i));
    const hid_t g = group.id();
    writeInt(g, "id", movie.id);
    h5::writeAttribute(g, "path", movie.path.string());
    h5::writeAttribute(g, "file_name", movie.path.filename().string());
    writeInt(g, "width", movie.width);
    writeInt(g, "height", movie.height);
    writeInt(g, "frame_count", movie.frameCount);
    h5::writeAttribute(g, "file_size_bytes", static_cast<std::int64_t>(movie.fileSizeBytes));
    h5::writeAttribute(g, "fingerprint", movie.fingerprint);
    h5::writeAttribute(g, "drift_options", dumpJson(driftOptionsJson(movie.driftOptions)));
    h5::writeAttribute(g, "front_settings", dumpJson(frontSettingsJson(movie.frontSettings)));
    writeCalibration(g, movie.fileCalibration, movie.calibrationOverride);
    if (movie.drift)
        writeDrift(g, *movie.drift);
    writeRois(g, movie.rois);
    writeMarkers(g, movie.markers);
    writeFronts(g, movie.fronts);
    v2::writeAnalysisParts(g, movie);
}

ProjectMovie readMovie(hid_t g, int formatVersion)
{
    ProjectMovie movie;
    movie.id = readInt(g, "id");
    movie.path = h5::readStringAttribute(g, "path");
    movie.width = readInt(g, "width");
    movie.height = readInt(g, "height");
    movie.frameCount = readInt(g, "frame_count");
    const auto size = h5::readIntAttribute(g, "file_size_bytes");
    require(size >= 0, "file_size_bytes is negative");
    movie.fileSizeBytes = static_cast<std::uint64_t>(size);
    movie.fingerprint = h5::readStringAttribute(g, "fingerprint");
    movie.driftOptions = driftOptionsFromJson(parseJsonAttribute(g, "drift_options"));
    readCalibration(g, movie);
    if (h5::exists(g, "drift"))
        movie.drift = readDrift(g);
    movie.rois = readRois(g);
    movie.markers = readMarkers(g);
    movie.fronts = readFronts(g);
    // Files written before the settings were saved: the settings their results were made with.
    movie.frontSettings = h5::hasAttribute(g, "front_settings")
                              ? frontSettingsFromJson(parseJsonAttribute(g, "front_settings"))
                              : frontSettingsFromResults(movie);
    if (formatVersion >= 2)
        v2::readAnalysisParts(g, movie);
    return movie;
}

// ---- project-level fits and tables ------------------------------------------------------------

void writeFits(hid_t root, const std::vector<ProjectFit>& fits)
{
    Handle group = h5::createGroup(root, "fits");
    for (std::size_t i = 0; i < fits.size(); ++i) {
        const auto& f = fits[i];
        Handle g = h5::createGroup(group.id(), childName(i));
        h5::writeAttribute(g.id(), "name", f.name);
        h5::writeAttribute(g.id(), "x_name", f.xName);
        h5::writeAttribute(g.id(), "y_name", f.yName);
        writeProvenance(g.id(), f.provenance);
        writeFit(g.id(), "fit", f.result);
    }
}

std::vector<ProjectFit> readFits(hid_t root)
{
    std::vector<ProjectFit> fits;
    Handle group = h5::openGroup(root, "fits");
    forEachIndexedChild(group.id(), [&](hid_t g) {
        ProjectFit f;
        f.name = h5::readStringAttribute(g, "name");
        f.xName = h5::readStringAttribute(g, "x_name");
        f.yName = h5::readStringAttribute(g, "y_name");
        f.provenance = readProvenance(g);
        f.result = readFit(g, "fit");
        fits.push_back(std::move(f));
    });
    return fits;
}

void writeTables(hid_t root, const std::vector<ResultTable>& tables)
{
    Handle group = h5::createGroup(root, "tables");
    for (std::size_t i = 0; i < tables.size(); ++i) {
        const auto& t = tables[i];
        Handle g = h5::createGroup(group.id(), childName(i));
        h5::writeAttribute(g.id(), "name", t.name);
        writeProvenance(g.id(), t.provenance);
        Handle columns = h5::createGroup(g.id(), "columns");
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const std::string name = childName(c);
            h5::writeDataset(columns.id(), name, t.columns[c].values, "");
            Handle dataset(H5Dopen2(columns.id(), name.c_str(), H5P_DEFAULT), H5Dclose);
            require(dataset.valid(), "cannot reopen table column");
            h5::writeAttribute(dataset.id(), "name", t.columns[c].name);
            // Written even when empty, so every column carries its unit ("" = dimensionless).
            h5::writeAttribute(dataset.id(), "units", t.columns[c].unit);
        }
    }
}

std::vector<ResultTable> readTables(hid_t root)
{
    std::vector<ResultTable> tables;
    Handle group = h5::openGroup(root, "tables");
    forEachIndexedChild(group.id(), [&](hid_t g) {
        ResultTable t;
        t.name = h5::readStringAttribute(g, "name");
        t.provenance = readProvenance(g);
        Handle columns = h5::openGroup(g, "columns");
        for (std::size_t c = 0;; ++c) {
            const std::string name = childName(c);
            if (!h5::exists(columns.id(), name))
                break;
            TableColumn column;
            column.values = h5::readDoubles(columns.id(), name);
            Handle dataset(H5Dopen2(columns.id(), name.c_str(), H5P_DEFAULT), H5Dclose);
            require(dataset.valid(), "cannot open table column " + name);
            column.name = h5::readStringAttribute(dataset.id(), "name");
            column.unit = h5::readStringAttribute(dataset.id(), "units");
            t.columns.push_back(std::move(column));
        }
        tables.push_back(std::move(t));
    });
    return tables;
}

} // namespace

void writeProject(hid_t file, const Project& project,
                  const std::function<void(std::string_view)>& stage)
{
    Handle root(H5Gopen2(file, "/", H5P_DEFAULT), H5Gclose);
    require(root.valid(), "cannot open root group");
    const hid_t r = root.id();
    writeInt(r, "format_version", kProjectFormatVersion);
    h5::writeAttribute(r, "program", "InSitu Workbench");
    h5::writeAttribute(r, "program_version", kVersion);
    h5::writeAttribute(r, "name", project.name);
    writeInt(r, "next_roi_id", project.nextRoiId);
    writeInt(r, "next_movie_id", project.nextMovieId);
    Handle movies = h5::createGroup(r, "movies");
    for (std::size_t i = 0; i < project.movies.size(); ++i)
        writeMovie(movies.id(), i, project.movies[i]);
    stage("movies-written");
    writeFits(r, project.fits);
    writeTables(r, project.tables);
    stage("tables-written");
}

Project readProjectV1(hid_t file)
{
    return readProjectLayout(file, 1);
}

Project readProjectV2(hid_t file)
{
    return readProjectLayout(file, 2);
}

Project readProjectLayout(hid_t file, int formatVersion)
{
    Handle root(H5Gopen2(file, "/", H5P_DEFAULT), H5Gclose);
    require(root.valid(), "cannot open root group");
    const hid_t r = root.id();
    Project project;
    project.name = h5::readStringAttribute(r, "name");
    project.nextRoiId = readInt(r, "next_roi_id");
    project.nextMovieId = readInt(r, "next_movie_id");
    Handle movies = h5::openGroup(r, "movies");
    forEachIndexedChild(movies.id(),
                        [&](hid_t g) { project.movies.push_back(readMovie(g, formatVersion)); });
    project.fits = readFits(r);
    project.tables = readTables(r);
    validateProject(project);
    return project;
}

} // namespace insitu::layout
