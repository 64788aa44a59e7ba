// Per-grain measurements from a label image: area, ECD, centroid, moment aspect ratio, border.

#include "insitu/crystal/grain_segmentation.h"

#include <algorithm>
#include <cmath>

namespace insitu {

namespace {

struct Moments
{
    double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    bool border = false;
};

} // namespace

std::vector<Grain> measureGrains(const cv::Mat& labels, std::optional<double> nmPerPixel)
{
    CV_Assert(labels.empty() || labels.type() == CV_32S);
    double maxValue = 0;
    if (!labels.empty())
        cv::minMaxLoc(labels, nullptr, &maxValue);
    std::vector<Moments> m(static_cast<std::size_t>(maxValue) + 1);
    for (int y = 0; y < labels.rows; ++y) {
        const int* l = labels.ptr<int>(y);
        const bool edgeRow = y == 0 || y == labels.rows - 1;
        for (int x = 0; x < labels.cols; ++x) {
            if (l[x] <= 0)
                continue;
            Moments& g = m[static_cast<std::size_t>(l[x])];
            g.n += 1;
            g.sx += x;
            g.sy += y;
            g.sxx += static_cast<double>(x) * x;
            g.syy += static_cast<double>(y) * y;
            g.sxy += static_cast<double>(x) * y;
            g.border = g.border || edgeRow || x == 0 || x == labels.cols - 1;
        }
    }
    std::vector<Grain> grains;
    for (std::size_t id = 1; id < m.size(); ++id) {
        const Moments& g = m[id];
        if (g.n <= 0)
            continue;
        Grain out;
        out.id = static_cast<int>(id);
        out.areaPx = g.n;
        out.ecdPx = 2 * std::sqrt(g.n / 3.14159265358979323846);
        out.xPx = g.sx / g.n;
        out.yPx = g.sy / g.n;
        // Second moments of the pixel squares (each adds 1/12 per axis).
        const double cxx = g.sxx / g.n - out.xPx * out.xPx + 1.0 / 12;
        const double cyy = g.syy / g.n - out.yPx * out.yPx + 1.0 / 12;
        const double cxy = g.sxy / g.n - out.xPx * out.yPx;
        const double mean = (cxx + cyy) / 2;
        const double spread = std::sqrt(std::max(0.0, (cxx - cyy) * (cxx - cyy) / 4 + cxy * cxy));
        const double minor = std::max(mean - spread, 1e-12);
        out.aspectRatio = std::sqrt((mean + spread) / minor);
        out.border = g.border;
        if (nmPerPixel) {
            out.areaNm2 = out.areaPx * *nmPerPixel * *nmPerPixel;
            out.ecdNm = out.ecdPx * *nmPerPixel;
        }
        grains.push_back(out);
    }
    return grains;
}

} // namespace insitu
