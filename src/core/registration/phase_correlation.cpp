#include "insitu/registration/phase_correlation.h"

#include "fftw_plans.h"
#include "insitu/error.h"
#include "insitu/registration/upsampled_dft.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numbers>
#include <string>

namespace insitu {

namespace {

constexpr double twoPi = 2.0 * std::numbers::pi;
/// Runs of fewer frames plan FFTW_ESTIMATE when no wisdom exists (see the constructor).
constexpr int minFramesToMeasurePlans = 250;

/// Tukey window of length n sampled at pixel centres: a cos² taper over the first and last
/// taper/2 of the length, 1 in between (taper = 1 is the Hann window). Never exactly zero.
std::vector<float> tukeyWindow(int n, double taper)
{
    std::vector<float> w(static_cast<std::size_t>(n), 1.0f);
    const double edge = 0.5 * taper; // fraction of the length tapered at each end
    if (edge <= 0.0)
        return w;
    for (int i = 0; i < n; ++i) {
        const double x = (i + 0.5) / n;
        const double d = std::min(x, 1.0 - x);
        if (d < edge)
            w[static_cast<std::size_t>(i)] =
                static_cast<float>(0.5 - 0.5 * std::cos(std::numbers::pi * d / edge));
    }
    return w;
}

/// Flat-top (Tukey) taper of length n: 1 within n/4 of the centre n/2, cos² to zero at the ends.
std::vector<double> flatTopWindow(int n)
{
    std::vector<double> w(static_cast<std::size_t>(n));
    const double half = n / 2.0;
    const double flat = n / 4.0;
    for (int i = 0; i < n; ++i) {
        const double d = std::abs(i - half);
        const double t = std::clamp((d - flat) / (half - flat), 0.0, 1.0);
        const double c = std::cos(0.5 * std::numbers::pi * t);
        w[static_cast<std::size_t>(i)] = c * c;
    }
    return w;
}

int signedFrequency(int k, int n)
{
    return k <= (n - 1) / 2 ? k : k - n;
}

int wrapIndex(int i, int n)
{
    return ((i % n) + n) % n;
}

/// Overlap Σ_x w(x)·w(x−s) / Σ w² of a window with itself shifted by s px, sampled at the
/// shifts of a gridN-point correlation grid (index u − (gridN − 1) ↦ s = that · n / gridN),
/// linearly interpolated between whole-pixel shifts.
std::vector<double> windowOverlap(const std::vector<float>& w, int gridN)
{
    const int n = static_cast<int>(w.size());
    std::vector<double> whole(static_cast<std::size_t>(n)); // shift 0 … n−1
    for (int s = 0; s < n; ++s) {
        double sum = 0;
        for (int x = s; x < n; ++x)
            sum += static_cast<double>(w[static_cast<std::size_t>(x)]) *
                   w[static_cast<std::size_t>(x - s)];
        whole[static_cast<std::size_t>(s)] = sum;
    }
    const double zero = whole[0];
    std::vector<double> overlap(static_cast<std::size_t>(2 * gridN - 1));
    for (int u = -(gridN - 1); u < gridN; ++u) {
        const double shift = std::min(std::abs(static_cast<double>(u)) * n / gridN, n - 1.0);
        const int below = std::min(static_cast<int>(shift), n - 2);
        const double t = shift - below;
        const double value = (1.0 - t) * whole[static_cast<std::size_t>(below)] +
                             t * whole[static_cast<std::size_t>(below + 1)];
        overlap[static_cast<std::size_t>(u + gridN - 1)] = std::max(value / zero, 1e-3);
    }
    return overlap;
}

/// Smallest even m ≥ n whose prime factors are 2, 3, 5, 7 (fast FFTW sizes).
int nextFastEvenSize(int n)
{
    for (int m = std::max(2, n + n % 2);; m += 2)
        if (detail::isFastFftSize(m))
            return m;
}

/// Correlation grid for an image side of n px: the band |f| ≤ cropSigmas · σ cycles/px, on an
/// even fast FFT size, or n itself when that band is (nearly) the whole spectrum.
int correlationGridSize(int n, const CorrelationSettings& settings)
{
    const double sigma = settings.lowPassSigmaCyclesPerPx;
    if (sigma <= 0.0 || settings.cropSigmas <= 0.0)
        return n;
    const double bandCyclesPerPx = settings.cropSigmas * sigma;
    if (bandCyclesPerPx >= 0.45)
        return n;
    const int m = nextFastEvenSize(static_cast<int>(std::ceil(2.0 * bandCyclesPerPx * n)) + 2);
    return m >= n ? n : std::max(m, 8);
}

} // namespace

struct PhaseCorrelator::Workspace
{
    cv::Mat real;    // CV_32F height × width: the windowed image
    cv::Mat full;    // CV_32FC2 height × (width/2+1): its whole half spectrum (when cropping)
    cv::Mat cross;   // CV_32FC2 spectrumRows × spectrumCols: weighted cross-power spectrum
    cv::Mat surface; // CV_32F gridHeight × gridWidth: correlation surface
};

PhaseCorrelator::PhaseCorrelator(int width, int height, CorrelationSettings settings,
                                 int framesToTransform)
    : m_width(width), m_height(height), m_gridWidth(width), m_gridHeight(height),
      m_settings(settings)
{
    if (width < 8 || height < 8)
        throw Error("registration: region of " + std::to_string(width) + " x " +
                    std::to_string(height) + " px is too small (at least 8 x 8)");
    if (!(settings.lowPassSigmaCyclesPerPx >= 0.0))
        throw Error("registration: low-pass sigma must be ≥ 0 cycles/px");
    if (!(settings.highPassSigmaCyclesPerPx >= 0.0))
        throw Error("registration: high-pass sigma must be ≥ 0 cycles/px");
    if (!(settings.whiteningExponent >= 0.0 && settings.whiteningExponent <= 1.0))
        throw Error("registration: whitening exponent must be within 0–1");
    if (!(settings.windowTaper > 0.0 && settings.windowTaper <= 1.0))
        throw Error("registration: window taper must be within (0, 1]");
    if (settings.refinePatchPx != 0 && settings.refinePatchPx < 8)
        throw Error("registration: refinement patch must be 0 (whole) or at least 8 px");
    if (settings.upsampleFactor < 10)
        throw Error("registration: upsampling factor must be at least 10");
    if (!(settings.cropSigmas >= 0.0))
        throw Error("registration: spectrum crop must be ≥ 0 low-pass widths");
    m_settings.refinePatchPx += m_settings.refinePatchPx % 2; // even, so the centre is a pixel

    m_windowX = tukeyWindow(width, settings.windowTaper);
    m_windowY = tukeyWindow(height, settings.windowTaper);
    m_gridWidth = correlationGridSize(width, settings);
    m_gridHeight = correlationGridSize(height, settings);
    m_overlapX = windowOverlap(m_windowX, m_gridWidth);
    m_overlapY = windowOverlap(m_windowY, m_gridHeight);
    // Plan now, not inside the first measurement.
    const bool measure = framesToTransform <= 0 || framesToTransform >= minFramesToMeasurePlans;
    m_imagePlans = &detail::realFftPlans(height, width, measure);
    m_gridPlans = &detail::realFftPlans(m_gridHeight, m_gridWidth, measure);

    const int halfCols = spectrumCols();
    m_weight.create(m_gridHeight, halfCols, CV_32F);
    const double sigma = settings.lowPassSigmaCyclesPerPx;
    const double highPass = settings.highPassSigmaCyclesPerPx;
    const bool cropRows = m_gridHeight < height;
    const bool cropCols = m_gridWidth < width;
    for (int k = 0; k < m_gridHeight; ++k) {
        const double fy = static_cast<double>(signedFrequency(k, m_gridHeight)) / height;
        auto* w = m_weight.ptr<float>(k);
        for (int l = 0; l < halfCols; ++l) {
            if ((cropRows && k == m_gridHeight / 2) || (cropCols && l == halfCols - 1)) {
                w[l] = 0.0f; // the crop's Nyquist row/column has no Hermitian partner kept
                continue;
            }
            const double fx = static_cast<double>(l) / width;
            const double f2 = fx * fx + fy * fy;
            double weight = sigma > 0.0 ? std::exp(-f2 / (2.0 * sigma * sigma)) : 1.0;
            if (highPass > 0.0)
                weight *= 1.0 - std::exp(-f2 / (2.0 * highPass * highPass));
            w[l] = static_cast<float>(weight);
        }
    }
    m_weight.at<float>(0, 0) = 0.0f; // the mean carries no shift information
}

PhaseCorrelator::~PhaseCorrelator() = default;

std::unique_ptr<PhaseCorrelator::Workspace> PhaseCorrelator::takeWorkspace() const
{
    {
        std::lock_guard lock(m_poolMutex);
        if (!m_pool.empty()) {
            auto workspace = std::move(m_pool.back());
            m_pool.pop_back();
            return workspace;
        }
    }
    auto workspace = std::make_unique<Workspace>();
    workspace->real.create(m_height, m_width, CV_32F);
    if (m_gridWidth < m_width || m_gridHeight < m_height)
        workspace->full.create(m_height, m_width / 2 + 1, CV_32FC2);
    workspace->cross.create(spectrumRows(), spectrumCols(), CV_32FC2);
    workspace->surface.create(m_gridHeight, m_gridWidth, CV_32F);
    return workspace;
}

void PhaseCorrelator::returnWorkspace(std::unique_ptr<Workspace> workspace) const
{
    std::lock_guard lock(m_poolMutex);
    m_pool.push_back(std::move(workspace));
}

namespace {

/// Window-weighted mean, then out = wy·wx·(in − mean), reading pixels of type T.
template <typename T>
void windowMeanFree(const cv::Mat& image, const std::vector<float>& windowX,
                    const std::vector<float>& windowY, cv::Mat& out)
{
    const int rows = image.rows;
    const int cols = image.cols;
    double weightedSum = 0;
    double windowSumX = 0;
    double windowSumY = 0;
    for (float w : windowX)
        windowSumX += w;
    for (int y = 0; y < rows; ++y) {
        const auto* row = image.ptr<T>(y);
        float rowSum = 0;
        for (int x = 0; x < cols; ++x)
            rowSum += windowX[static_cast<std::size_t>(x)] * static_cast<float>(row[x]);
        weightedSum += static_cast<double>(windowY[static_cast<std::size_t>(y)]) * rowSum;
        windowSumY += windowY[static_cast<std::size_t>(y)];
    }
    const auto mean = static_cast<float>(weightedSum / (windowSumX * windowSumY));
    for (int y = 0; y < rows; ++y) {
        const auto* in = image.ptr<T>(y);
        auto* o = out.ptr<float>(y);
        const float wy = windowY[static_cast<std::size_t>(y)];
        const float* wx = windowX.data();
        for (int x = 0; x < cols; ++x)
            o[x] = wy * wx[x] * (static_cast<float>(in[x]) - mean);
    }
}

} // namespace

cv::Mat PhaseCorrelator::spectrum(const cv::Mat& image) const
{
    cv::Mat result;
    spectrum(image, result);
    return result;
}

void PhaseCorrelator::spectrum(const cv::Mat& image, cv::Mat& result) const
{
    if (image.channels() != 1 || image.cols != m_width || image.rows != m_height)
        throw Error("registration: image of " + std::to_string(image.cols) + " x " +
                    std::to_string(image.rows) + " px does not match the correlator (" +
                    std::to_string(m_width) + " x " + std::to_string(m_height) + ")");
    auto workspace = takeWorkspace();
    switch (image.depth()) {
    case CV_8U:
        windowMeanFree<std::uint8_t>(image, m_windowX, m_windowY, workspace->real);
        break;
    case CV_16U:
        windowMeanFree<std::uint16_t>(image, m_windowX, m_windowY, workspace->real);
        break;
    case CV_16S:
        windowMeanFree<std::int16_t>(image, m_windowX, m_windowY, workspace->real);
        break;
    case CV_32F:
        windowMeanFree<float>(image, m_windowX, m_windowY, workspace->real);
        break;
    default: {
        cv::Mat converted;
        image.convertTo(converted, CV_32F);
        windowMeanFree<float>(converted, m_windowX, m_windowY, workspace->real);
    }
    }
    result.create(spectrumRows(), spectrumCols(), CV_32FC2);
    const auto& plans = *m_imagePlans;
    const bool crop = !workspace->full.empty();
    cv::Mat& full = crop ? workspace->full : result;
    fftwf_execute_dft_r2c(plans.forward, workspace->real.ptr<float>(),
                          reinterpret_cast<fftwf_complex*>(full.ptr<float>()));
    if (crop) {
        // Keep the band: signed row frequency k of the crop is row k mod height of the whole
        // spectrum; columns 0 … spectrumCols − 1. The crop's Nyquist row/column are zeroed.
        const int keepCols = spectrumCols() - (m_gridWidth < m_width ? 1 : 0);
        const std::size_t rowBytes = static_cast<std::size_t>(keepCols) * 2 * sizeof(float);
        for (int k = 0; k < m_gridHeight; ++k) {
            auto* out = result.ptr<float>(k);
            if (m_gridHeight < m_height && k == m_gridHeight / 2) {
                std::fill(out, out + 2 * spectrumCols(), 0.0f);
                continue;
            }
            const int source = wrapIndex(signedFrequency(k, m_gridHeight), m_height);
            std::memcpy(out, full.ptr<float>(source), rowBytes);
            std::fill(out + 2 * keepCols, out + 2 * spectrumCols(), 0.0f);
        }
    }
    returnWorkspace(std::move(workspace));
}

ShiftEstimate PhaseCorrelator::measure(const cv::Mat& moving, const cv::Mat& reference) const
{
    const int halfCols = spectrumCols();
    for (const cv::Mat* s : {&moving, &reference})
        if (s->type() != CV_32FC2 || s->rows != m_gridHeight || s->cols != halfCols ||
            !s->isContinuous())
            throw Error("registration: spectrum does not match the correlator");

    auto workspace = takeWorkspace();
    // Weighted cross-power spectrum R = W · M · conj(Rf) / |M · conj(Rf)|^p and Σ|R| over the
    // full (Hermitian) spectrum, the upper bound of the correlation peak.
    const double p = m_settings.whiteningExponent;
    const bool lastColumnSingle = (m_gridWidth % 2) == 0;
    double absSum = 0;
    for (int k = 0; k < m_gridHeight; ++k) {
        const auto* m = moving.ptr<float>(k);
        const auto* r = reference.ptr<float>(k);
        const auto* w = m_weight.ptr<float>(k);
        auto* out = workspace->cross.ptr<float>(k);
        double rowSum = 0;
        for (int l = 0; l < halfCols; ++l) {
            const float re = m[2 * l] * r[2 * l] + m[2 * l + 1] * r[2 * l + 1];
            const float im = m[2 * l + 1] * r[2 * l] - m[2 * l] * r[2 * l + 1];
            const float magnitude = std::sqrt(re * re + im * im);
            float scale = w[l];
            float absValue = 0;
            if (magnitude > 0.0f) {
                if (p == 1.0) {
                    scale = w[l] / magnitude;
                    absValue = w[l];
                } else if (p == 0.0) {
                    absValue = w[l] * magnitude;
                } else if (p == 0.5) {
                    const float root = std::sqrt(magnitude);
                    scale = w[l] / root;
                    absValue = w[l] * root;
                } else {
                    const auto powered = static_cast<float>(std::pow(magnitude, p));
                    scale = w[l] / powered;
                    absValue = w[l] * magnitude / powered;
                }
            } else {
                scale = 0.0f;
            }
            out[2 * l] = re * scale;
            out[2 * l + 1] = im * scale;
            const bool single = l == 0 || (lastColumnSingle && l == halfCols - 1);
            rowSum += single ? absValue : 2.0f * absValue;
        }
        absSum += rowSum;
    }
    const auto& plans = *m_gridPlans;
    cv::Mat& surface = workspace->surface;
    fftwf_execute_dft_c2r(plans.inverse,
                          reinterpret_cast<fftwf_complex*>(workspace->cross.ptr<float>()),
                          surface.ptr<float>());

    // Integer peak.
    int peakY = 0;
    int peakX = 0;
    float peakValue = -HUGE_VALF;
    for (int y = 0; y < m_gridHeight; ++y) {
        const auto* row = surface.ptr<float>(y);
        for (int x = 0; x < m_gridWidth; ++x)
            if (row[x] > peakValue) {
                peakValue = row[x];
                peakY = y;
                peakX = x;
            }
    }

    // Sub-pixel: two-stage upsampled DFT of a flat-top-windowed patch around the peak (or of the
    // whole surface when the patch would not be smaller). The grid step is width/gridWidth px,
    // so the upsampling is finer by that factor to keep 1/upsampleFactor px.
    const int patch = m_settings.refinePatchPx;
    const double stepX = static_cast<double>(m_width) / m_gridWidth;
    const double stepY = static_cast<double>(m_height) / m_gridHeight;
    const int upsample =
        static_cast<int>(std::ceil(m_settings.upsampleFactor * std::max(stepX, stepY)));
    RefinedPeak refined;
    double originY = 0;
    double originX = 0;
    if (patch == 0 || (patch >= m_gridHeight && patch >= m_gridWidth)) {
        cv::Mat full;
        cv::dft(surface, full, cv::DFT_COMPLEX_OUTPUT);
        refined = refinePeakUpsampled(full, peakY, peakX, upsample);
    } else {
        const int rowsP = std::min(patch, m_gridHeight);
        const int colsP = std::min(patch, m_gridWidth);
        const auto taperY = flatTopWindow(rowsP);
        const auto taperX = flatTopWindow(colsP);
        cv::Mat local(rowsP, colsP, CV_64F);
        originY = peakY - rowsP / 2;
        originX = peakX - colsP / 2;
        // Signed shift of surface index u, as an index into the overlap tables.
        auto overlapIndex = [](int u, int n) { return (u <= n / 2 ? u : u - n) + n - 1; };
        const bool compensate = m_settings.compensateWindowOverlap;
        for (int i = 0; i < rowsP; ++i) {
            const int u = wrapIndex(static_cast<int>(originY) + i, m_gridHeight);
            const auto* row = surface.ptr<float>(u);
            const double rowScale =
                taperY[static_cast<std::size_t>(i)] /
                (compensate ? m_overlapY[static_cast<std::size_t>(overlapIndex(u, m_gridHeight))]
                            : 1.0);
            auto* out = local.ptr<double>(i);
            for (int j = 0; j < colsP; ++j) {
                const int v = wrapIndex(static_cast<int>(originX) + j, m_gridWidth);
                const double colScale =
                    taperX[static_cast<std::size_t>(j)] /
                    (compensate ? m_overlapX[static_cast<std::size_t>(overlapIndex(v, m_gridWidth))]
                                : 1.0);
                out[j] = rowScale * colScale * row[v];
            }
        }
        cv::Mat localSpectrum;
        cv::dft(local, localSpectrum, cv::DFT_COMPLEX_OUTPUT);
        refined = refinePeakUpsampled(localSpectrum, rowsP / 2, colsP / 2, upsample);
    }
    returnWorkspace(std::move(workspace));

    double dy = originY + refined.yPx; // correlation-grid steps
    double dx = originX + refined.xPx;
    if (dy > m_gridHeight / 2.0)
        dy -= m_gridHeight;
    if (dx > m_gridWidth / 2.0)
        dx -= m_gridWidth;
    ShiftEstimate estimate;
    estimate.dxPx = dx * stepX;
    estimate.dyPx = dy * stepY;
    estimate.quality = absSum > 0.0 ? std::clamp(refined.value / absSum, 0.0, 1.0) : 0.0;
    return estimate;
}

ShiftEstimate PhaseCorrelator::measureImages(const cv::Mat& moving, const cv::Mat& reference) const
{
    return measure(spectrum(moving), spectrum(reference));
}

void PhaseCorrelator::accumulateAligned(cv::Mat& sum, const cv::Mat& spectrum, double dxPx,
                                        double dyPx, double weight) const
{
    const int halfCols = spectrumCols();
    if (spectrum.type() != CV_32FC2 || spectrum.rows != m_gridHeight || spectrum.cols != halfCols)
        throw Error("registration: spectrum does not match the correlator");
    if (sum.empty())
        sum = cv::Mat::zeros(m_gridHeight, halfCols, CV_32FC2);
    // Shifting by (−dx, −dy) multiplies bin (fy, fx) by exp(+2πi (fx·dx + fy·dy)).
    std::vector<float> colRe(static_cast<std::size_t>(halfCols));
    std::vector<float> colIm(static_cast<std::size_t>(halfCols));
    for (int l = 0; l < halfCols; ++l) {
        const double phase = twoPi * l * dxPx / m_width;
        colRe[static_cast<std::size_t>(l)] = static_cast<float>(weight * std::cos(phase));
        colIm[static_cast<std::size_t>(l)] = static_cast<float>(weight * std::sin(phase));
    }
    for (int k = 0; k < m_gridHeight; ++k) {
        const double phase = twoPi * signedFrequency(k, m_gridHeight) * dyPx / m_height;
        const auto rowRe = static_cast<float>(std::cos(phase));
        const auto rowIm = static_cast<float>(std::sin(phase));
        const auto* s = spectrum.ptr<float>(k);
        auto* out = sum.ptr<float>(k);
        for (int l = 0; l < halfCols; ++l) {
            const float pr = rowRe * colRe[static_cast<std::size_t>(l)] -
                             rowIm * colIm[static_cast<std::size_t>(l)];
            const float pi = rowRe * colIm[static_cast<std::size_t>(l)] +
                             rowIm * colRe[static_cast<std::size_t>(l)];
            out[2 * l] += s[2 * l] * pr - s[2 * l + 1] * pi;
            out[2 * l + 1] += s[2 * l] * pi + s[2 * l + 1] * pr;
        }
    }
}

} // namespace insitu
