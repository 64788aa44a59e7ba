// timeline plot: results against charge, potential or time, one scatter per column.

#include "timeline_plot.h"

#include "journal_style.h"

#include "insitu/error.h"

#include <qcustomplot.h>

#include <cmath>

namespace insitu::plot {

namespace {

const TimelineColumn& requireColumn(const TimelineTable& table, const std::string& name)
{
    const auto* column = table.column(name);
    if (!column)
        throw Error("timeline plot: no column \"" + name + "\" in the timeline table");
    return *column;
}

bool hasAffixes(const std::string& name, const std::string& prefix, const std::string& suffix)
{
    return name.size() > prefix.size() + suffix.size() && name.rfind(prefix, 0) == 0 &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

std::string timelineAxisLabel(const std::string& columnName)
{
    static const std::pair<std::string, std::string> units[] = {{"_e_per_A2_s", "e⁻/Å²/s"},
                                                                {"_e_per_A2", "e⁻/Å²"},
                                                                {"_px2", "px²"},
                                                                {"_nm2", "nm²"},
                                                                {"_ratio", "A/A₀"},
                                                                {"_s", "s"},
                                                                {"_C", "C"},
                                                                {"_V", "V"},
                                                                {"_A", "A"},
                                                                {"_nm", "nm"},
                                                                {"_px", "px"}};
    for (const auto& [suffix, unit] : units)
        if (columnName.size() > suffix.size() &&
            columnName.compare(columnName.size() - suffix.size(), suffix.size(), suffix) == 0) {
            std::string name = columnName.substr(0, columnName.size() - suffix.size());
            for (auto& c : name)
                if (c == '_')
                    c = ' ';
            return name + " (" + unit + ")";
        }
    return columnName;
}

TimelinePlotAxes defaultTimelinePlotAxes(const TimelineTable& table, bool calibrated)
{
    TimelinePlotAxes axes;
    axes.x = table.column("charge_C") ? "charge_C" : "time_s";
    const std::string suffix = calibrated ? "_position_nm" : "_position_px";
    for (const auto& c : table.columns)
        if (c.name.rfind("front_", 0) == 0 && c.name.size() > suffix.size() &&
            c.name.compare(c.name.size() - suffix.size(), suffix.size(), suffix) == 0)
            axes.y.push_back(c.name);
    if (axes.y.empty())
        axes.y.emplace_back("current_A");
    return axes;
}

TimelinePlotAxes timelineResultPlotAxes(const TimelineTable& table, const std::string& vs,
                                        const std::string& result, bool calibrated)
{
    TimelinePlotAxes axes;
    axes.x = vs == "charge"      ? "charge_C"
             : vs == "potential" ? "potential_V"
             : vs == "time"      ? "time_s"
                                 : "";
    if (axes.x.empty())
        throw Error("timeline plot: --plot-vs \"" + vs + "\" is not charge, potential or time");
    if (!table.column(axes.x))
        throw Error("timeline plot: no " + axes.x + " in the timeline (no log with " +
                    (vs == "charge" ? "a current" : "a potential") + ")");
    std::string prefix;
    std::string suffix;
    if (result == "front") {
        prefix = "front_";
        suffix = calibrated ? "_position_nm" : "_position_px";
    } else if (result == "area") {
        prefix = "area_";
        suffix = "_ratio";
    } else if (result == "particles") {
        prefix = "particles_";
        suffix = "_count";
    } else {
        throw Error("timeline plot: --result \"" + result + "\" is not front, area or particles");
    }
    for (const auto& c : table.columns)
        if (hasAffixes(c.name, prefix, suffix))
            axes.y.push_back(c.name);
    if (axes.y.empty())
        throw Error("timeline plot: the timeline has no " + result +
                    " results (run the analysis into the project first)");
    return axes;
}

void fillTimelinePlot(QCustomPlot& plot, const TimelineTable& table, const std::string& xName,
                      const std::vector<std::string>& yNames)
{
    plot.clearPlottables();
    plot.clearItems();
    const auto& x = requireColumn(table, xName);
    plot.legend->setVisible(yNames.size() > 1);
    for (std::size_t s = 0; s < yNames.size(); ++s) {
        const auto& y = requireColumn(table, yNames[s]);
        QVector<double> xs;
        QVector<double> ys;
        for (std::size_t k = 0; k < x.values.size() && k < y.values.size(); ++k)
            if (std::isfinite(x.values[k]) && std::isfinite(y.values[k])) {
                xs.push_back(x.values[k]);
                ys.push_back(y.values[k]);
            }
        QCPGraph* graph = plot.addGraph();
        graph->setData(xs, ys, false); // x (charge, potential) need not be sorted
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDisc, okabeIto(static_cast<int>(s)), 4));
        graph->setName(QString::fromStdString(timelineAxisLabel(yNames[s])));
    }
    plot.xAxis->setLabel(QString::fromStdString(timelineAxisLabel(xName)));
    plot.yAxis->setLabel(
        yNames.size() == 1 ? QString::fromStdString(timelineAxisLabel(yNames.front())) : QString());
    plot.rescaleAxes();
    plot.xAxis->scaleRange(1.05, plot.xAxis->range().center());
    plot.yAxis->scaleRange(1.15, plot.yAxis->range().center());
    applyJournalStyle(plot);
}

std::unique_ptr<QCustomPlot> makeTimelinePlot(const TimelineTable& table, const std::string& xName,
                                              const std::vector<std::string>& yNames)
{
    auto plot = std::make_unique<QCustomPlot>();
    fillTimelinePlot(*plot, table, xName, yNames);
    return plot;
}

} // namespace insitu::plot
