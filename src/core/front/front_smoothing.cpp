#include "front_smoothing.h"

namespace insitu::front_detail {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
} // namespace

double median(std::vector<double> v)
{
    if (v.empty())
        return kNaN;
    auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

/// Locally linear smoothing (±radius samples) of a path: the first centre.
std::vector<double> smoothPath(const std::vector<double>& positions, int radius)
{
    const int n = static_cast<int>(positions.size());
    std::vector<double> out(positions.size());
    for (int i = 0; i < n; ++i) {
        const int lo = std::max(0, i - radius);
        const int hi = std::min(n - 1, i + radius);
        double sw = 0, st = 0, sy = 0, stt = 0, sty = 0;
        for (int j = lo; j <= hi; ++j) {
            const double t = j - i;
            const double y = positions[static_cast<std::size_t>(j)];
            sw += 1;
            st += t;
            sy += y;
            stt += t * t;
            sty += t * y;
        }
        const double det = sw * stt - st * st;
        out[static_cast<std::size_t>(i)] = det > 1e-12 ? (sy * stt - st * sty) / det : sy / sw;
    }
    return out;
}

/// Fills NaN levels from the nearest column that has one; false when none has.
bool fillGaps(std::vector<double>& levels)
{
    const int n = static_cast<int>(levels.size());
    std::vector<double> filled = levels;
    bool any = false;
    for (int i = 0; i < n; ++i) {
        if (!std::isnan(levels[static_cast<std::size_t>(i)])) {
            any = true;
            continue;
        }
        for (int d = 1; d < n; ++d) {
            if (i - d >= 0 && !std::isnan(levels[static_cast<std::size_t>(i - d)])) {
                filled[static_cast<std::size_t>(i)] = levels[static_cast<std::size_t>(i - d)];
                break;
            }
            if (i + d < n && !std::isnan(levels[static_cast<std::size_t>(i + d)])) {
                filled[static_cast<std::size_t>(i)] = levels[static_cast<std::size_t>(i + d)];
                break;
            }
        }
    }
    levels = std::move(filled);
    return any;
}

/// Robust local linear fit of y over ±half samples around each i (uniform weights, Tukey
/// biweight on the residuals, LOWESS-style): the smooth trajectory of the front. Measured on
/// the nanowire scenes (bench_front): over 21 frames a local line halves the noise of a
/// tricube-weighted local quadratic, and its bias on √t fronts is smaller than that noise.
/// fixed[i] marks pinned samples: kept exactly and weighted heavily. Also returns the
/// standard error of each smoothed value from the residual scatter.
std::vector<double> robustSmooth(const std::vector<double>& y, const std::vector<bool>& valid,
                                 const std::vector<bool>& fixed, int half,
                                 std::vector<double>& stdOut, std::vector<double>* leverageOut)
{
    const int n = static_cast<int>(y.size());
    std::vector<double> robustWeight(y.size(), 1.0);
    std::vector<double> fit(y.size(), kNaN);
    std::vector<double> leverage(y.size(), 0.0);
    std::vector<double> kernel(static_cast<std::size_t>(2 * half + 1));
    std::fill(kernel.begin(), kernel.end(), 1.0);
    for (int pass = 0; pass < 4; ++pass) {
        for (int i = 0; i < n; ++i) {
            if (fixed[static_cast<std::size_t>(i)]) {
                fit[static_cast<std::size_t>(i)] = y[static_cast<std::size_t>(i)];
                continue;
            }
            // weighted least squares of y = a + b d + c d² (d = j − i), value a at d = 0
            double m[3][3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
            double v[3] = {0, 0, 0};
            int used = 0;
            const int lo = std::max(0, i - half);
            const int hi = std::min(n - 1, i + half);
            for (int j = lo; j <= hi; ++j) {
                const auto js = static_cast<std::size_t>(j);
                if (!valid[js])
                    continue;
                double w = kernel[static_cast<std::size_t>(j - i + half)] * robustWeight[js];
                if (fixed[js])
                    w *= 1e6;
                if (w <= 0)
                    continue;
                const double d = j - i;
                const double p[3] = {1, d, d * d};
                for (int r = 0; r < 3; ++r) {
                    for (int c = 0; c < 3; ++c)
                        m[r][c] += w * p[r] * p[c];
                    v[r] += w * p[r] * y[js];
                }
                ++used;
            }
            const int degree = used >= 2 ? 1 : 0;
            const int k = degree + 1;
            // solve the k×k system by Gaussian elimination (k ≤ 3)
            double a[3][4];
            for (int r = 0; r < k; ++r) {
                for (int c = 0; c < k; ++c)
                    a[r][c] = m[r][c];
                a[r][k] = v[r];
            }
            bool ok = used > 0;
            for (int c = 0; c < k && ok; ++c) {
                int pivot = c;
                for (int r = c + 1; r < k; ++r)
                    if (std::abs(a[r][c]) > std::abs(a[pivot][c]))
                        pivot = r;
                if (std::abs(a[pivot][c]) < 1e-12) {
                    ok = false;
                    break;
                }
                for (int cc = 0; cc <= k; ++cc)
                    std::swap(a[c][cc], a[pivot][cc]);
                for (int r = 0; r < k; ++r) {
                    if (r == c)
                        continue;
                    const double f = a[r][c] / a[c][c];
                    for (int cc = c; cc <= k; ++cc)
                        a[r][cc] -= f * a[c][cc];
                }
            }
            if (!ok) {
                fit[static_cast<std::size_t>(i)] =
                    valid[static_cast<std::size_t>(i)] ? y[static_cast<std::size_t>(i)] : kNaN;
                leverage[static_cast<std::size_t>(i)] = 1;
                continue;
            }
            fit[static_cast<std::size_t>(i)] = a[0][k] / a[0][0];
            // leverage of the centre: e0ᵀ M⁻¹ e0 · w_i (variance factor of the fitted value)
            double inv00 = 0;
            {
                // M⁻¹[0][0] by solving M z = e0 with the same elimination on a fresh copy
                double b[3][4];
                for (int r = 0; r < k; ++r) {
                    for (int c = 0; c < k; ++c)
                        b[r][c] = m[r][c];
                    b[r][k] = r == 0 ? 1.0 : 0.0;
                }
                for (int c = 0; c < k; ++c) {
                    int pivot = c;
                    for (int r = c + 1; r < k; ++r)
                        if (std::abs(b[r][c]) > std::abs(b[pivot][c]))
                            pivot = r;
                    for (int cc = 0; cc <= k; ++cc)
                        std::swap(b[c][cc], b[pivot][cc]);
                    for (int r = 0; r < k; ++r) {
                        if (r == c)
                            continue;
                        const double f = b[r][c] / b[c][c];
                        for (int cc = c; cc <= k; ++cc)
                            b[r][cc] -= f * b[c][cc];
                    }
                }
                inv00 = b[0][k] / b[0][0];
            }
            leverage[static_cast<std::size_t>(i)] = inv00;
        }
        // robust weights from the residuals (Tukey biweight, c = 4.685 robust σ)
        std::vector<double> absResiduals;
        for (int i = 0; i < n; ++i)
            if (valid[static_cast<std::size_t>(i)] && !fixed[static_cast<std::size_t>(i)] &&
                !std::isnan(fit[static_cast<std::size_t>(i)]))
                absResiduals.push_back(
                    std::abs(y[static_cast<std::size_t>(i)] - fit[static_cast<std::size_t>(i)]));
        const double scale = std::max(1.4826 * median(absResiduals), 1e-3);
        for (int i = 0; i < n; ++i) {
            const auto is = static_cast<std::size_t>(i);
            if (!valid[is] || std::isnan(fit[is])) {
                robustWeight[is] = 0;
                continue;
            }
            const double u = (y[is] - fit[is]) / (4.685 * scale);
            robustWeight[is] = std::abs(u) < 1 ? (1 - u * u) * (1 - u * u) : 0.0;
        }
        if (pass == 3) {
            stdOut.assign(y.size(), kInf);
            for (int i = 0; i < n; ++i) {
                const auto is = static_cast<std::size_t>(i);
                if (fixed[is])
                    stdOut[is] = 0;
                else if (!std::isnan(fit[is]))
                    // Var(fit) ≈ σ² Σ w²k² / (Σ wk)² ≈ σ² · leverage (unit robust weights)
                    stdOut[is] = scale * std::sqrt(std::max(leverage[is], 0.0));
            }
            if (leverageOut) {
                // h_i = w_i · (M⁻¹)₀₀ with the weights of the last pass
                leverageOut->assign(y.size(), 1.0);
                for (int i = 0; i < n; ++i) {
                    const auto is = static_cast<std::size_t>(i);
                    if (valid[is] && !fixed[is] && !std::isnan(fit[is]))
                        (*leverageOut)[is] = std::min(1.0, leverage[is] * robustWeight[is]);
                }
            }
        }
    }
    return fit;
}

} // namespace insitu::front_detail
