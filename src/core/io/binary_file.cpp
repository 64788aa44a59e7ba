#include "insitu/io/binary_file.h"

#include "insitu/error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace insitu {

void swapBytesInPlace(void* data, std::size_t count, std::size_t elementBytes)
{
    if (elementBytes < 2)
        return;
    auto* p = static_cast<unsigned char*>(data);
    for (std::size_t i = 0; i < count; ++i, p += elementBytes)
        std::reverse(p, p + elementBytes);
}

bool needsSwap(Endian order)
{
    return (order == Endian::Little) != (std::endian::native == std::endian::little);
}

BinaryFile::BinaryFile(std::filesystem::path path) : m_path(std::move(path))
{
    m_fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0)
        fail(std::string("cannot open the file (") + std::strerror(errno) + ")");
    struct stat st
    {
    };
    if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(m_fd);
        m_fd = -1;
        fail("not a regular file");
    }
    m_size = static_cast<std::uint64_t>(st.st_size);
}

BinaryFile::~BinaryFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

BinaryFile::BinaryFile(BinaryFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_fd(std::exchange(other.m_fd, -1)), m_size(other.m_size)
{
}

BinaryFile& BinaryFile::operator=(BinaryFile&& other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_path = std::move(other.m_path);
        m_fd = std::exchange(other.m_fd, -1);
        m_size = other.m_size;
    }
    return *this;
}

bool BinaryFile::contains(std::uint64_t offset, std::uint64_t bytes) const
{
    return offset <= m_size && bytes <= m_size - offset;
}

void BinaryFile::requireRange(std::uint64_t offset, std::uint64_t bytes,
                              const std::string& what) const
{
    if (!contains(offset, bytes))
        fail(what + " (" + std::to_string(bytes) + " bytes at offset " + std::to_string(offset) +
             " lie beyond the end of the file, size " + std::to_string(m_size) +
             "; truncated or corrupt?)");
}

void BinaryFile::read(std::uint64_t offset, void* dst, std::size_t bytes) const
{
    requireRange(offset, bytes, "read past the end of the file");
    auto* out = static_cast<unsigned char*>(dst);
    std::size_t done = 0;
    while (done < bytes) {
        const std::size_t chunk = std::min<std::size_t>(bytes - done, std::size_t{1} << 30);
        const ssize_t got = ::pread(m_fd, out + done, chunk, static_cast<off_t>(offset + done));
        if (got < 0) {
            if (errno == EINTR)
                continue;
            fail(std::string("read error (") + std::strerror(errno) + ")");
        }
        if (got == 0)
            fail("unexpected end of file at offset " + std::to_string(offset + done));
        done += static_cast<std::size_t>(got);
    }
}

std::vector<unsigned char> BinaryFile::readBytes(std::uint64_t offset, std::size_t bytes) const
{
    requireRange(offset, bytes, "read past the end of the file");
    std::vector<unsigned char> out(bytes);
    read(offset, out.data(), bytes);
    return out;
}

void BinaryFile::fail(const std::string& what) const
{
    throw Error(m_path.string() + ": " + what);
}

FileCursor::FileCursor(const BinaryFile& file, std::uint64_t offset, Endian order)
    : m_file(file), m_offset(offset), m_order(order)
{
}

void FileCursor::skip(std::uint64_t bytes, const std::string& what)
{
    m_file.requireRange(m_offset, bytes, what);
    m_offset += bytes;
}

void FileCursor::read(void* dst, std::size_t bytes)
{
    if (bytes == 0)
        return; // an empty array (dst may be null)
    constexpr std::size_t kBlock = 64 * 1024;
    if (bytes > kBlock) {
        m_file.read(m_offset, dst, bytes);
        m_offset += bytes;
        return;
    }
    const bool inBuffer = m_offset >= m_bufferStart &&
                          m_offset - m_bufferStart <= m_buffer.size() &&
                          bytes <= m_buffer.size() - (m_offset - m_bufferStart);
    if (!inBuffer) {
        m_file.requireRange(m_offset, bytes, "read past the end of the file");
        const std::uint64_t available = m_file.size() - m_offset;
        m_buffer.resize(static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, available)));
        m_file.read(m_offset, m_buffer.data(), m_buffer.size());
        m_bufferStart = m_offset;
    }
    std::memcpy(dst, m_buffer.data() + (m_offset - m_bufferStart), bytes);
    m_offset += bytes;
}

std::string FileCursor::string(std::size_t bytes)
{
    m_file.requireRange(m_offset, bytes, "text field past the end of the file");
    std::string out(bytes, '\0');
    read(out.data(), bytes);
    return out;
}

} // namespace insitu
