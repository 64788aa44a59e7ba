// Test helper: an outline polygon filled as a mask, to score outlines by IoU.
#pragma once

#include "insitu/roi/roi.h"

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <vector>

namespace insitu::test {

/// The polygon (pixel centres at integer coordinates) filled at 1/256 px precision.
inline cv::Mat rasterise(const std::vector<PointPx>& polygon, cv::Size size)
{
    constexpr int shift = 8;
    std::vector<cv::Point> points;
    for (const PointPx& p : polygon)
        points.emplace_back(static_cast<int>(std::lround(p.x * (1 << shift))),
                            static_cast<int>(std::lround(p.y * (1 << shift))));
    cv::Mat mask = cv::Mat::zeros(size, CV_8U);
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{points}, cv::Scalar(255), cv::LINE_8,
                 shift);
    return mask;
}

} // namespace insitu::test
