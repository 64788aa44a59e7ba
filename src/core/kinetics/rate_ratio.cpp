// Ratio of a fitted rate between two fits, with delta-method and bootstrap intervals.

#include "insitu/kinetics/fit.h"

#include "insitu/error.h"

#include <cmath>
#include <cstdio>

namespace insitu {

RateRatio rateRatio(const FitResult& a, const FitResult& b, const std::string& name,
                    const std::string& labelA, const std::string& labelB)
{
    const FitParameter* pa = a.param(name);
    const FitParameter* pb = b.param(name);
    if (!pa || !pb)
        throw Error("rate ratio: parameter \"" + name + "\" is missing from the " +
                    (pa ? "second" : "first") + " fit (" + (pa ? b.model : a.model) + ")");
    if (pb->value == 0 || pa->value == 0)
        throw Error("rate ratio: " + name + " is zero in one fit");
    RateRatio ratio;
    ratio.ratio = pa->value / pb->value;
    // ln r = ln|a| − ln|b|; independent fits: var(ln r) ≈ (sa/a)² + (sb/b)².
    const double relA = pa->standardError / std::abs(pa->value);
    const double relB = pb->standardError / std::abs(pb->value);
    const double halfWidth = 1.959963984540054 * std::hypot(relA, relB);
    const double sign = ratio.ratio < 0 ? -1.0 : 1.0;
    const double magnitude = std::abs(ratio.ratio);
    ratio.ci95Low = sign * magnitude * std::exp(sign * -halfWidth);
    ratio.ci95High = sign * magnitude * std::exp(sign * halfWidth);
    if (pa->bootstrapCi95Low && pa->bootstrapCi95High && pb->bootstrapCi95Low &&
        pb->bootstrapCi95High && pa->bootstrapStandardError && pb->bootstrapStandardError) {
        // Same log-scale combination with the bootstrap standard errors (robust to
        // autocorrelation).
        const double bootA = *pa->bootstrapStandardError / std::abs(pa->value);
        const double bootB = *pb->bootstrapStandardError / std::abs(pb->value);
        const double bootHalf = 1.959963984540054 * std::hypot(bootA, bootB);
        ratio.bootstrapCi95Low = sign * magnitude * std::exp(sign * -bootHalf);
        ratio.bootstrapCi95High = sign * magnitude * std::exp(sign * bootHalf);
    }
    const double low = ratio.bootstrapCi95Low.value_or(ratio.ci95Low);
    const double high = ratio.bootstrapCi95High.value_or(ratio.ci95High);
    char buffer[256];
    if (magnitude >= 1)
        std::snprintf(buffer, sizeof buffer, "%s expands %.3g× (%.3g–%.3g) faster than %s",
                      labelA.c_str(), ratio.ratio, low, high, labelB.c_str());
    else
        std::snprintf(buffer, sizeof buffer, "%s expands %.3g× (%.3g–%.3g) slower than %s",
                      labelA.c_str(), 1 / ratio.ratio, 1 / high, 1 / low, labelB.c_str());
    ratio.text = buffer;
    return ratio;
}

} // namespace insitu
