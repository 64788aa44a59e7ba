// Bounded raw reads of an HDF5 file's bytes and the layout they are decoded with.

#include "raw_file.h"

#include "hdf5_handle.h"

#include <filesystem>

namespace insitu::hdf5 {

std::uint64_t decodeLittleEndian(const std::uint8_t* p, std::size_t bytes)
{
    std::uint64_t value = 0;
    for (std::size_t i = bytes; i-- > 0;)
        value = (value << 8) | p[i];
    return value;
}

std::string fileNameOf(hid_t object)
{
    const Lock lock;
    const ssize_t nameBytes = H5Fget_name(object, nullptr, 0);
    if (nameBytes <= 0)
        return {};
    std::string name(static_cast<std::size_t>(nameBytes) + 1, '\0');
    if (H5Fget_name(object, name.data(), name.size()) < 0)
        return {};
    name.resize(static_cast<std::size_t>(nameBytes));
    return name;
}

std::optional<FileLayout> layoutOf(hid_t object)
{
    Handle file(H5Iget_file_id(object), H5Fclose);
    if (!file.valid())
        return std::nullopt;
    Handle plist(H5Fget_create_plist(file.id()), H5Pclose);
    FileLayout layout;
    layout.path = fileNameOf(file.id());
    hsize_t userBlock = 0;
    unsigned internalK = 0;
    unsigned leafK = 0;
    if (!plist.valid() || H5Pget_sizes(plist.id(), &layout.addrBytes, &layout.lengthBytes) < 0 ||
        H5Pget_userblock(plist.id(), &userBlock) < 0 ||
        H5Pget_sym_k(plist.id(), &internalK, &leafK) < 0)
        return std::nullopt;
    if (layout.addrBytes < 2 || layout.addrBytes > 8 || layout.lengthBytes < 2 ||
        layout.lengthBytes > 8 || internalK == 0 || internalK > 32768 || leafK == 0 ||
        leafK > 32768)
        return std::nullopt;
    layout.groupInternalK = internalK;
    layout.groupLeafK = leafK;
    layout.baseAddress = userBlock;
    if (layout.path.empty())
        return std::nullopt;
    std::error_code ec;
    layout.fileBytes = std::filesystem::file_size(layout.path, ec);
    if (ec)
        return std::nullopt;
    return layout;
}

RawFile::RawFile(const FileLayout& layout) : m_layout(layout), m_in(layout.path, std::ios::binary)
{
}

bool RawFile::contains(std::uint64_t address, std::uint64_t bytes) const
{
    const std::uint64_t at = m_layout.baseAddress + address;
    return at >= address && at <= m_layout.fileBytes && bytes <= m_layout.fileBytes - at;
}

bool RawFile::read(std::uint64_t address, std::size_t bytes, std::vector<std::uint8_t>& out)
{
    if (!m_in || !contains(address, bytes))
        return false;
    out.resize(bytes);
    m_in.seekg(static_cast<std::streamoff>(m_layout.baseAddress + address));
    m_in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(bytes));
    if (!m_in) {
        m_in.clear();
        return false;
    }
    return true;
}

} // namespace insitu::hdf5
