// BlockGrid: block sums and bilinear read-back of a coarse grid (smooth particle backgrounds).

#include "block_grid.h"

#include <algorithm>
#include <cmath>

namespace insitu::particles {

BlockGrid::BlockGrid(cv::Size size, int factor)
    : width_(size.width), height_(size.height), factor_(std::max(1, factor)),
      cols_((size.width + factor_ - 1) / factor_), rows_((size.height + factor_ - 1) / factor_),
      left_(static_cast<std::size_t>(size.width)), weight_(left_.size())
{
    for (int x = 0; x < width_; ++x) {
        const double g = std::clamp((x + 0.5) / factor_ - 0.5, 0.0, cols_ - 1.0);
        const int i = std::min(static_cast<int>(g), std::max(0, cols_ - 2));
        left_[static_cast<std::size_t>(x)] = i;
        weight_[static_cast<std::size_t>(x)] = cols_ > 1 ? static_cast<float>(g - i) : 0.0f;
    }
}

std::pair<int, float> BlockGrid::rowBlend(int y) const
{
    const double g = std::clamp((y + 0.5) / factor_ - 0.5, 0.0, rows_ - 1.0);
    const int j = std::min(static_cast<int>(g), std::max(0, rows_ - 2));
    return {j, rows_ > 1 ? static_cast<float>(g - j) : 0.0f};
}

float BlockGrid::at(const cv::Mat& grid, int x, int y) const
{
    const auto [j, wy] = rowBlend(y);
    const int j1 = std::min(j + 1, rows_ - 1);
    const int i = left_[static_cast<std::size_t>(x)], i1 = std::min(i + 1, cols_ - 1);
    const float wx = weight_[static_cast<std::size_t>(x)];
    const float top = (1 - wx) * grid.at<float>(j, i) + wx * grid.at<float>(j, i1);
    const float bottom = (1 - wx) * grid.at<float>(j1, i) + wx * grid.at<float>(j1, i1);
    return (1 - wy) * top + wy * bottom;
}

void BlockGrid::readRow(const cv::Mat& grid, int y, std::vector<float>& gridRow, float* row) const
{
    const auto [j, wy] = rowBlend(y);
    const float* a = grid.ptr<float>(j);
    const float* b = grid.ptr<float>(std::min(j + 1, rows_ - 1));
    gridRow.resize(static_cast<std::size_t>(cols_) + 1);
    for (int i = 0; i < cols_; ++i)
        gridRow[static_cast<std::size_t>(i)] = (1 - wy) * a[i] + wy * b[i];
    gridRow[static_cast<std::size_t>(cols_)] = gridRow[static_cast<std::size_t>(cols_) - 1];
    for (int x = 0; x < width_; ++x) {
        const auto i = static_cast<std::size_t>(left_[static_cast<std::size_t>(x)]);
        const float wx = weight_[static_cast<std::size_t>(x)];
        row[x] = (1 - wx) * gridRow[i] + wx * gridRow[i + 1];
    }
}

} // namespace insitu::particles
