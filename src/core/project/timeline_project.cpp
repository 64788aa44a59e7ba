// ProjectTimeline ↔ JSON, the form the project file stores it in.

#include "insitu/project/timeline_project.h"

#include "insitu/error.h"

namespace insitu {

namespace {

nlohmann::json optionalNumber(const std::optional<double>& v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

std::optional<double> readOptional(const nlohmann::json& j, const char* key)
{
    const auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return std::nullopt;
    return it->get<double>();
}

} // namespace

nlohmann::json timelineJson(const ProjectTimeline& t)
{
    nlohmann::json logs = nlohmann::json::array();
    for (const auto& log : t.logs) {
        nlohmann::json anchors = nlohmann::json::array();
        for (const auto& a : log.anchors)
            anchors.push_back({{"movie_time_s", a.movieTimeS}, {"log_time_s", a.logTimeS}});
        logs.push_back({{"path", log.path.string()},
                        {"fingerprint", log.fingerprint},
                        {"format", log.format},
                        {"typed_offset_s", optionalNumber(log.typedOffsetS)},
                        {"anchors", anchors},
                        {"offset_s", log.offsetS},
                        {"rate", log.rate},
                        {"method", log.method},
                        {"correlate_channel", log.correlateChannel.empty()
                                                  ? nlohmann::json(nullptr)
                                                  : nlohmann::json(log.correlateChannel)}});
    }
    const auto& d = t.dose;
    nlohmann::json vacuum = nullptr;
    if (d.vacuumRectPx)
        vacuum = *d.vacuumRectPx;
    nlohmann::json signal = nullptr;
    if (t.signalRectPx)
        signal = *t.signalRectPx;
    return {{"movie_start", t.movieStart ? nlohmann::json(t.movieStart->iso()) : nullptr},
            {"log_utc_offset_h", optionalNumber(t.logUtcOffsetH)},
            {"signal_px", signal},
            {"correlation_max_lag_s", optionalNumber(t.correlationMaxLagS)},
            {"logs", logs},
            {"dose",
             {{"typed_rate_e_per_A2_s", optionalNumber(d.typedRateEPerA2S)},
              {"counts_per_electron", optionalNumber(d.countsPerElectron)},
              {"vacuum_px", vacuum},
              {"exposure_s", optionalNumber(d.exposureS)},
              {"beam_current_A", optionalNumber(d.beamCurrentA)},
              {"beam_area_um2", optionalNumber(d.beamAreaUm2)}}}};
}

ProjectTimeline timelineFromJson(const nlohmann::json& j)
{
    try {
        ProjectTimeline t;
        if (const auto& start = j.at("movie_start"); !start.is_null()) {
            t.movieStart = parseIsoLocalDateTime(start.get<std::string>());
            if (!t.movieStart)
                throw Error("timeline movie_start is not an ISO 8601 local time");
        }
        for (const auto& log : j.at("logs")) {
            ProjectTimelineLog entry;
            entry.path = log.at("path").get<std::string>();
            entry.fingerprint = log.at("fingerprint").get<std::string>();
            entry.format = log.at("format").get<std::string>();
            entry.typedOffsetS = readOptional(log, "typed_offset_s");
            for (const auto& a : log.at("anchors"))
                entry.anchors.push_back(
                    {a.at("movie_time_s").get<double>(), a.at("log_time_s").get<double>()});
            entry.offsetS = log.at("offset_s").get<double>();
            entry.rate = log.at("rate").get<double>();
            entry.method = log.at("method").get<std::string>();
            if (const auto c = log.find("correlate_channel"); c != log.end() && !c->is_null())
                entry.correlateChannel = c->get<std::string>();
            t.logs.push_back(std::move(entry));
        }
        // absent in files written before session 6: none
        t.logUtcOffsetH = readOptional(j, "log_utc_offset_h");
        if (const auto v = j.find("signal_px"); v != j.end() && !v->is_null())
            t.signalRectPx = v->get<std::array<int, 4>>();
        t.correlationMaxLagS = readOptional(j, "correlation_max_lag_s");
        const auto& d = j.at("dose");
        t.dose.typedRateEPerA2S = readOptional(d, "typed_rate_e_per_A2_s");
        t.dose.countsPerElectron = readOptional(d, "counts_per_electron");
        if (const auto& v = d.at("vacuum_px"); !v.is_null())
            t.dose.vacuumRectPx = v.get<std::array<int, 4>>();
        t.dose.exposureS = readOptional(d, "exposure_s");
        t.dose.beamCurrentA = readOptional(d, "beam_current_A");
        t.dose.beamAreaUm2 = readOptional(d, "beam_area_um2");
        return t;
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("timeline settings: ") + e.what());
    }
}

} // namespace insitu
