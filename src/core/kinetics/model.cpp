// Defaults of the Model interface: numeric gradient and no bounds.

#include "insitu/kinetics/model.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace insitu {

void numericGradient(const Model& model, double x, std::span<const double> p,
                     std::span<double> dfdp)
{
    // Central differences: error O(h²) + O(eps/h), balanced at h ≈ cbrt(eps).
    const double h0 = std::cbrt(std::numeric_limits<double>::epsilon());
    std::vector<double> q(p.begin(), p.end());
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double h = h0 * std::max(std::abs(p[i]), 1.0);
        q[i] = p[i] + h;
        const double up = model.value(x, q);
        q[i] = p[i] - h;
        const double down = model.value(x, q);
        q[i] = p[i];
        dfdp[i] = (up - down) / (2 * h);
    }
}

void Model::gradient(double x, std::span<const double> p, std::span<double> dfdp) const
{
    numericGradient(*this, x, p, dfdp);
}

std::vector<ParameterBounds> Model::bounds(const std::vector<double>& /*x*/,
                                           const std::vector<double>& /*y*/) const
{
    return std::vector<ParameterBounds>(parameterCount());
}

} // namespace insitu
