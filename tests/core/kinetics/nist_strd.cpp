// Parser of NIST StRD .dat files (format described in nist-strd/README.md).

#include "nist_strd.h"

#include "support/test_paths.h"

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace insitu::test {

std::vector<double> NistDataset::column(std::size_t index) const
{
    std::vector<double> values;
    for (const auto& row : rows)
        values.push_back(row.at(index));
    return values;
}

NistDataset readNistDataset(const std::string& name)
{
    const auto path = nistDir() / (name + ".dat");
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open " + path.string());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back(line);
    }
    NistDataset data;
    data.name = name;
    int firstData = 0;
    int lastData = 0;
    const std::regex dataRange(R"(Data\s+\(lines\s+(\d+)\s+to\s+(\d+)\))");
    const std::regex linearParam(R"(^\s*B\d+\s+(\S+)\s+(\S+)\s*$)");
    const std::regex nonlinearParam(R"(^\s*b\d+\s*=\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$)");
    const std::regex residualSd(R"(Residual\s+Standard Deviation:?\s+(\S+))");
    const std::regex linearResidualSd(R"(^\s*Standard Deviation\s+(\S+)\s*$)");
    const std::regex rss(R"(Residual Sum of Squares:\s+(\S+))");
    std::smatch m;
    for (int i = 0; i < static_cast<int>(lines.size()) && i < 60; ++i) {
        const auto& line = lines[i];
        if (std::regex_search(line, m, dataRange) && firstData == 0) {
            firstData = std::stoi(m[1]);
            lastData = std::stoi(m[2]);
        } else if (std::regex_match(line, m, nonlinearParam)) {
            data.start1.push_back(std::stod(m[1]));
            data.start2.push_back(std::stod(m[2]));
            data.certified.push_back(std::stod(m[3]));
            data.certifiedSd.push_back(std::stod(m[4]));
        } else if (std::regex_match(line, m, linearParam)) {
            data.certified.push_back(std::stod(m[1]));
            data.certifiedSd.push_back(std::stod(m[2]));
        } else if (std::regex_search(line, m, residualSd)) {
            data.residualSd = std::stod(m[1]);
        } else if (std::regex_match(line, m, linearResidualSd)) {
            data.residualSd = std::stod(m[1]);
        } else if (std::regex_search(line, m, rss)) {
            data.rss = std::stod(m[1]);
        }
    }
    if (firstData == 0 || data.certified.empty())
        throw std::runtime_error(path.string() + ": no data range or certified values");
    for (int i = firstData; i <= lastData; ++i) {
        std::istringstream row(lines.at(static_cast<std::size_t>(i - 1)));
        std::vector<double> values;
        for (double v; row >> v;)
            values.push_back(v);
        data.rows.push_back(values);
    }
    return data;
}

double logRelativeError(double estimate, double certified)
{
    const double diff = std::abs(estimate - certified);
    if (diff == 0)
        return 15;
    const double relative = certified != 0 ? diff / std::abs(certified) : diff;
    return std::min(15.0, -std::log10(relative));
}

} // namespace insitu::test
