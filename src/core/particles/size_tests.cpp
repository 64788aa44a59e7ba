// Two-sample Kolmogorov–Smirnov and Anderson–Darling (k-sample, midrank) tests.

#include "insitu/particles/size_statistics.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <Eigen/Dense>

namespace insitu {

namespace {

/// Kolmogorov's Q(λ) = 2 Σ (−1)^{j−1} e^{−2 j² λ²}.
double kolmogorovQ(double lambda)
{
    if (lambda < 0.2)
        return 1.0;
    double sum = 0, sign = 1;
    for (int j = 1; j <= 100; ++j) {
        const double term = sign * std::exp(-2.0 * j * j * lambda * lambda);
        sum += term;
        if (std::abs(term) < 1e-12)
            break;
        sign = -sign;
    }
    return std::clamp(2 * sum, 0.0, 1.0);
}

} // namespace

std::pair<double, double> kolmogorovSmirnov(std::vector<double> a, std::vector<double> b)
{
    if (a.empty() || b.empty())
        return {0.0, 1.0};
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::size_t i = 0, j = 0;
    double d = 0;
    const auto na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
    while (i < a.size() && j < b.size()) {
        const double x = std::min(a[i], b[j]);
        while (i < a.size() && a[i] <= x)
            ++i;
        while (j < b.size() && b[j] <= x)
            ++j;
        d = std::max(d, std::abs(static_cast<double>(i) / na - static_cast<double>(j) / nb));
    }
    const double en = std::sqrt(na * nb / (na + nb));
    return {d, kolmogorovQ((en + 0.12 + 0.11 / en) * d)};
}

std::pair<double, double> andersonDarling(const std::vector<double>& a,
                                          const std::vector<double>& b)
{
    const std::array<const std::vector<double>*, 2> samples{&a, &b};
    std::vector<double> z(a);
    z.insert(z.end(), b.begin(), b.end());
    std::sort(z.begin(), z.end());
    std::vector<double> unique(z);
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    const auto n = static_cast<double>(z.size());
    constexpr int k = 2;
    double a2 = 0;
    std::array<std::vector<double>, 2> sorted{a, b};
    for (auto& s : sorted)
        std::sort(s.begin(), s.end());
    for (int i = 0; i < k; ++i) {
        const auto& s = sorted[static_cast<std::size_t>(i)];
        const auto ni = static_cast<double>(samples[static_cast<std::size_t>(i)]->size());
        double inner = 0;
        for (double v : unique) {
            const auto left =
                static_cast<double>(std::lower_bound(z.begin(), z.end(), v) - z.begin());
            const double lj =
                static_cast<double>(std::upper_bound(z.begin(), z.end(), v) - z.begin()) - left;
            const double bj = left + lj / 2;
            const auto right =
                static_cast<double>(std::upper_bound(s.begin(), s.end(), v) - s.begin());
            const double fij =
                right - static_cast<double>(std::lower_bound(s.begin(), s.end(), v) - s.begin());
            const double mij = right - fij / 2;
            const double denom = bj * (n - bj) - n * lj / 4;
            if (denom > 0)
                inner += lj / n * std::pow(n * mij - bj * ni, 2) / denom;
        }
        a2 += inner / ni;
    }
    a2 *= (n - 1) / n;
    // variance of the statistic (Scholz & Stephens 1987, eq. 4)
    const double h = 1 / static_cast<double>(a.size()) + 1 / static_cast<double>(b.size());
    double hSum = 0, g = 0;
    for (int i = 1; i < static_cast<int>(n); ++i)
        hSum += 1.0 / i;
    {
        double tail = 0; // Σ_{j=i+1}^{N−1} 1/j for decreasing i
        for (int i = static_cast<int>(n) - 2; i >= 1; --i) {
            tail += 1.0 / (i + 1);
            g += tail / (n - i);
        }
    }
    const double kk = k;
    const double ca = (4 * g - 6) * (kk - 1) + (10 - 6 * g) * h;
    const double cb =
        (2 * g - 4) * kk * kk + 8 * hSum * kk + (2 * g - 14 * hSum - 4) * h - 8 * hSum + 4 * g - 6;
    const double cc = (6 * hSum + 2 * g - 2) * kk * kk + (4 * hSum - 4 * g + 6) * kk +
                      (2 * hSum - 6) * h + 4 * hSum;
    const double cd = (2 * hSum + 6) * kk * kk - 4 * hSum * kk;
    const double variance =
        (ca * n * n * n + cb * n * n + cc * n + cd) / ((n - 1) * (n - 2) * (n - 3));
    const double m = kk - 1;
    const double t = (a2 - m) / std::sqrt(std::max(variance, 1e-300));
    // scipy's interpolation of the critical values: quadratic in log(significance)
    const std::array<double, 7> sig{0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};
    const std::array<double, 7> b0{0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
    const std::array<double, 7> b1{-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
    const std::array<double, 7> b2{-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
    Eigen::Matrix<double, 7, 3> design;
    Eigen::Matrix<double, 7, 1> target;
    for (std::size_t i = 0; i < 7; ++i) {
        const double critical = b0[i] + b1[i] / std::sqrt(m) + b2[i] / m;
        design(static_cast<Eigen::Index>(i), 0) = critical * critical;
        design(static_cast<Eigen::Index>(i), 1) = critical;
        design(static_cast<Eigen::Index>(i), 2) = 1;
        target(static_cast<Eigen::Index>(i)) = std::log(sig[i]);
    }
    const Eigen::Vector3d coef = design.colPivHouseholderQr().solve(target);
    const double p = std::exp(coef(0) * t * t + coef(1) * t + coef(2));
    return {t, std::clamp(p, 0.001, 0.25)};
}

} // namespace insitu
