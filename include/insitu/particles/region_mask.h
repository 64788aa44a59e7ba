#pragma once
// Region masks: the pixels inside an area ROI (rectangle, ellipse, polygon) of a frame.

#include "insitu/roi/roi.h"

#include <opencv2/core.hpp>

namespace insitu {

/// CV_8U mask (255 inside) of roi on a width × height frame. Throws insitu::Error for a line
/// or polyline (no area) or too few points.
[[nodiscard]] cv::Mat regionMask(const Roi& roi, int width, int height);

} // namespace insitu
