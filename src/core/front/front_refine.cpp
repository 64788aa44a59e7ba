#include "insitu/front/front_refine.h"

#include "edge_change.h"
#include "front_refine_model.h"
#include "front_smoothing.h"

#include "insitu/error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>

namespace insitu {

using namespace front_detail;
using namespace refine_detail;

RefinedFront refineFront(const cv::Mat& kymograph, const std::vector<int>& frames,
                         const std::vector<int>& coarseCol, const FrontOptions& options,
                         const std::vector<FrontPin>& pinsInColumns)
{
    if (frames.size() != coarseCol.size())
        throw Error("front refinement: frames and positions differ in length");
    RefinedFront out;
    const std::size_t n = frames.size();
    out.positionsCol.assign(coarseCol.begin(), coarseCol.end());
    out.stdCol.assign(n, kInf);
    out.confidence.assign(n, 0.0);
    out.contrastZ.assign(n, 0.0);
    out.frameContrastZ.assign(n, 0.0);
    if (n == 0)
        return out;
    const int rows = kymograph.rows;
    const int cols = kymograph.cols;

    std::vector<double> centre =
        smoothPath(std::vector<double>(coarseCol.begin(), coarseCol.end()), 4);
    const int direction = centre.back() >= centre.front() ? 1 : -1;
    std::map<int, double> pinAt;
    for (const auto& pin : pinsInColumns)
        pinAt[pin.frame] = pin.positionPx;
    std::vector<bool> fixed(n, false);
    for (std::size_t i = 0; i < n; ++i)
        fixed[i] = pinAt.count(frames[i]) > 0;
    const int smoothHalf = std::max(1, options.refineWindowFrames / 2);

    double sigmaEdge = 1.5;
    std::vector<double> perFrame(n, kNaN);
    std::vector<bool> valid(n, false);
    std::vector<FrameData> data(n);
    std::vector<ColumnModel> columns;
    std::vector<double> frameSse(n, kNaN);        // per-frame fit: residual sum of squares
    std::vector<double> frameInformation(n, 0.0); // ... and Σ (∂model/∂s)²
    std::vector<double> smooth;
    std::vector<double> leverage;
    bool slowEnoughForColumns = true;
    for (int iteration = 0; iteration < kIterations; ++iteration) {
        const AheadLevels ahead(kymograph, positionOfFrame(rows, cols, frames, centre, direction),
                                direction);
        if (iteration == 1)
            slowEnoughForColumns = medianSpeedCols(centre) <= kMaxColumnModelSpeedCols;
        const bool columnModels = iteration > 0 && slowEnoughForColumns;
        if (columnModels) {
            // pristine level of each column: the ahead frames nearest its crossing
            std::vector<double> pristine(static_cast<std::size_t>(cols), kNaN);
            std::size_t i = 0;
            for (int x = direction > 0 ? 0 : cols - 1; x >= 0 && x < cols; x += direction) {
                while (i + 1 < n && direction * (centre[i] - x) < 0)
                    ++i;
                pristine[static_cast<std::size_t>(x)] = ahead.mean(x, frames[i]);
            }
            (void)fillGaps(pristine);
            columns = fitColumns(kymograph, frames, centre, direction, sigmaEdge, pristine);
        }
        for (std::size_t i = 0; i < n; ++i) {
            FrameData d;
            const int t = frames[i];
            const int c = static_cast<int>(std::lround(centre[i]));
            const int lo = std::max(0, direction > 0 ? c - kBehindCols - 2 : c - kAheadCols - 2);
            const int hi =
                std::min(cols - 1, direction > 0 ? c + kAheadCols + 2 : c + kBehindCols + 2);
            const float* row = kymograph.ptr<float>(t);
            for (int x = lo; x <= hi; ++x) {
                d.x.push_back(x);
                d.values.push_back(row[x]);
                d.ahead.push_back(ahead.mean(x, t));
                if (columnModels)
                    d.columns.push_back(&columns[static_cast<std::size_t>(x)]);
            }
            // columns never seen ahead of the front (where a track starts): the pristine level
            // of the nearest column that has one
            if (!fillGaps(d.ahead))
                d = FrameData{};
            if (columnModels)
                for (const ColumnModel* m : d.columns)
                    if (std::isnan(m->reacted))
                        d = FrameData{};
            data[i] = std::move(d);
        }

        // edge width: best total fit (free ratio per frame) over a subsample of frames
        const std::size_t stride = std::max<std::size_t>(1, n / 100);
        if (iteration > 0) {
            double bestTotal = kInf;
            for (double sigma : {0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0}) {
                double total = 0;
                for (std::size_t i = 0; i < n; i += stride) {
                    if (!data[i].valid())
                        continue;
                    double f = 0;
                    (void)gridMinimum(
                        [&](double s) {
                            return data[i].sseFreeRatio(s, sigma, direction, nullptr);
                        },
                        centre[i] - 1.5, centre[i] + 1.5, 0.25, &f);
                    total += f;
                }
                if (total < bestTotal) {
                    bestTotal = total;
                    sigmaEdge = sigma;
                }
            }
        }

        // behind/ahead ratio per frame (free fit), then its running median: particles that
        // appear behind the front now and then do not move the level the front is fitted with
        std::vector<double> ratio(n, kNaN);
        for (std::size_t i = 0; i < n; ++i) {
            if (!data[i].valid() || !data[i].columns.empty())
                continue;
            const double s = gridMinimum(
                [&](double p) { return data[i].sseFreeRatio(p, sigmaEdge, direction, nullptr); },
                centre[i] - kSearchCols, centre[i] + kSearchCols, 0.25);
            (void)data[i].sseFreeRatio(s, sigmaEdge, direction, &ratio[i]);
        }
        std::vector<double> ratioSmooth(n, kNaN);
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<double> window;
            const std::size_t lo = i >= kRatioHalfFrames ? i - kRatioHalfFrames : 0;
            const std::size_t hi = std::min(n - 1, i + kRatioHalfFrames);
            for (std::size_t j = lo; j <= hi; ++j)
                if (!std::isnan(ratio[j]))
                    window.push_back(ratio[j]);
            ratioSmooth[i] = median(window);
        }

        // per-frame position with the smoothed ratio (the column models after the first pass)
        const std::vector<bool> edgeless =
            edgelessEnds(EdgeChange(kymograph, ahead, direction).runningZ(frames, centre, fixed));
        std::fill(frameSse.begin(), frameSse.end(), kNaN);
        std::fill(frameInformation.begin(), frameInformation.end(), 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            valid[i] = false;
            if (fixed[i]) {
                perFrame[i] = pinAt[frames[i]];
                valid[i] = true;
                continue;
            }
            if (!data[i].valid() || edgeless[i])
                continue;
            if (!data[i].columns.empty()) {
                perFrame[i] = gridMinimum(
                    [&](double p) { return data[i].sseColumns(p, sigmaEdge, direction); },
                    centre[i] - kSearchCols, centre[i] + kSearchCols, 0.25, &frameSse[i]);
                frameInformation[i] = data[i].sensitivityColumns(perFrame[i], sigmaEdge, direction);
                valid[i] = true;
                continue;
            }
            if (std::isnan(ratioSmooth[i]))
                continue;
            const double rho = ratioSmooth[i];
            perFrame[i] =
                gridMinimum([&](double p) { return data[i].sse(p, sigmaEdge, direction, rho); },
                            centre[i] - kSearchCols, centre[i] + kSearchCols, 0.25, &frameSse[i]);
            frameInformation[i] = data[i].sensitivityRatio(perFrame[i], sigmaEdge, direction, rho);
            valid[i] = true;
        }
        std::vector<double> stdSmooth;
        smooth = robustSmooth(perFrame, valid, fixed, smoothHalf, stdSmooth, &leverage);
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isnan(smooth[i]))
                centre[i] = std::clamp(smooth[i], 0.0, static_cast<double>(cols - 1));
            out.stdCol[i] = std::isnan(smooth[i]) ? kInf : stdSmooth[i];
        }
    }
    out.positionsCol = centre;
    out.edgeSigmaCol = sigmaEdge;
    frameEstimates(perFrame, valid, fixed, frameSse, frameInformation, data, smooth, leverage, out);

    const EdgeChange change(kymograph, frames, centre, direction);
    out.contrastZ = change.runningZ(frames, centre, fixed);
    out.frameContrastZ.assign(n, kNaN);
    for (std::size_t i = 0; i < n; ++i)
        if (!fixed[i])
            out.frameContrastZ[i] = change.frameZ(frames[i], centre[i]);
    for (std::size_t i = 0; i < n; ++i)
        out.confidence[i] =
            std::isfinite(out.stdCol[i]) ? 1.0 / (1.0 + out.stdCol[i] * out.stdCol[i]) : 0.0;
    return out;
}

} // namespace insitu
