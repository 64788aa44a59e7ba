// Student's t CDF and quantile from the regularised incomplete beta function.

#include "student_t.h"

#include <cmath>
#include <limits>

namespace insitu::kinetics_detail {

namespace {
double betaContinuedFraction(double a, double b, double x)
{
    constexpr double tiny = 1e-300;
    constexpr double eps = 1e-16;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    if (std::abs(d) < tiny)
        d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 10000; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
        d = 1 + aa * d;
        d = std::abs(d) < tiny ? tiny : d;
        c = 1 + aa / c;
        c = std::abs(c) < tiny ? tiny : c;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
        d = 1 + aa * d;
        d = std::abs(d) < tiny ? tiny : d;
        c = 1 + aa / c;
        c = std::abs(c) < tiny ? tiny : c;
        d = 1 / d;
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1) < eps)
            break;
    }
    return h;
}
} // namespace

double incompleteBeta(double a, double b, double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    const double logFront =
        std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    const double front = std::exp(logFront);
    if (x < (a + 1) / (a + b + 2))
        return front * betaContinuedFraction(a, b, x) / a;
    return 1 - front * betaContinuedFraction(b, a, 1 - x) / b;
}

double studentTCdf(double t, double dof)
{
    const double tail = 0.5 * incompleteBeta(dof / 2, 0.5, dof / (dof + t * t));
    return t >= 0 ? 1 - tail : tail;
}

double studentTQuantile(double probability, double dof)
{
    if (!(probability > 0 && probability < 1) || !(dof > 0))
        return std::numeric_limits<double>::quiet_NaN();
    if (probability < 0.5)
        return -studentTQuantile(1 - probability, dof);
    double lo = 0;
    double hi = 1;
    while (studentTCdf(hi, dof) < probability && hi < 1e300)
        hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; ++i) {
        const double mid = (lo + hi) / 2;
        (studentTCdf(mid, dof) < probability ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

} // namespace insitu::kinetics_detail
