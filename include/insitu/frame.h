#pragma once
// Frame: one 2-D image of a movie in its native pixel type, and the pixel-type vocabulary.

#include <opencv2/core.hpp>

#include <cstddef>
#include <string_view>

namespace insitu {

/// Native pixel types a movie may hold (complex data is refused by the readers).
enum class PixelType { UInt8, Int8, UInt16, Int16, UInt32, Int32, Float32, Float64 };

/// numpy's name for the type ("uint16", "float32", ...), as used in `insitu info --json`.
[[nodiscard]] std::string_view numpyName(PixelType type);
/// Bytes per pixel.
[[nodiscard]] std::size_t bytesPerPixel(PixelType type);
/// The OpenCV depth that stores the type (uint32 is stored bit-for-bit in CV_32S).
[[nodiscard]] int cvDepth(PixelType type);

/// One frame in its native pixel type. Immutable by convention: never write into pixels,
/// so shallow copies are safe snapshots to hand to other threads.
class Frame
{
public:
    Frame() = default;
    /// Wraps mat (single channel, depth must equal cvDepth(type)).
    Frame(cv::Mat mat, PixelType type);

    [[nodiscard]] const cv::Mat& mat() const { return m_mat; }
    [[nodiscard]] PixelType type() const { return m_type; }
    [[nodiscard]] int width() const { return m_mat.cols; }
    [[nodiscard]] int height() const { return m_mat.rows; }
    [[nodiscard]] bool empty() const { return m_mat.empty(); }
    [[nodiscard]] std::size_t byteSize() const { return m_mat.total() * m_mat.elemSize(); }

    /// Pixel values as float32 (uint32 decoded correctly); a new matrix.
    [[nodiscard]] cv::Mat toFloat32() const;
    /// Pixel values as float64; a new matrix.
    [[nodiscard]] cv::Mat toFloat64() const;
    /// Sum of all pixel values in double precision.
    [[nodiscard]] double sum() const;

private:
    cv::Mat m_mat;
    PixelType m_type = PixelType::UInt8;
};

} // namespace insitu
