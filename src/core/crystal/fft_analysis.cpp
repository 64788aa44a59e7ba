// FFT analysis of a region: profile peaks turned into d-spacings, d-list matching, ring
// calibration.

#include "insitu/crystal/fft_analysis.h"

#include "insitu/error.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace insitu {

namespace {

std::string trimmed(const std::string& s)
{
    const auto first = s.find_first_not_of(" \t\r\"");
    if (first == std::string::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r\"");
    return s.substr(first, last - first + 1);
}

} // namespace

std::vector<DSpacing> readDList(const std::filesystem::path& path)
{
    std::ifstream in(path);
    if (!in)
        throw Error(path.string() + ": cannot open the d-list");
    std::vector<DSpacing> list;
    std::string line;
    int lineNumber = 0;
    bool headerSkipped = false;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (const auto hash = line.find('#'); hash != std::string::npos)
            line.erase(hash);
        if (trimmed(line).empty())
            continue;
        std::vector<std::string> fields;
        std::stringstream ss(line);
        for (std::string field; std::getline(ss, field, ',');)
            fields.push_back(trimmed(field));
        if (fields.size() != 3)
            throw Error(path.string() + ":" + std::to_string(lineNumber) +
                        ": expected 3 columns phase,hkl,d_nm");
        DSpacing d{fields[0], fields[1], 0};
        try {
            std::size_t used = 0;
            d.dNm = std::stod(fields[2], &used);
            if (used != fields[2].size())
                throw std::invalid_argument("trailing text");
        } catch (const std::exception&) {
            if (list.empty() && !headerSkipped) {
                headerSkipped = true; // the header line
                continue;
            }
            throw Error(path.string() + ":" + std::to_string(lineNumber) + ": d_nm '" + fields[2] +
                        "' is not a number");
        }
        if (!(d.dNm > 0) || !std::isfinite(d.dNm))
            throw Error(path.string() + ":" + std::to_string(lineNumber) +
                        ": d_nm must be positive");
        list.push_back(d);
    }
    if (list.empty())
        throw Error(path.string() + ": the d-list has no rows (phase,hkl,d_nm)");
    return list;
}

void calibratePeaks(std::vector<FftPeakResult>& peaks, std::optional<double> nmPerPixel,
                    const std::vector<DSpacing>& dList, double matchTolerance)
{
    for (FftPeakResult& p : peaks) {
        p.kPerNm = p.dNm = p.dErrNm = p.fwhmPerNm = std::nullopt;
        p.match = std::nullopt;
        if (!nmPerPixel)
            continue;
        const double k = p.peak.kPerPx / *nmPerPixel;
        p.kPerNm = k;
        p.dNm = 1 / k;
        p.dErrNm = p.peak.kErrPerPx / *nmPerPixel / (k * k);
        p.fwhmPerNm = p.peak.fwhmPerPx / *nmPerPixel;
        double best = matchTolerance;
        for (const DSpacing& ref : dList) {
            const double relative = std::abs(*p.dNm - ref.dNm) / ref.dNm;
            if (relative <= best) {
                best = relative;
                p.match = ref;
            }
        }
    }
}

FftResult analyzeFft(const cv::Mat& image, const FftRegion& region, const Calibration& calibration,
                     const FftOptions& options)
{
    FftResult result;
    result.nmPerPixel = calibration.nmPerPixel;
    result.spectrum = regionSpectrum(image, region, options.spectrum);
    result.profile = radialProfile(result.spectrum, options.profile);
    for (const FftPeak& peak : findProfilePeaks(result.profile, options.peaks))
        result.peaks.push_back({peak, {}, {}, {}, {}, {}});
    calibratePeaks(result.peaks, result.nmPerPixel, options.dList, options.matchTolerance);
    return result;
}

RingCalibration calibrateOnRing(const std::vector<FftPeakResult>& peaks, double knownDNm,
                                std::optional<double> nominalNmPerPixel)
{
    if (peaks.empty())
        throw Error("calibration on a known ring: no peak was found in the region");
    if (!(knownDNm > 0))
        throw Error("calibration on a known ring: the known d must be positive");
    int index = 0;
    if (nominalNmPerPixel) {
        const double expectedKPerPx = *nominalNmPerPixel / knownDNm;
        for (int i = 1; i < static_cast<int>(peaks.size()); ++i)
            if (std::abs(peaks[static_cast<std::size_t>(i)].peak.kPerPx - expectedKPerPx) <
                std::abs(peaks[static_cast<std::size_t>(index)].peak.kPerPx - expectedKPerPx))
                index = i;
    }
    const FftPeak& peak = peaks[static_cast<std::size_t>(index)].peak;
    // k_px / p = 1 / d  ⇒  p = k_px · d.
    return {peak.kPerPx * knownDNm, peak.kErrPerPx * knownDNm, knownDNm, index};
}

} // namespace insitu
