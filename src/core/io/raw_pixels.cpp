#include "raw_pixels.h"

#include <opencv2/imgproc.hpp>

#include <limits>
#include <vector>

namespace insitu::raw {

std::size_t storedBytes(Stored kind)
{
    switch (kind) {
    case Stored::UInt8:
    case Stored::Int8:
    case Stored::Bool8:
        return 1;
    case Stored::UInt16:
    case Stored::Int16:
    case Stored::Float16:
        return 2;
    case Stored::UInt32:
    case Stored::Int32:
    case Stored::Float32:
    case Stored::Bgra8:
        return 4;
    case Stored::Float64:
    case Stored::Complex64:
        return 8;
    case Stored::Complex128:
        return 16;
    }
    return 1;
}

PixelType deliveredType(Stored kind)
{
    switch (kind) {
    case Stored::UInt8:
    case Stored::Bgra8:
    case Stored::Bool8:
        return PixelType::UInt8;
    case Stored::Int8:
        return PixelType::Int8;
    case Stored::UInt16:
        return PixelType::UInt16;
    case Stored::Int16:
        return PixelType::Int16;
    case Stored::UInt32:
        return PixelType::UInt32;
    case Stored::Int32:
        return PixelType::Int32;
    case Stored::Float32:
    case Stored::Complex64:
    case Stored::Float16:
        return PixelType::Float32;
    case Stored::Float64:
    case Stored::Complex128:
        return PixelType::Float64;
    }
    return PixelType::UInt8;
}

std::optional<std::string> conversionNote(Stored kind)
{
    switch (kind) {
    case Stored::Complex64:
    case Stored::Complex128:
        return "complex data with an all-zero imaginary part: real part kept";
    case Stored::Bgra8:
        return "RGB converted to grey (0.299 R + 0.587 G + 0.114 B)";
    case Stored::Bool8:
        return "boolean image converted to uint8 (0/1)";
    case Stored::Float16:
        return "float16 converted to float32";
    default:
        return std::nullopt;
    }
}

std::uint64_t frameBytes(const BinaryFile& file, int width, int height, Stored kind)
{
    if (width <= 0 || height <= 0)
        file.fail("invalid frame size " + std::to_string(width) + " x " + std::to_string(height));
    const auto pixels = static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height);
    return pixels * storedBytes(kind); // < 2^62 · 16: no overflow
}

namespace {

template <typename T>
bool imaginaryIsZero(const std::vector<unsigned char>& raw, std::size_t pixels)
{
    const auto* values = reinterpret_cast<const T*>(raw.data());
    for (std::size_t i = 0; i < pixels; ++i)
        if (values[2 * i + 1] != T(0))
            return false;
    return true;
}

template <typename T> void copyReal(const std::vector<unsigned char>& raw, cv::Mat& out)
{
    const auto* values = reinterpret_cast<const T*>(raw.data());
    auto* dst = out.ptr<T>(0);
    for (std::size_t i = 0; i < out.total(); ++i)
        dst[i] = values[2 * i];
}

} // namespace

Frame readFrame(const BinaryFile& file, std::uint64_t offset, int width, int height, Stored kind,
                Endian order, const std::string& frameLabel)
{
    const std::uint64_t bytes = frameBytes(file, width, height, kind);
    file.requireRange(offset, bytes, frameLabel + " data");
    if (bytes > std::numeric_limits<std::size_t>::max() / 2)
        file.fail(frameLabel + " is too large to read");
    const PixelType type = deliveredType(kind);
    const auto pixels = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    const bool swap = needsSwap(order);

    switch (kind) {
    case Stored::UInt8:
    case Stored::Int8:
    case Stored::UInt16:
    case Stored::Int16:
    case Stored::UInt32:
    case Stored::Int32:
    case Stored::Float32:
    case Stored::Float64: {
        cv::Mat mat(height, width, CV_MAKETYPE(cvDepth(type), 1));
        file.read(offset, mat.data, static_cast<std::size_t>(bytes));
        if (swap)
            swapBytesInPlace(mat.data, pixels, storedBytes(kind));
        return Frame(std::move(mat), type);
    }
    case Stored::Float16: {
        cv::Mat half(height, width, CV_16FC1);
        file.read(offset, half.data, static_cast<std::size_t>(bytes));
        if (swap)
            swapBytesInPlace(half.data, pixels, 2);
        cv::Mat mat;
        half.convertTo(mat, CV_32F);
        return Frame(std::move(mat), type);
    }
    case Stored::Bool8: {
        cv::Mat mat(height, width, CV_8UC1);
        file.read(offset, mat.data, static_cast<std::size_t>(bytes));
        for (std::size_t i = 0; i < pixels; ++i)
            mat.data[i] = mat.data[i] != 0 ? 1 : 0;
        return Frame(std::move(mat), type);
    }
    case Stored::Bgra8: {
        cv::Mat bgra(height, width, CV_8UC4);
        file.read(offset, bgra.data, static_cast<std::size_t>(bytes));
        if (swap) // the 32-bit word was written in the other byte order: restore B, G, R, A
            swapBytesInPlace(bgra.data, pixels, 4);
        cv::Mat grey;
        cv::cvtColor(bgra, grey, cv::COLOR_BGRA2GRAY);
        return Frame(std::move(grey), type);
    }
    case Stored::Complex64:
    case Stored::Complex128: {
        std::vector<unsigned char> raw(static_cast<std::size_t>(bytes));
        file.read(offset, raw.data(), raw.size());
        const bool is64 = kind == Stored::Complex64;
        if (swap)
            swapBytesInPlace(raw.data(), 2 * pixels, is64 ? 4 : 8);
        const bool real =
            is64 ? imaginaryIsZero<float>(raw, pixels) : imaginaryIsZero<double>(raw, pixels);
        if (!real)
            file.fail(frameLabel + " holds complex data (e.g. an FFT) with a nonzero imaginary "
                                   "part; complex images cannot be analysed as a movie");
        cv::Mat mat(height, width, is64 ? CV_32FC1 : CV_64FC1);
        if (is64)
            copyReal<float>(raw, mat);
        else
            copyReal<double>(raw, mat);
        return Frame(std::move(mat), type);
    }
    }
    file.fail("internal: unknown stored pixel kind");
}

Frame readStackFrame(const BinaryFile& file, const ContiguousStack& stack, int width, int height,
                     int frameCount, int index)
{
    if (index < 0 || index >= frameCount)
        file.fail("frame " + std::to_string(index) + " out of range (0.." +
                  std::to_string(frameCount - 1) + ")");
    return readFrame(file, stack.firstOffset + static_cast<std::uint64_t>(index) * stack.frameBytes,
                     width, height, static_cast<Stored>(stack.storedKind), stack.order,
                     "frame " + std::to_string(index));
}

} // namespace insitu::raw
