#pragma once
// Private to src/core/batch: the summary.csv rows every batch analysis builds the same way (a
// plain value, a value with an interval, the parameters of a fit).

#include "insitu/batch/batch_analysis.h"
#include "insitu/kinetics/fit_result.h"

#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// A row with one value (empty when unknown) and, optionally, why there is no value.
[[nodiscard]] SummaryRow valueRow(const std::string& analysis, const std::string& object,
                                  const std::string& quantity, std::optional<double> value,
                                  const std::string& verdict = {});

/// A row with a value and its 95 % interval (ciMethod says what the interval is).
[[nodiscard]] SummaryRow intervalRow(const std::string& analysis, const std::string& object,
                                     const std::string& quantity, double value, double ci95Low,
                                     double ci95High, const std::string& ciMethod);

/// One row per parameter of fit (value, standard error, interval, model, verdict).
[[nodiscard]] std::vector<SummaryRow>
fitSummaryRows(const std::string& analysis, const std::string& object, const FitResult& fit);

/// Appends more to rows.
void appendRows(std::vector<SummaryRow>& rows, const std::vector<SummaryRow>& more);

} // namespace insitu
