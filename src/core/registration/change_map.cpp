#include "change_map.h"

#include "fftw_plans.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace insitu::detail {

namespace {

constexpr double twoPi = 2.0 * std::numbers::pi;
/// Coarse cells are at least this many px wide, and a side has at most maxCells cells.
constexpr int minCellPx = 4;
constexpr int maxCells = 64;
/// Frames whose window covers a cell by less than this leave it out (its value is unreliable).
constexpr double minWindow = 0.3;
/// Excess variance counts from this many standard errors of the variance estimate on.
constexpr double significanceSigmas = 4.0;
/// Static edges vary this much (px) from residual misalignment; that is not change.
constexpr double residualShiftPx = 0.25;

/// Smallest even n' ≥ n without prime factors above 7.
int evenFastSize(int n)
{
    for (int m = std::max(2, n + n % 2);; m += 2)
        if (isFastFftSize(m))
            return m;
}

/// Largest even fast size ≤ n (n ≥ 4).
int evenFastSizeBelow(int n)
{
    for (int m = n - n % 2; m > 4; m -= 2)
        if (isFastFftSize(m))
            return m;
    return 4;
}

/// The Tukey window of PhaseCorrelator at coordinate x (px) of an n-px side; 0 outside.
double tukey(double x, int n, double taper)
{
    if (x < -0.5 || x > n - 0.5)
        return 0.0;
    const double u = std::clamp((x + 0.5) / n, 0.0, 1.0);
    const double d = std::min(u, 1.0 - u);
    const double edge = 0.5 * taper;
    return d < edge ? 0.5 - 0.5 * std::cos(std::numbers::pi * d / edge) : 1.0;
}

int coarseSide(int imagePx, int bandLimit)
{
    const int cellPx = std::max(minCellPx, (imagePx + maxCells - 1) / maxCells);
    const int wanted = evenFastSize((imagePx + cellPx - 1) / cellPx);
    return std::clamp(std::min(wanted, evenFastSizeBelow(bandLimit)), 4, std::max(4, imagePx));
}

} // namespace

ChangeMap::ChangeMap(const PhaseCorrelator& correlator) : m_correlator(correlator)
{
    const int width = correlator.width();
    const int height = correlator.height();
    // The coarse band must lie inside the stored (cropped) spectrum, below its zeroed Nyquist.
    m_cols = coarseSide(width, 2 * correlator.spectrumCols() - 2);
    m_rows = coarseSide(height, correlator.spectrumRows() - 2);
    m_cellXPx = static_cast<double>(width) / m_cols;
    m_cellYPx = static_cast<double>(height) / m_rows;
    m_plans = &realFftPlans(m_rows, m_cols, false); // small: estimated plans suffice
    m_block.create(m_rows, m_cols / 2 + 1, CV_32FC2);
    m_coarse.create(m_rows, m_cols, CV_32F);
}

double ChangeMap::alignedWindow(int row, int col, double dxPx, double dyPx) const
{
    const double taper = m_correlator.settings().windowTaper;
    return tukey(col * m_cellXPx + dxPx, m_correlator.width(), taper) *
           tukey(row * m_cellYPx + dyPx, m_correlator.height(), taper);
}

void ChangeMap::add(int frame, const cv::Mat& spectrum)
{
    // The band with a Gaussian taper at half the coarse Nyquist frequency (against ringing).
    const int width = m_correlator.width();
    const int height = m_correlator.height();
    const int gridRows = m_correlator.spectrumRows();
    const double sigmaX = m_cols / (4.0 * width);
    const double sigmaY = m_rows / (4.0 * height);
    cv::Mat band(m_rows, m_cols / 2 + 1, CV_32FC2, cv::Scalar::all(0));
    for (int ky = -(m_rows / 2 - 1); ky <= m_rows / 2 - 1; ++ky) {
        const double fy = static_cast<double>(ky) / height;
        const double rowTaper = std::exp(-fy * fy / (2 * sigmaY * sigmaY));
        const auto* in = spectrum.ptr<float>((ky % gridRows + gridRows) % gridRows);
        auto* out = band.ptr<float>((ky % m_rows + m_rows) % m_rows);
        for (int kx = 0; kx < m_cols / 2; ++kx) {
            const double fx = static_cast<double>(kx) / width;
            const auto scale =
                static_cast<float>(rowTaper * std::exp(-fx * fx / (2 * sigmaX * sigmaX)));
            out[2 * kx] = scale * in[2 * kx];
            out[2 * kx + 1] = scale * in[2 * kx + 1];
        }
    }
    m_bands.emplace_back(frame, std::move(band));
}

void ChangeMap::alignedCoarse(const cv::Mat& band, double dxPx, double dyPx, cv::Mat& value,
                              cv::Mat& valid)
{
    const int width = m_correlator.width();
    const int height = m_correlator.height();
    // Phase ramp moving the frame back by (−dx, −dy) onto the first frame's grid.
    for (int i = 0; i < m_rows; ++i) {
        const int ky = i <= m_rows / 2 ? i : i - m_rows;
        const double rowPhase = twoPi * ky * dyPx / height;
        const auto* in = band.ptr<float>(i);
        auto* out = m_block.ptr<float>(i);
        for (int kx = 0; kx <= m_cols / 2; ++kx) {
            const double phase = rowPhase + twoPi * kx * dxPx / width;
            const double re = std::cos(phase);
            const double im = std::sin(phase);
            out[2 * kx] = static_cast<float>(in[2 * kx] * re - in[2 * kx + 1] * im);
            out[2 * kx + 1] = static_cast<float>(in[2 * kx] * im + in[2 * kx + 1] * re);
        }
    }
    fftwf_execute_dft_c2r(m_plans->inverse, reinterpret_cast<fftwf_complex*>(m_block.ptr<float>()),
                          m_coarse.ptr<float>());
    // Undo the camera window where it is large enough; the other cells sit this frame out.
    value.create(m_rows, m_cols, CV_64F);
    valid.create(m_rows, m_cols, CV_8U);
    const double norm = 1.0 / (static_cast<double>(width) * height);
    for (int i = 0; i < m_rows; ++i)
        for (int j = 0; j < m_cols; ++j) {
            const double w = alignedWindow(i, j, dxPx, dyPx);
            valid.at<std::uint8_t>(i, j) = w >= minWindow ? 1 : 0;
            value.at<double>(i, j) = w >= minWindow ? m_coarse.at<float>(i, j) * norm / w : 0.0;
        }
}

void ChangeMap::finish(const std::vector<double>& dxPx, const std::vector<double>& dyPx,
                       const std::vector<char>& accepted)
{
    m_weight = cv::Mat::ones(m_rows, m_cols, CV_32F);
    m_changes = false;
    cv::Mat count, sum, sumSq, diffCount, diffSumSq;
    for (cv::Mat* m : {&count, &sum, &sumSq, &diffCount, &diffSumSq})
        *m = cv::Mat::zeros(m_rows, m_cols, CV_64F);
    cv::Mat value, valid, reference, referenceValid, previous, previousValid;
    int frames = 0;
    for (const auto& [frame, band] : m_bands) {
        const auto k = static_cast<std::size_t>(frame);
        if (!accepted[k])
            continue;
        alignedCoarse(band, dxPx[k], dyPx[k], value, valid);
        // Flicker: least-squares gain and offset against the first frame on the cells both cover.
        if (frames == 0) {
            reference = value.clone();
            referenceValid = valid.clone();
        } else {
            double n = 0, sr = 0, sv = 0, srr = 0, srv = 0;
            for (int i = 0; i < m_rows; ++i)
                for (int j = 0; j < m_cols; ++j)
                    if (valid.at<std::uint8_t>(i, j) && referenceValid.at<std::uint8_t>(i, j)) {
                        const double r = reference.at<double>(i, j);
                        const double v = value.at<double>(i, j);
                        n += 1;
                        sr += r;
                        sv += v;
                        srr += r * r;
                        srv += r * v;
                    }
            const double varR = n > 2 ? srr - sr * sr / n : 0.0;
            double gain = varR > 0.0 ? (srv - sr * sv / n) / varR : 1.0;
            if (!(gain > 0.2 && gain < 5.0))
                gain = 1.0;
            const double offset = n > 0 ? (sv - gain * sr) / n : 0.0;
            value = (value - offset) / gain;
        }
        for (int i = 0; i < m_rows; ++i)
            for (int j = 0; j < m_cols; ++j) {
                if (!valid.at<std::uint8_t>(i, j))
                    continue;
                const double v = value.at<double>(i, j);
                count.at<double>(i, j) += 1;
                sum.at<double>(i, j) += v;
                sumSq.at<double>(i, j) += v * v;
                if (frames > 0 && previousValid.at<std::uint8_t>(i, j)) {
                    const double d = v - previous.at<double>(i, j);
                    diffCount.at<double>(i, j) += 1;
                    diffSumSq.at<double>(i, j) += d * d;
                }
            }
        cv::swap(previous, value);
        cv::swap(previousValid, valid);
        ++frames;
    }
    m_bands.clear();
    m_bands.shrink_to_fit();

    const double minCount = std::max(3.0, 0.5 * frames);
    cv::Mat noise(m_rows, m_cols, CV_64F, cv::Scalar(0));
    cv::Mat usable(m_rows, m_cols, CV_8U, cv::Scalar(0));
    std::vector<double> noises;
    for (int i = 0; i < m_rows; ++i)
        for (int j = 0; j < m_cols; ++j)
            if (count.at<double>(i, j) >= minCount && diffCount.at<double>(i, j) >= 2) {
                usable.at<std::uint8_t>(i, j) = 1;
                noise.at<double>(i, j) =
                    diffSumSq.at<double>(i, j) / (2.0 * diffCount.at<double>(i, j));
                noises.push_back(noise.at<double>(i, j));
            }
    if (noises.size() < 4)
        return;
    // A smooth noise level (Poisson noise follows the mean intensity, which varies slowly).
    auto middle = noises.begin() + static_cast<std::ptrdiff_t>(noises.size() / 2);
    std::nth_element(noises.begin(), middle, noises.end());
    noise.setTo(*middle, usable == 0);
    cv::GaussianBlur(noise, noise, cv::Size(), 1.5);
    // What a residual misalignment of residualShiftPx makes a static edge vary by.
    const cv::Mat mean = sum / cv::max(count, 1.0);
    cv::Mat gradX, gradY;
    cv::Sobel(mean, gradX, CV_64F, 1, 0, 3, 1.0 / (8.0 * m_cellXPx));
    cv::Sobel(mean, gradY, CV_64F, 0, 1, 3, 1.0 / (8.0 * m_cellYPx));

    // Noise of a cell versus noise in the registration band: white pixel noise σ² becomes
    // σ²·π·σx·σy in a cell (Gaussian taper σx = 1/(4 cell) cycles/px) and σ²·π·σf² under the
    // low-pass weight of the correlation (σf cycles/px).
    double sigmaF = m_correlator.settings().lowPassSigmaCyclesPerPx;
    if (sigmaF <= 0.0)
        sigmaF = 0.25;
    const double bandNoisePerCellNoise = 16.0 * m_cellXPx * m_cellYPx * sigmaF * sigmaF;
    for (int i = 0; i < m_rows; ++i)
        for (int j = 0; j < m_cols; ++j) {
            if (!usable.at<std::uint8_t>(i, j))
                continue;
            const double n = count.at<double>(i, j);
            const double m = mean.at<double>(i, j);
            const double variance = sumSq.at<double>(i, j) / n - m * m;
            const double cellNoise = noise.at<double>(i, j);
            const double gx = gradX.at<double>(i, j);
            const double gy = gradY.at<double>(i, j);
            const double misalignment = (gx * gx + gy * gy) * residualShiftPx * residualShiftPx;
            const double excess = variance - misalignment -
                                  cellNoise * (1.0 + significanceSigmas * std::sqrt(2.0 / n));
            const double ratio = std::max(0.0, excess) / (cellNoise * bandNoisePerCellNoise);
            m_weight.at<float>(i, j) = static_cast<float>(1.0 / (1.0 + ratio));
        }
    // Cover the edges of changing areas, then smooth so the weight adds no sharp features.
    cv::erode(m_weight, m_weight, cv::Mat::ones(3, 3, CV_8U));
    cv::GaussianBlur(m_weight, m_weight, cv::Size(), 1.0);
    int lowCells = 0;
    for (int i = 0; i < m_rows; ++i)
        for (int j = 0; j < m_cols; ++j)
            lowCells += m_weight.at<float>(i, j) < 0.5f ? 1 : 0;
    m_changes = lowCells >= std::max(2, static_cast<int>(0.005 * m_rows * m_cols));
}

void ChangeMap::sampleWeight(int cols, int rows, cv::Mat& weight) const
{
    const double stepX = static_cast<double>(m_correlator.width()) / cols;
    const double stepY = static_cast<double>(m_correlator.height()) / rows;
    const cv::Matx23d map(stepX / m_cellXPx, 0, 0, 0, stepY / m_cellYPx, 0);
    cv::warpAffine(m_weight, weight, map, cv::Size(cols, rows),
                   cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
}

} // namespace insitu::detail
