// Helpers shared by the built-in models.

#include "model_support.h"

#include <algorithm>
#include <cmath>

namespace insitu::kinetics_detail {

Span xSpan(const std::vector<double>& x)
{
    if (x.empty())
        return {};
    const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
    return {*lo, *hi};
}

ParameterBounds onsetBounds(const std::vector<double>& x)
{
    const Span span = xSpan(x);
    return {span.first - span.width(), span.first};
}

LineFit fitLine(const std::vector<double>& x, const std::vector<double>& y,
                const std::function<double(double)>& g)
{
    const std::size_t n = x.size();
    if (n == 0)
        return {};
    double mg = 0;
    double my = 0;
    for (std::size_t i = 0; i < n; ++i) {
        mg += g(x[i]);
        my += y[i];
    }
    mg /= static_cast<double>(n);
    my /= static_cast<double>(n);
    double sgg = 0;
    double sgy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dg = g(x[i]) - mg;
        sgg += dg * dg;
        sgy += dg * (y[i] - my);
    }
    LineFit fit;
    fit.slope = sgg > 0 ? sgy / sgg : 0;
    fit.intercept = my - fit.slope * mg;
    for (std::size_t i = 0; i < n; ++i) {
        const double r = y[i] - fit.intercept - fit.slope * g(x[i]);
        fit.rss += r * r;
    }
    return fit;
}

} // namespace insitu::kinetics_detail
