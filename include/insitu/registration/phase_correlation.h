#pragma once
// PhaseCorrelator: translation between two images of one size by weighted phase correlation.

#include <opencv2/core.hpp>

#include <memory>
#include <mutex>
#include <vector>

namespace insitu {

namespace detail {
struct RealFftPlans;
}

/// How the cross-power spectrum is weighted and the peak refined.
struct CorrelationSettings
{
    /// σ (cycles/px) of the Gaussian low-pass weight exp(−f²/2σ²) on the cross-power spectrum;
    /// 0 switches the weight off. 0.1 suits 20 counts/px; lower it for noisier data.
    double lowPassSigmaCyclesPerPx = 0.1;
    /// σ (cycles/px) of a Gaussian high-pass 1 − exp(−f²/2σ²) that suppresses slow intensity
    /// gradients fixed to the camera (illumination), which pull the estimate towards 0; 0 = off.
    double highPassSigmaCyclesPerPx = 0.0;
    /// Cross-power normalisation |F·G*|^−p: 1 = phase correlation (whitened), 0 = plain
    /// cross-correlation; values between soften whitening (it amplifies Poisson noise).
    double whiteningExponent = 0.5;
    /// Fraction of the image width/height tapered by the (Tukey) window, half at each end:
    /// 1 = Hann window; smaller values keep features near the border (e.g. a contact edge on a
    /// small frame) at full weight. 0.2 measured best on small nanowire movies (0.15–0.25 similar).
    double windowTaper = 0.2;
    /// Side (px) of the correlation patch around the integer peak whose DFT is upsampled;
    /// 0 upsamples the whole spectrum (exact but slow on large frames).
    int refinePatchPx = 32;
    int upsampleFactor = 100; ///< final sub-pixel grid of the two-stage refinement (1/px)
    /// Spectra keep only frequencies up to this many low-pass σ (where the weight has fallen to
    /// exp(−n²/2): 0.2 % at 3.5), and the correlation surface is computed on the matching
    /// coarser grid (band-limited, so refinement stays exact). 0 keeps the whole spectrum.
    double cropSigmas = 3.0;
    /// Divide the correlation near the peak by the overlap of the two windows at that shift,
    /// which removes the pull of the window envelope towards zero shift on small frames.
    bool compensateWindowOverlap = true;

    bool operator==(const CorrelationSettings&) const = default;
};

/// Shift of a moving image relative to a reference and how well they matched.
struct ShiftEstimate
{
    double dxPx = 0; ///< a feature at x in the reference is at x + dxPx in the moving image
    double dyPx = 0;
    double quality = 0; ///< correlation peak / its upper bound (Cauchy–Schwarz), 0–1
};

/// Registers images of one fixed size: Tukey (flat-top) window on the mean-free image, FFTW r2c
/// spectrum, cross-power spectrum with Gaussian low-pass weight (and optional whitening), FFTW c2r,
/// integer peak, then two-stage upsampled-DFT refinement (Guizar-Sicairos 2008). Spectra are
/// CV_32FC2 spectrumRows() × spectrumCols() matrices (the half spectrum, cropped to the low-pass
/// band) that callers may keep (e.g. a cached reference) and combine. All const members are
/// thread-safe; FFTW plans are shared and made once per size.
class PhaseCorrelator
{
public:
    /// framesToTransform: how many images the caller will transform, 0 = unknown. With the
    /// planning effort Measure and no FFTW wisdom for the size yet, runs known to be short
    /// (fewer than 250 images) use estimated plans: measuring them would cost more time than
    /// it saves.
    PhaseCorrelator(int width, int height, CorrelationSettings settings = {},
                    int framesToTransform = 0);
    ~PhaseCorrelator();
    PhaseCorrelator(const PhaseCorrelator&) = delete;
    PhaseCorrelator& operator=(const PhaseCorrelator&) = delete;

    [[nodiscard]] int width() const { return m_width; }
    [[nodiscard]] int height() const { return m_height; }
    [[nodiscard]] const CorrelationSettings& settings() const { return m_settings; }
    /// Size of the stored (cropped) half spectra.
    [[nodiscard]] int spectrumRows() const { return m_gridHeight; }
    [[nodiscard]] int spectrumCols() const { return m_gridWidth / 2 + 1; }

    /// Spectrum of the windowed, mean-free image (single channel, width × height, any depth).
    [[nodiscard]] cv::Mat spectrum(const cv::Mat& image) const;
    /// The same into result, reusing its memory when it already has the spectrum's size
    /// (result must not share its data with another matrix).
    void spectrum(const cv::Mat& image, cv::Mat& result) const;
    /// Shift of the image behind `moving` relative to the one behind `reference` (spectra).
    [[nodiscard]] ShiftEstimate measure(const cv::Mat& moving, const cv::Mat& reference) const;
    /// Convenience: measure(spectrum(moving), spectrum(reference)).
    [[nodiscard]] ShiftEstimate measureImages(const cv::Mat& moving,
                                              const cv::Mat& reference) const;

    /// sum += weight · (spectrum of the image shifted by (−dxPx, −dyPx)), i.e. the image aligned
    /// back onto the reference grid. sum is allocated (zero) when empty.
    void accumulateAligned(cv::Mat& sum, const cv::Mat& spectrum, double dxPx, double dyPx,
                           double weight = 1.0) const;

private:
    struct Workspace;
    [[nodiscard]] std::unique_ptr<Workspace> takeWorkspace() const;
    void returnWorkspace(std::unique_ptr<Workspace> workspace) const;

    int m_width; // image grid (px)
    int m_height;
    int m_gridWidth; // correlation grid: the band kept by the crop (m_width when not cropped)
    int m_gridHeight;
    CorrelationSettings m_settings;
    const detail::RealFftPlans* m_imagePlans = nullptr; // width × height
    const detail::RealFftPlans* m_gridPlans = nullptr;  // the correlation grid
    std::vector<float> m_windowX;                       // Tukey window along x (cols)
    std::vector<float> m_windowY;                       // along y (rows)
    cv::Mat m_weight; // CV_32F spectrumRows × spectrumCols: Gaussian low-pass, DC zeroed
    /// Window overlap Σ w(x)·w(x−s) / Σ w² at the shift s of correlation-grid index u (signed
    /// u · width / gridWidth px), index u + gridWidth − 1.
    std::vector<double> m_overlapX;
    std::vector<double> m_overlapY;
    mutable std::mutex m_poolMutex;
    mutable std::vector<std::unique_ptr<Workspace>> m_pool;
};

} // namespace insitu
