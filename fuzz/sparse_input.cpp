// Sparse fuzz inputs: decoded into a sparse file, encoded from a real file's head and tail.

#include "sparse_input.h"

#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <unistd.h>

namespace insitu::fuzz {

namespace {

std::uint64_t load(const std::uint8_t* p, int bytes)
{
    std::uint64_t value = 0;
    for (int i = bytes; i-- > 0;)
        value = (value << 8) | p[i];
    return value;
}

void append(std::vector<std::uint8_t>& out, std::uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

} // namespace

bool isSparseInput(const std::uint8_t* data, std::size_t size)
{
    return size >= kSparseMagic.size() + 8 &&
           std::memcmp(data, kSparseMagic.data(), kSparseMagic.size()) == 0;
}

bool writeSparseFile(const std::uint8_t* data, std::size_t size, const std::filesystem::path& path)
{
    std::size_t at = kSparseMagic.size();
    const std::uint64_t fileBytes = std::min(load(data + at, 8), kMaxSparseFileBytes);
    at += 8;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return false;
    bool ok = ::ftruncate(fd, static_cast<off_t>(fileBytes)) == 0;
    while (ok && size - at >= 12) {
        const std::uint64_t offset = load(data + at, 8);
        std::uint64_t length = load(data + at + 8, 4);
        at += 12;
        length = std::min<std::uint64_t>(length, size - at);
        if (offset < fileBytes) {
            const auto bytes = static_cast<std::size_t>(std::min(length, fileBytes - offset));
            ok = ::pwrite(fd, data + at, bytes, static_cast<off_t>(offset)) ==
                 static_cast<ssize_t>(bytes);
        }
        at += static_cast<std::size_t>(length);
    }
    return ::close(fd) == 0 && ok;
}

std::vector<std::uint8_t> sparseInputOf(const std::filesystem::path& file, std::size_t headBytes,
                                        std::size_t tailBytes)
{
    std::ifstream in(file, std::ios::binary);
    const std::uint64_t fileBytes = std::filesystem::file_size(file);
    std::vector<std::uint8_t> out(kSparseMagic.begin(), kSparseMagic.end());
    append(out, fileBytes, 8);
    const auto region = [&](std::uint64_t offset, std::uint64_t length) {
        append(out, offset, 8);
        append(out, length, 4);
        const std::size_t start = out.size();
        out.resize(start + static_cast<std::size_t>(length));
        in.seekg(static_cast<std::streamoff>(offset));
        in.read(reinterpret_cast<char*>(out.data() + start), static_cast<std::streamsize>(length));
    };
    if (headBytes + tailBytes >= fileBytes) {
        region(0, fileBytes);
    } else {
        region(0, headBytes);
        region(fileBytes - tailBytes, tailBytes);
    }
    return out;
}

} // namespace insitu::fuzz
