#pragma once
// Helpers shared by the built-in models: data span, onset bounds, small linear fits.

#include "insitu/kinetics/model.h"

#include <functional>
#include <vector>

namespace insitu::kinetics_detail {

struct Span
{
    double first = 0; ///< smallest x
    double last = 0;  ///< largest x
    [[nodiscard]] double width() const { return last - first; }
};
[[nodiscard]] Span xSpan(const std::vector<double>& x);

/// Default onset bounds: one data span before the first point up to the first point.
[[nodiscard]] ParameterBounds onsetBounds(const std::vector<double>& x);

/// Least squares y ≈ c0 + c1·g(x); returns {c0, c1, rss}.
struct LineFit
{
    double intercept = 0;
    double slope = 0;
    double rss = 0;
};
[[nodiscard]] LineFit fitLine(const std::vector<double>& x, const std::vector<double>& y,
                              const std::function<double(double)>& g);

} // namespace insitu::kinetics_detail
