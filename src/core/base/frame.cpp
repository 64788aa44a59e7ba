#include "insitu/frame.h"

#include "insitu/error.h"

#include <string>

namespace insitu {

std::string_view numpyName(PixelType type)
{
    switch (type) {
    case PixelType::UInt8:
        return "uint8";
    case PixelType::Int8:
        return "int8";
    case PixelType::UInt16:
        return "uint16";
    case PixelType::Int16:
        return "int16";
    case PixelType::UInt32:
        return "uint32";
    case PixelType::Int32:
        return "int32";
    case PixelType::Float32:
        return "float32";
    case PixelType::Float64:
        return "float64";
    }
    return "unknown";
}

std::size_t bytesPerPixel(PixelType type)
{
    switch (type) {
    case PixelType::UInt8:
    case PixelType::Int8:
        return 1;
    case PixelType::UInt16:
    case PixelType::Int16:
        return 2;
    case PixelType::UInt32:
    case PixelType::Int32:
    case PixelType::Float32:
        return 4;
    case PixelType::Float64:
        return 8;
    }
    return 0;
}

int cvDepth(PixelType type)
{
    switch (type) {
    case PixelType::UInt8:
        return CV_8U;
    case PixelType::Int8:
        return CV_8S;
    case PixelType::UInt16:
        return CV_16U;
    case PixelType::Int16:
        return CV_16S;
    case PixelType::UInt32:
    case PixelType::Int32:
        return CV_32S;
    case PixelType::Float32:
        return CV_32F;
    case PixelType::Float64:
        return CV_64F;
    }
    return CV_8U;
}

Frame::Frame(cv::Mat mat, PixelType type) : m_mat(std::move(mat)), m_type(type)
{
    if (!m_mat.empty() && (m_mat.channels() != 1 || m_mat.depth() != cvDepth(type)))
        throw Error("internal: frame matrix does not match pixel type " +
                    std::string(numpyName(type)));
}

namespace {
template <typename Out> cv::Mat convertUInt32(const cv::Mat& in, int outDepth)
{
    cv::Mat out(in.size(), CV_MAKETYPE(outDepth, 1));
    for (int r = 0; r < in.rows; ++r) {
        const auto* src = in.ptr<std::uint32_t>(r);
        auto* dst = out.ptr<Out>(r);
        for (int c = 0; c < in.cols; ++c)
            dst[c] = static_cast<Out>(src[c]);
    }
    return out;
}
} // namespace

cv::Mat Frame::toFloat32() const
{
    if (m_type == PixelType::UInt32)
        return convertUInt32<float>(m_mat, CV_32F);
    cv::Mat out;
    m_mat.convertTo(out, CV_32F);
    return out;
}

cv::Mat Frame::toFloat64() const
{
    if (m_type == PixelType::UInt32)
        return convertUInt32<double>(m_mat, CV_64F);
    cv::Mat out;
    m_mat.convertTo(out, CV_64F);
    return out;
}

double Frame::sum() const
{
    if (m_mat.empty())
        return 0.0;
    if (m_type == PixelType::UInt32)
        return cv::sum(toFloat64())[0];
    return cv::sum(m_mat)[0];
}

} // namespace insitu
