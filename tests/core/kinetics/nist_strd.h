#pragma once
// Reads a NIST StRD .dat file: data block, certified values and starting points.

#include <filesystem>
#include <string>
#include <vector>

namespace insitu::test {

/// One NIST StRD dataset as printed in its file.
struct NistDataset
{
    std::string name;
    std::vector<std::vector<double>> rows; ///< data rows: y first, then the predictors
    std::vector<double> certified;         ///< certified parameter estimates (B0.. or b1..)
    std::vector<double> certifiedSd;       ///< their certified standard deviations
    std::vector<double> start1;            ///< nonlinear only
    std::vector<double> start2;
    double residualSd = 0; ///< certified residual standard deviation
    double rss = 0;        ///< certified residual sum of squares (nonlinear)

    [[nodiscard]] std::vector<double> column(std::size_t index) const;
};

/// Parses nistDir()/<name>.dat; throws std::runtime_error on a malformed file.
[[nodiscard]] NistDataset readNistDataset(const std::string& name);

/// Log relative error −log10(|estimate − certified| / |certified|), capped at 15.
[[nodiscard]] double logRelativeError(double estimate, double certified);

} // namespace insitu::test
