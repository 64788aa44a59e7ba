// The summary.csv rows shared by the batch analyses.

#include "summary_rows.h"

#include "insitu/export/csv_export.h"

#include <cmath>

namespace insitu {

SummaryRow valueRow(const std::string& analysis, const std::string& object,
                    const std::string& quantity, std::optional<double> value,
                    const std::string& verdict)
{
    SummaryRow row;
    row.analysis = analysis;
    row.object = object;
    row.quantity = quantity;
    if (value && std::isfinite(*value))
        row.value = value;
    row.verdict = verdict;
    return row;
}

SummaryRow intervalRow(const std::string& analysis, const std::string& object,
                       const std::string& quantity, double value, double ci95Low, double ci95High,
                       const std::string& ciMethod)
{
    SummaryRow row = valueRow(analysis, object, quantity, value);
    if (std::isfinite(ci95Low) && std::isfinite(ci95High)) {
        row.ci95Low = ci95Low;
        row.ci95High = ci95High;
        row.ciMethod = ciMethod;
    }
    return row;
}

std::vector<SummaryRow> fitSummaryRows(const std::string& analysis, const std::string& object,
                                       const FitResult& fit)
{
    SummaryRow base;
    base.analysis = analysis;
    base.object = object;
    base.model = fit.model;
    base.verdict = fit.verdict;
    base.ciMethod = fitIntervalMethod(fit);
    std::vector<SummaryRow> rows;
    for (const FitParameter& p : fit.params) {
        SummaryRow row = base;
        row.quantity = p.name;
        row.value = p.value;
        row.standardError = p.standardError;
        row.ci95Low = p.ci95Low;
        row.ci95High = p.ci95High;
        rows.push_back(row);
    }
    return rows;
}

void appendRows(std::vector<SummaryRow>& rows, const std::vector<SummaryRow>& more)
{
    rows.insert(rows.end(), more.begin(), more.end());
}

} // namespace insitu
