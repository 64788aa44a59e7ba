// buildTimeline(): per-frame values of the aligned logs, charge, dose, fronts, areas and particle
// counts; its CSV.

#include "insitu/ec/timeline.h"

#include "insitu/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>

namespace insitu {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// "Channel A Current" → "Channel_A_Current", "<I>" → "I", "(Q-Qo)" → "Q_Qo".
std::string columnToken(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '%' || c == '#')
            out.push_back(c == '%' ? 'p' : c == '#' ? 'n' : c);
        else if (!out.empty() && out.back() != '_')
            out.push_back('_');
    }
    while (!out.empty() && out.back() == '_')
        out.pop_back();
    return out.empty() ? "value" : out;
}

std::vector<double> sampleAtFrames(const TimelineLog& tl, const std::vector<double>& values,
                                   const std::vector<double>& frameTimesS)
{
    std::vector<double> out;
    out.reserve(frameTimesS.size());
    for (const double t : frameTimesS)
        out.push_back(interpolateAt(tl.log.timeS, values, tl.alignment.logTimeS(t)));
    return out;
}

/// area_<particle>_px2 / _nm2 / _ratio per followed particle, empty where it was not followed.
void appendAreaColumns(TimelineTable& table, const std::vector<AreaTrack>& tracks,
                       std::size_t frames, std::optional<double> nmPerPixel)
{
    for (const auto& track : tracks) {
        const std::string name = "area_" + std::to_string(track.index) + "_";
        TimelineColumn px{name + "px2", std::vector<double>(frames, kNaN)};
        TimelineColumn nm{name + "nm2", std::vector<double>(frames, kNaN)};
        TimelineColumn ratio{name + "ratio", std::vector<double>(frames, kNaN)};
        for (std::size_t j = 0; j < track.frames.size(); ++j) {
            const auto k = static_cast<std::size_t>(track.frames[j]);
            if (track.frames[j] < 0 || k >= frames)
                continue;
            if (j < track.areaPx.size()) {
                px.values[k] = track.areaPx[j];
                if (nmPerPixel)
                    nm.values[k] = track.areaPx[j] * *nmPerPixel * *nmPerPixel;
            }
            if (j < track.areaRatio.size())
                ratio.values[k] = track.areaRatio[j];
        }
        table.columns.push_back(std::move(px));
        table.columns.push_back(std::move(nm));
        table.columns.push_back(std::move(ratio));
    }
}

} // namespace

const TimelineColumn* TimelineTable::column(std::string_view name) const
{
    for (const auto& c : columns)
        if (c.name == name)
            return &c;
    return nullptr;
}

std::vector<double> integrateCharge(const std::vector<double>& timeS,
                                    const std::vector<double>& currentA)
{
    std::vector<double> q(timeS.size(), 0.0);
    for (std::size_t i = 1; i < timeS.size(); ++i) {
        const double step = 0.5 * (currentA[i] + currentA[i - 1]) * (timeS[i] - timeS[i - 1]);
        q[i] = q[i - 1] + (std::isfinite(step) ? step : kNaN);
    }
    return q;
}

TimelineTable buildTimeline(const TimelineInputs& in)
{
    TimelineTable table;
    const auto frames = in.frameTimesS.size();
    TimelineColumn frame{"frame", {}};
    TimelineColumn time{"time_s", {}};
    for (std::size_t k = 0; k < frames; ++k) {
        frame.values.push_back(static_cast<double>(k));
        time.values.push_back(in.frameTimesS[k] - in.timeZeroS);
    }
    table.columns.push_back(std::move(frame));
    table.columns.push_back(std::move(time));

    std::optional<TimelineColumn> potential;
    std::optional<TimelineColumn> current;
    std::optional<TimelineColumn> charge;
    std::vector<TimelineColumn> perLog;
    for (std::size_t i = 0; i < in.logs.size(); ++i) {
        const auto& tl = in.logs[i];
        const std::string prefix = "log" + std::to_string(i + 1) + "_";
        if (!potential && tl.log.potential())
            potential = TimelineColumn{
                "potential_V", sampleAtFrames(tl, tl.log.potential()->values, in.frameTimesS)};
        if (!current && tl.log.current()) {
            const auto& amps = tl.log.current()->values;
            current = TimelineColumn{"current_A", sampleAtFrames(tl, amps, in.frameTimesS)};
            charge =
                TimelineColumn{"charge_C", sampleAtFrames(tl, integrateCharge(tl.log.timeS, amps),
                                                          in.frameTimesS)};
        }
        TimelineColumn logTime{prefix + "time_s", {}};
        for (const double t : in.frameTimesS) {
            const double tLog = tl.alignment.logTimeS(t);
            const bool inside = !tl.log.timeS.empty() && tLog >= tl.log.timeS.front() &&
                                tLog <= tl.log.timeS.back();
            logTime.values.push_back(inside ? tLog : kNaN);
        }
        perLog.push_back(std::move(logTime));
        for (const auto& c : tl.log.channels) {
            std::string name = prefix;
            name.append(columnToken(c.name));
            if (!c.unit.empty())
                name.append("_").append(columnToken(c.unit));
            perLog.push_back({std::move(name), sampleAtFrames(tl, c.values, in.frameTimesS)});
        }
        for (const auto& w : tl.alignment.warnings)
            table.warnings.push_back(tl.log.path.filename().string() + ": " + w);
    }
    for (auto* c : {&potential, &current, &charge})
        if (*c)
            table.columns.push_back(std::move(**c));
    for (auto& c : perLog)
        table.columns.push_back(std::move(c));

    if (in.dose) {
        table.columns.push_back({"dose_rate_e_per_A2_s", in.dose->rateEPerA2S});
        table.columns.push_back({"dose_e_per_A2", in.dose->cumulativeEPerA2});
        for (const auto& w : in.dose->warnings)
            table.warnings.push_back(w);
    }
    for (const auto& result : in.fronts)
        for (const auto& track : result.fronts) {
            const std::string name = "front_" + std::to_string(result.roiId) + "_" +
                                     std::to_string(track.index) + "_position_";
            TimelineColumn px{name + "px", std::vector<double>(frames, kNaN)};
            TimelineColumn nm{name + "nm", std::vector<double>(frames, kNaN)};
            for (std::size_t j = 0; j < track.frames.size(); ++j) {
                const auto k = static_cast<std::size_t>(track.frames[j]);
                if (k < frames) {
                    px.values[k] = track.positionsPx[j];
                    nm.values[k] = in.nmPerPixel ? track.positionsPx[j] * *in.nmPerPixel : kNaN;
                }
            }
            table.columns.push_back(std::move(px));
            table.columns.push_back(std::move(nm));
        }
    appendAreaColumns(table, in.areaTracks, frames, in.nmPerPixel);
    for (const auto& p : in.particleCounts) {
        TimelineColumn count{"particles_" + columnToken(p.region) + "_count",
                             std::vector<double>(frames, kNaN)};
        for (int k = std::max(p.firstFrame, 0);
             k <= p.lastFrame && static_cast<std::size_t>(k) < frames; ++k)
            count.values[static_cast<std::size_t>(k)] = p.count;
        table.columns.push_back(std::move(count));
    }
    return table;
}

void writeTimelineCsv(const TimelineTable& table, std::ostream& out)
{
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        out << (c ? "," : "") << table.columns[c].name;
    out << '\n';
    const std::size_t rows = table.columns.empty() ? 0 : table.columns.front().values.size();
    char buf[32];
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            if (c)
                out << ',';
            const double v = table.columns[c].values[r];
            if (std::isfinite(v)) {
                std::snprintf(buf, sizeof buf, "%.10g", v);
                out << buf;
            }
        }
        out << '\n';
    }
}

void saveTimelineCsv(const TimelineTable& table, const std::filesystem::path& path)
{
    std::ofstream out(path, std::ios::binary);
    if (!out)
        throw Error(path.string() + ": cannot write the timeline table");
    writeTimelineCsv(table, out);
    if (!out)
        throw Error(path.string() + ": writing the timeline table failed");
}

} // namespace insitu
