// Test helper: IoU matching of measured grains against the truth labels, median ECDs.

#include "grain_truth.h"

#include <algorithm>
#include <map>

namespace insitu::test {

double medianOf(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

GrainComparison compareWithTruth(const cv::Mat& truthLabels, const GrainSegmentation& measured,
                                 double minAreaPx)
{
    const std::vector<Grain> truth = measureGrains(truthLabels, std::nullopt);
    std::map<int, const Grain*> truthById, measuredById;
    for (const Grain& g : truth)
        truthById[g.id] = &g;
    for (const Grain& g : measured.grains)
        measuredById[g.id] = &g;
    std::map<std::pair<int, int>, int> overlap;
    for (int y = 0; y < truthLabels.rows; ++y)
        for (int x = 0; x < truthLabels.cols; ++x) {
            const int t = truthLabels.at<int>(y, x);
            const int m = measured.labels.at<int>(y, x);
            if (t > 0 && m > 0)
                ++overlap[{t, m}];
        }
    std::map<int, double> bestIou;
    for (const auto& [key, count] : overlap) {
        const double a = truthById[key.first]->areaPx;
        const double b = measuredById[key.second]->areaPx;
        const double iou = count / (a + b - count);
        bestIou[key.first] = std::max(bestIou[key.first], iou);
    }
    GrainComparison out;
    std::vector<double> truthEcd, measuredEcd;
    for (const Grain& g : truth) {
        if (g.border || g.areaPx < minAreaPx)
            continue;
        ++out.truthGrains;
        truthEcd.push_back(g.ecdPx);
        if (bestIou[g.id] > 0.5)
            ++out.matched;
    }
    for (const Grain& g : measured.grains)
        if (!g.border)
            measuredEcd.push_back(g.ecdPx);
    out.truthMedianEcdPx = medianOf(truthEcd);
    out.measuredMedianEcdPx = medianOf(measuredEcd);
    return out;
}

} // namespace insitu::test
