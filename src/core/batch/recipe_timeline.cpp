// The "timeline" part of a batch recipe: which logs each movie gets and how they are aligned.

#include "insitu/batch/recipe.h"

#include "insitu/error.h"

#include <cmath>

namespace insitu {

namespace {

using nlohmann::json;

std::string replaced(std::string text, const std::string& key, const std::string& value)
{
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
        text.replace(at, key.size(), value);
    return text;
}

std::string text(const json& object, const char* key, const std::string& where)
{
    if (!object[key].is_string())
        throw Error(where + ": timeline \"" + key + "\" must be a string");
    return object[key].get<std::string>();
}

} // namespace

BatchTimeline batchTimelineFromJson(const json& object, const std::string& where)
{
    if (!object.is_object())
        throw Error(where + ": \"timeline\" must be an object {\"logs\": [...], ...}");
    BatchTimeline t;
    if (object.contains("logs")) {
        const json& logs = object["logs"];
        if (!logs.is_array())
            throw Error(where + ": timeline \"logs\" must be a list of paths");
        for (const auto& log : logs) {
            if (!log.is_string() || log.get<std::string>().empty())
                throw Error(where + ": every timeline log must be a path");
            t.logs.push_back(log.get<std::string>());
        }
    }
    if (object.contains("format"))
        t.format = text(object, "format", where);
    if (object.contains("offset_s")) {
        const json& offsets = object["offset_s"];
        const json list = offsets.is_array() ? offsets : json::array({offsets});
        for (const auto& v : list) {
            if (!v.is_number() || !std::isfinite(v.get<double>()))
                throw Error(where + ": timeline \"offset_s\" must be numbers (s), one per log");
            t.offsetsS.push_back(v.get<double>());
        }
    }
    if (object.contains("correlate"))
        t.correlate = text(object, "correlate", where);
    if (object.contains("max_lag_s")) {
        if (!object["max_lag_s"].is_number() || !(object["max_lag_s"].get<double>() > 0) ||
            !std::isfinite(object["max_lag_s"].get<double>()))
            throw Error(where + ": timeline \"max_lag_s\" must be a positive number");
        t.maxLagS = object["max_lag_s"].get<double>();
    }
    if (object.contains("movie_start"))
        t.movieStart = text(object, "movie_start", where);
    return t;
}

json batchTimelineToJson(const BatchTimeline& t)
{
    json out = json::object();
    if (!t.logs.empty())
        out["logs"] = t.logs;
    if (!t.format.empty())
        out["format"] = t.format;
    if (!t.offsetsS.empty())
        out["offset_s"] = t.offsetsS;
    if (!t.correlate.empty())
        out["correlate"] = t.correlate;
    if (t.maxLagS)
        out["max_lag_s"] = *t.maxLagS;
    if (t.movieStart)
        out["movie_start"] = *t.movieStart;
    return out;
}

std::optional<BatchTimeline> timelineFor(const BatchRecipe& recipe,
                                         const std::filesystem::path& movie)
{
    const BatchMovieOverride* o = overrideFor(recipe, movie);
    if (!recipe.timeline && !(o && o->timeline))
        return std::nullopt;
    BatchTimeline t = recipe.timeline.value_or(BatchTimeline{});
    if (o && o->timeline) {
        const BatchTimeline& mine = *o->timeline;
        if (!mine.logs.empty())
            t.logs = mine.logs;
        if (!mine.format.empty())
            t.format = mine.format;
        if (!mine.offsetsS.empty())
            t.offsetsS = mine.offsetsS;
        if (!mine.correlate.empty())
            t.correlate = mine.correlate;
        if (mine.maxLagS)
            t.maxLagS = mine.maxLagS;
        if (mine.movieStart)
            t.movieStart = mine.movieStart;
    }
    for (std::string& log : t.logs) {
        log = replaced(replaced(log, "{stem}", movie.stem().string()), "{dir}",
                       movie.parent_path().string());
        log = resolvePath(recipe, log).string();
    }
    return t;
}

} // namespace insitu
