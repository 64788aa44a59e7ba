// Reading and writing batch recipes (JSON) and per-movie overrides.

#include "insitu/batch/recipe.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"

#include <fstream>

namespace insitu {

namespace {

using nlohmann::json;

std::optional<double> positiveNumber(const json& object, const char* key, const std::string& where)
{
    if (!object.contains(key) || object[key].is_null())
        return std::nullopt;
    if (!object[key].is_number() || !(object[key].get<double>() > 0))
        throw Error(where + ": \"" + key + "\" must be a positive number");
    return object[key].get<double>();
}

CalibrationOverride calibrationFromJson(const json& object, const std::string& where)
{
    if (!object.is_object())
        throw Error(where + ": \"calibration\" must be an object");
    CalibrationOverride c;
    c.nmPerPixel = positiveNumber(object, "pixel_size_nm", where);
    c.frameIntervalS = positiveNumber(object, "frame_interval_s", where);
    if (object.contains("time_zero_frame") && !object["time_zero_frame"].is_null()) {
        if (!object["time_zero_frame"].is_number_integer())
            throw Error(where + ": \"time_zero_frame\" must be an integer");
        c.timeZeroFrame = object["time_zero_frame"].get<int>();
    }
    return c;
}

json calibrationToJson(const CalibrationOverride& c)
{
    json out = json::object();
    if (c.nmPerPixel)
        out["pixel_size_nm"] = *c.nmPerPixel;
    if (c.frameIntervalS)
        out["frame_interval_s"] = *c.frameIntervalS;
    if (c.timeZeroFrame)
        out["time_zero_frame"] = *c.timeZeroFrame;
    return out;
}

std::string requireString(const json& document, const char* key, const std::string& source)
{
    if (!document.contains(key) || !document[key].is_string() ||
        document[key].get<std::string>().empty())
        throw Error(source + ": \"" + key + "\" (a path) is missing");
    return document[key].get<std::string>();
}

} // namespace

json roiToJson(const Roi& roi)
{
    json points = json::array();
    for (const auto& p : roi.points)
        points.push_back({p.x, p.y});
    return {{"id", roi.id},
            {"name", roi.name},
            {"shape", roiShapeName(roi.shape)},
            {"points_px", points},
            {"width_px", roi.widthPx}};
}

Roi roiFromJson(const json& j)
{
    if (!j.is_object() || !j.contains("id") || !j["id"].is_number_integer() ||
        !j.contains("points_px") || !j["points_px"].is_array())
        throw Error(
            "ROI: expected {\"id\", \"shape\", \"points_px\": [[x, y], ...], \"width_px\"}");
    Roi roi;
    roi.id = j["id"].get<int>();
    roi.name = j.value("name", std::string());
    roi.shape = roiShapeFromName(j.value("shape", std::string("line")));
    roi.widthPx = j.value("width_px", roi.widthPx);
    for (const auto& p : j["points_px"]) {
        if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
            throw Error("ROI " + std::to_string(roi.id) + ": a point is not [x, y]");
        roi.points.push_back({p[0].get<double>(), p[1].get<double>()});
    }
    return roi;
}

BatchRecipe recipeFromJson(const json& document, const std::filesystem::path& baseDir,
                           const std::string& source)
{
    if (!document.is_object())
        throw Error(source + ": a recipe is one JSON object");
    BatchRecipe recipe;
    recipe.baseDir = baseDir;
    if (!document.contains("movies") || !document["movies"].is_array() ||
        document["movies"].empty())
        throw Error(source + ": \"movies\" (a list of paths or glob patterns) is missing");
    for (const auto& m : document["movies"]) {
        if (!m.is_string() || m.get<std::string>().empty())
            throw Error(source + ": every entry of \"movies\" must be a path or pattern");
        recipe.movies.push_back(m.get<std::string>());
    }
    recipe.templateProject = requireString(document, "template", source);
    recipe.outputDir = requireString(document, "output", source);
    if (document.contains("template_movie")) {
        if (!document["template_movie"].is_number_integer())
            throw Error(source + ": \"template_movie\" must be a movie id");
        recipe.templateMovieId = document["template_movie"].get<int>();
    }
    if (document.contains("calibration"))
        recipe.calibration = calibrationFromJson(document["calibration"], source);
    if (document.contains("timeline"))
        recipe.timeline = batchTimelineFromJson(document["timeline"], source);
    if (document.contains("analyses")) {
        if (!document["analyses"].is_array())
            throw Error(source + ": \"analyses\" must be a list of analysis names");
        for (const auto& a : document["analyses"]) {
            if (!a.is_string())
                throw Error(source + ": every entry of \"analyses\" must be a name");
            recipe.analyses.push_back(a.get<std::string>());
        }
    }
    if (document.contains("overrides")) {
        if (!document["overrides"].is_object())
            throw Error(source + ": \"overrides\" must map movie names to overrides");
        for (const auto& [name, value] : document["overrides"].items()) {
            const std::string where = source + ": override of " + name;
            if (!value.is_object())
                throw Error(where + ": expected {\"rois\": [...], \"calibration\": {...}}");
            BatchMovieOverride o;
            if (value.contains("rois")) {
                if (!value["rois"].is_array())
                    throw Error(where + ": \"rois\" must be a list");
                try {
                    for (const auto& r : value["rois"])
                        o.rois.push_back(roiFromJson(r));
                } catch (const Error& e) {
                    throw Error(where + ": " + e.what());
                }
            }
            if (value.contains("calibration"))
                o.calibration = calibrationFromJson(value["calibration"], where);
            if (value.contains("timeline"))
                o.timeline = batchTimelineFromJson(value["timeline"], where);
            recipe.overrides[name] = std::move(o);
        }
    }
    return recipe;
}

json recipeToJson(const BatchRecipe& recipe)
{
    json doc = {{"movies", recipe.movies},
                {"template", recipe.templateProject.string()},
                {"output", recipe.outputDir.string()}};
    if (recipe.templateMovieId != 0)
        doc["template_movie"] = recipe.templateMovieId;
    const json calibration = calibrationToJson(recipe.calibration);
    if (!calibration.empty())
        doc["calibration"] = calibration;
    if (recipe.timeline)
        doc["timeline"] = batchTimelineToJson(*recipe.timeline);
    if (!recipe.analyses.empty())
        doc["analyses"] = recipe.analyses;
    if (!recipe.overrides.empty()) {
        json overrides = json::object();
        for (const auto& [name, o] : recipe.overrides) {
            json entry = json::object();
            if (!o.rois.empty()) {
                entry["rois"] = json::array();
                for (const auto& roi : o.rois)
                    entry["rois"].push_back(roiToJson(roi));
            }
            const json c = calibrationToJson(o.calibration);
            if (!c.empty())
                entry["calibration"] = c;
            if (o.timeline)
                entry["timeline"] = batchTimelineToJson(*o.timeline);
            overrides[name] = entry;
        }
        doc["overrides"] = overrides;
    }
    return doc;
}

BatchRecipe loadRecipe(const std::filesystem::path& path)
{
    std::ifstream in(path);
    if (!in)
        throw Error(path.string() + ": cannot open the recipe");
    const json document = json::parse(in, nullptr, false);
    if (document.is_discarded())
        throw Error(path.string() + ": not valid JSON");
    const auto dir = std::filesystem::absolute(path).parent_path();
    return recipeFromJson(document, dir, path.string());
}

void saveRecipe(const BatchRecipe& recipe, const std::filesystem::path& path)
{
    writeTextFile(path, [&](std::ostream& out) { out << recipeToJson(recipe).dump(2) << '\n'; });
}

std::filesystem::path resolvePath(const BatchRecipe& recipe, const std::filesystem::path& path)
{
    if (path.is_absolute())
        return path.lexically_normal();
    return (recipe.baseDir / path).lexically_normal();
}

const BatchMovieOverride* overrideFor(const BatchRecipe& recipe, const std::filesystem::path& movie)
{
    for (const auto& [name, o] : recipe.overrides)
        if (name == movie.filename().string() || resolvePath(recipe, name) == movie)
            return &o;
    return nullptr;
}

} // namespace insitu
