#pragma once
// Internal: BlockGrid, a coarse grid of f × f pixel blocks for smooth backgrounds: weighted block
// sums in one pass, a blur on the grid, and a bilinear read-back at full resolution by rows.

#include <opencv2/core.hpp>

#include <algorithm>
#include <vector>

namespace insitu::particles {

class BlockGrid
{
public:
    /// Blocks of factor × factor px (factor ≥ 1) over an image of size.
    BlockGrid(cv::Size size, int factor);

    [[nodiscard]] cv::Size gridSize() const { return {cols_, rows_}; }
    [[nodiscard]] int factor() const { return factor_; }

    /// Per block: the sum of image over the pixels where keep(x, y, value) holds (num) and their
    /// count (den), CV_32F grid size. keep is called with a row's read-back pointer (see
    /// forEachRow) so that a residual test needs no full-resolution background.
    template <class Keep>
    void sums(const cv::Mat& image, const cv::Mat* previous, cv::Mat& num, cv::Mat& den,
              Keep&& keep) const;

    /// Calls f(y, values) for every image row y (in parallel bands) with the bilinear read-back
    /// of grid at that row (cols values; block centres at (i + ½)·factor − ½, edges clamped).
    template <class F> void forEachRow(const cv::Mat& grid, F&& f) const;

    /// The read-back of grid at one pixel.
    [[nodiscard]] float at(const cv::Mat& grid, int x, int y) const;

    /// Fills row (width values) with the read-back of grid at image row y.
    void readRow(const cv::Mat& grid, int y, std::vector<float>& gridRow, float* row) const;

private:
    int width_, height_, factor_, cols_, rows_;
    std::vector<int> left_;     ///< per image column: the grid column left of it
    std::vector<float> weight_; ///< per image column: the weight of the grid column right of it
    [[nodiscard]] std::pair<int, float> rowBlend(int y) const;
};

template <class Keep>
void BlockGrid::sums(const cv::Mat& image, const cv::Mat* previous, cv::Mat& num, cv::Mat& den,
                     Keep&& keep) const
{
    num = cv::Mat::zeros(rows_, cols_, CV_32F);
    den = cv::Mat::zeros(rows_, cols_, CV_32F);
    cv::parallel_for_(cv::Range(0, rows_), [&](const cv::Range& range) {
        std::vector<float> back(static_cast<std::size_t>(width_)), gridRow;
        std::vector<double> n(static_cast<std::size_t>(cols_)), d(n.size());
        for (int j = range.start; j < range.end; ++j) {
            std::fill(n.begin(), n.end(), 0.0);
            std::fill(d.begin(), d.end(), 0.0);
            for (int y = j * factor_; y < std::min(height_, (j + 1) * factor_); ++y) {
                const float* in = image.ptr<float>(y);
                if (previous)
                    readRow(*previous, y, gridRow, back.data());
                for (int i = 0, x0 = 0; i < cols_; ++i, x0 += factor_) {
                    float sum = 0, count = 0;
                    for (int x = x0; x < std::min(width_, x0 + factor_); ++x)
                        if (keep(in[x], back[static_cast<std::size_t>(x)])) {
                            sum += in[x];
                            count += 1;
                        }
                    n[static_cast<std::size_t>(i)] += sum;
                    d[static_cast<std::size_t>(i)] += count;
                }
            }
            for (int i = 0; i < cols_; ++i) {
                num.at<float>(j, i) = static_cast<float>(n[static_cast<std::size_t>(i)]);
                den.at<float>(j, i) = static_cast<float>(d[static_cast<std::size_t>(i)]);
            }
        }
    });
}

template <class F> void BlockGrid::forEachRow(const cv::Mat& grid, F&& f) const
{
    cv::parallel_for_(cv::Range(0, height_), [&](const cv::Range& range) {
        std::vector<float> row(static_cast<std::size_t>(width_)), gridRow;
        for (int y = range.start; y < range.end; ++y) {
            readRow(grid, y, gridRow, row.data());
            f(y, row.data());
        }
    });
}

} // namespace insitu::particles
