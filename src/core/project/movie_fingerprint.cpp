// Movie fingerprints (sampled SHA-256), describing a movie for a project, and finding moved movies.

#include "insitu/project/project_file.h"

#include "insitu/error.h"
#include "insitu/io/movie.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>

namespace insitu {

namespace {

constexpr std::uint64_t kSampleBytes = 1024 * 1024;
constexpr const char* kMethod = "sha256-sampled-v1:";

/// SHA-256 through OpenSSL's EVP interface (libcrypto comes with Debian's HDF5 link line).
class Sha256
{
public:
    Sha256() : m_context(EVP_MD_CTX_new(), EVP_MD_CTX_free)
    {
        if (!m_context || EVP_DigestInit_ex(m_context.get(), EVP_sha256(), nullptr) != 1)
            throw Error("SHA-256: cannot initialise OpenSSL digest");
    }
    void update(const void* data, std::size_t size)
    {
        if (size > 0 && EVP_DigestUpdate(m_context.get(), data, size) != 1)
            throw Error("SHA-256: digest update failed");
    }
    [[nodiscard]] std::string hex()
    {
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned int length = 0;
        if (EVP_DigestFinal_ex(m_context.get(), digest.data(), &length) != 1)
            throw Error("SHA-256: digest failed");
        static constexpr char kDigits[] = "0123456789abcdef";
        std::string text;
        for (unsigned int i = 0; i < length; ++i) {
            text += kDigits[digest[i] >> 4];
            text += kDigits[digest[i] & 15];
        }
        return text;
    }

private:
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> m_context;
};

void hashSize(Sha256& sha, std::uint64_t size)
{
    std::array<unsigned char, 8> bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<unsigned char>(size >> (8 * i));
    sha.update(bytes.data(), bytes.size());
}

void hashRange(Sha256& sha, std::ifstream& in, std::uint64_t offset, std::uint64_t length,
               const std::filesystem::path& path)
{
    std::vector<char> buffer(
        static_cast<std::size_t>(std::min<std::uint64_t>(length, kSampleBytes)));
    in.seekg(static_cast<std::streamoff>(offset));
    std::uint64_t left = length;
    while (left > 0) {
        const auto chunk =
            static_cast<std::streamsize>(std::min<std::uint64_t>(left, buffer.size()));
        in.read(buffer.data(), chunk);
        if (in.gcount() != chunk)
            throw Error(path.string() + ": cannot read for fingerprint");
        sha.update(buffer.data(), static_cast<std::size_t>(chunk));
        left -= static_cast<std::uint64_t>(chunk);
    }
}

std::vector<std::filesystem::path> sortedFiles(const std::filesystem::path& folder)
{
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
        if (entry.is_regular_file())
            files.push_back(entry.path());
    if (ec)
        throw Error(folder.string() + ": cannot list folder (" + ec.message() + ")");
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

std::uint64_t movieFileSize(const std::filesystem::path& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        std::uint64_t total = 0;
        for (const auto& file : sortedFiles(path))
            total += std::filesystem::file_size(file, ec);
        return total;
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        throw Error(path.string() + ": cannot read file size (" + ec.message() + ")");
    return size;
}

std::string computeMovieFingerprint(const std::filesystem::path& path)
{
    Sha256 sha;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        for (const auto& file : sortedFiles(path)) {
            const std::string name = file.filename().string();
            sha.update(name.data(), name.size() + 1); // with the terminating NUL as separator
            hashSize(sha, std::filesystem::file_size(file, ec));
        }
        return kMethod + sha.hex();
    }
    const std::uint64_t size = movieFileSize(path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot open for fingerprint");
    hashSize(sha, size);
    if (size <= 3 * kSampleBytes) {
        hashRange(sha, in, 0, size, path);
    } else {
        hashRange(sha, in, 0, kSampleBytes, path);
        hashRange(sha, in, size / 2 - kSampleBytes / 2, kSampleBytes, path);
        hashRange(sha, in, size - kSampleBytes, kSampleBytes, path);
    }
    return kMethod + sha.hex();
}

ProjectMovie describeMovie(const std::filesystem::path& path, int id)
{
    const auto movie = openMovie(path);
    const auto& info = movie->info();
    ProjectMovie result;
    result.id = id;
    std::error_code ec;
    result.path = std::filesystem::absolute(path, ec);
    if (ec)
        result.path = path;
    result.width = info.width;
    result.height = info.height;
    result.frameCount = info.frameCount;
    result.fileSizeBytes = movieFileSize(path);
    result.fingerprint = computeMovieFingerprint(path);
    result.fileCalibration = info.calibration;
    return result;
}

std::optional<std::filesystem::path>
locateMovie(const ProjectMovie& movie, const std::vector<std::filesystem::path>& searchPaths)
{
    auto matches = [&movie](const std::filesystem::path& candidate) {
        std::error_code ec;
        if (!std::filesystem::exists(candidate, ec))
            return false;
        try {
            return movieFileSize(candidate) == movie.fileSizeBytes &&
                   computeMovieFingerprint(candidate) == movie.fingerprint;
        } catch (const Error&) {
            return false;
        }
    };
    if (!movie.path.empty() && matches(movie.path))
        return movie.path;
    const auto fileName = movie.path.filename();
    if (fileName.empty())
        return std::nullopt;
    for (const auto& root : searchPaths) {
        if (matches(root / fileName))
            return root / fileName;
        std::error_code ec;
        const auto options = std::filesystem::directory_options::skip_permission_denied;
        std::filesystem::recursive_directory_iterator it(root, options, ec), end;
        for (; !ec && it != end; it.increment(ec))
            if (it->path().filename() == fileName && matches(it->path()))
                return it->path();
    }
    return std::nullopt;
}

} // namespace insitu
