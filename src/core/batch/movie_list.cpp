// The movie list of a recipe: glob expansion (POSIX glob, plus "**" for any depth of folders),
// sorting, shares, output names.

#include "insitu/batch/recipe.h"

#include "insitu/error.h"

#include <glob.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <memory>

namespace insitu {

namespace {

bool hasWildcard(const std::string& text)
{
    return text.find_first_of("*?[") != std::string::npos;
}

std::vector<std::filesystem::path> globMatches(const std::filesystem::path& pattern)
{
    glob_t matches{};
    const int rc = ::glob(pattern.c_str(), 0, nullptr, &matches);
    std::vector<std::filesystem::path> out;
    if (rc == 0)
        for (std::size_t i = 0; i < matches.gl_pathc; ++i)
            out.emplace_back(matches.gl_pathv[i]);
    globfree(&matches);
    if (rc != 0 && rc != GLOB_NOMATCH)
        throw Error(pattern.string() + ": cannot list the files of this pattern");
    return out;
}

/// pattern with "**" standing for zero or more folders (hidden ones skipped, symbolic links to
/// folders not followed), the other components as POSIX glob.
std::vector<std::filesystem::path> expandPattern(const std::filesystem::path& pattern)
{
    std::filesystem::path prefix;
    std::filesystem::path rest;
    bool found = false;
    for (const auto& part : pattern) {
        if (found)
            rest /= part;
        else if (part == "**")
            found = true;
        else
            prefix /= part;
    }
    if (!found)
        return globMatches(pattern);
    if (rest.empty())
        rest = "*"; // "dir/**": every file below dir
    std::vector<std::filesystem::path> roots;
    if (hasWildcard(prefix.string()))
        roots = globMatches(prefix);
    else
        roots.push_back(prefix.empty() ? std::filesystem::path(".") : prefix);
    std::vector<std::filesystem::path> out;
    for (const auto& root : roots) {
        std::error_code ec;
        if (!std::filesystem::is_directory(root, ec))
            continue;
        std::vector<std::filesystem::path> folders{root};
        for (auto it = std::filesystem::recursive_directory_iterator(
                 root, std::filesystem::directory_options::skip_permission_denied, ec);
             !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            std::error_code entryError; // an unreadable entry is skipped, not fatal
            if (!it->is_directory(entryError) || it->is_symlink(entryError))
                continue;
            if (it->path().filename().string().rfind('.', 0) == 0) {
                it.disable_recursion_pending();
                continue;
            }
            folders.push_back(it->path());
        }
        if (ec)
            throw Error(root.string() + ": cannot list the folders of this pattern (" +
                        ec.message() + ")");
        for (const auto& folder : folders) {
            const auto more = expandPattern(folder / rest);
            out.insert(out.end(), more.begin(), more.end());
        }
    }
    return out;
}

} // namespace

std::vector<std::filesystem::path> expandMovies(const BatchRecipe& recipe)
{
    std::vector<std::filesystem::path> movies;
    for (const auto& entry : recipe.movies) {
        const auto path = resolvePath(recipe, entry);
        if (hasWildcard(entry)) {
            const auto matches = expandPattern(path);
            if (matches.empty())
                throw Error("recipe: the pattern " + entry + " (" + path.string() +
                            ") matches no file");
            for (const auto& m : matches)
                movies.push_back(m.lexically_normal());
        } else {
            std::error_code ec;
            if (!std::filesystem::exists(path, ec))
                throw Error(path.string() + ": movie not found (named in the recipe)");
            movies.push_back(path);
        }
    }
    std::sort(movies.begin(), movies.end());
    movies.erase(std::unique(movies.begin(), movies.end()), movies.end());
    if (movies.empty())
        throw Error("recipe: no movie to analyse");
    return movies;
}

std::vector<std::filesystem::path> shareOfMovies(const std::vector<std::filesystem::path>& movies,
                                                 int index, int count)
{
    if (count < 1 || index < 0 || index >= count)
        throw Error("array share " + std::to_string(index) + " of " + std::to_string(count) +
                    ": the index must be in 0 … count − 1");
    std::vector<std::filesystem::path> share;
    for (std::size_t i = static_cast<std::size_t>(index); i < movies.size();
         i += static_cast<std::size_t>(count))
        share.push_back(movies[i]);
    return share;
}

std::string movieOutputName(const std::filesystem::path& movie,
                            const std::vector<std::filesystem::path>& movies)
{
    const std::string stem = movie.stem().string();
    const auto sameStem =
        std::count_if(movies.begin(), movies.end(),
                      [&](const std::filesystem::path& m) { return m.stem().string() == stem; });
    if (sameStem <= 1)
        return stem;
    const std::string hash = sha256Text(movie.string());
    return stem + "-" + hash.substr(hash.find(':') + 1, 8);
}

std::string sha256Text(const std::string& text)
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(context.get(), text.data(), text.size()) != 1 ||
        EVP_DigestFinal_ex(context.get(), digest.data(), &length) != 1)
        throw Error("SHA-256: OpenSSL digest failed");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex = "sha256:";
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0xF];
    }
    return hex;
}

} // namespace insitu
