// Hostile files (issue #15): sizes a file declares but cannot hold, deep metadata JSON, FIFOs.
// Each must end in one insitu::Error naming the file, or open with what the file really holds.

#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/io/movie.h"

#include <hdf5/serial/hdf5.h>
#include <sys/stat.h>
#include <tiffio.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

/// A little-endian uncompressed 16-bit TIFF whose IFD declares width × height but whose file
/// holds only a few bytes of pixels.
fs::path tinyTiffDeclaring(const fs::path& dir, std::uint32_t width, std::uint32_t height)
{
    std::vector<unsigned char> bytes = {'I', 'I', 42, 0, 8, 0, 0, 0};
    const auto put16 = [&](std::uint16_t v) {
        bytes.push_back(v & 0xFF);
        bytes.push_back(v >> 8);
    };
    const auto put32 = [&](std::uint32_t v) {
        for (int k = 0; k < 4; ++k)
            bytes.push_back((v >> (8 * k)) & 0xFF);
    };
    const auto entry = [&](std::uint16_t tag, std::uint16_t type, std::uint32_t value) {
        put16(tag);
        put16(type);
        put32(1);
        if (type == 3) {
            put16(static_cast<std::uint16_t>(value));
            put16(0);
        } else {
            put32(value);
        }
    };
    put16(8);
    entry(256, 4, width);
    entry(257, 4, height);
    entry(258, 3, 16);
    entry(259, 3, 1);
    entry(262, 3, 1);
    entry(273, 4, 8 + 2 + 8 * 12 + 4);
    entry(278, 4, height);
    entry(279, 4, 1024);
    put32(0);
    bytes.resize(bytes.size() + 1024, 7);
    const auto path =
        dir / ("declares_" + std::to_string(width) + "x" + std::to_string(height) + ".tif");
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
    return path;
}

/// A real 32 × 32 × 2 uint16 TIFF (libtiff) with the given ImageDescription.
fs::path tiffWithDescription(const fs::path& path, const std::string& description)
{
    TIFF* tif = TIFFOpen(path.c_str(), "w");
    REQUIRE(tif != nullptr);
    std::vector<std::uint16_t> row(32, 100);
    for (int page = 0; page < 2; ++page) {
        TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, 32);
        TIFFSetField(tif, TIFFTAG_IMAGELENGTH, 32);
        TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 16);
        TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
        TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 32);
        if (page == 0)
            TIFFSetField(tif, TIFFTAG_IMAGEDESCRIPTION, description.c_str());
        for (std::uint32_t y = 0; y < 32; ++y)
            TIFFWriteScanline(tif, row.data(), y, 0);
        TIFFWriteDirectory(tif);
    }
    TIFFClose(tif);
    return path;
}

std::string refusal(const fs::path& path)
{
    try {
        (void)insitu::openMovie(path);
    } catch (const insitu::Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("a 1 KB TIFF declaring 65535 x 65535 px is refused before allocation", "[io][hostile]")
{
    const auto dir = insitu::test::scratchDir("hostile_tiny_tiff");
    for (const std::uint32_t side : {65535u, 30000u, 1000000u}) {
        const auto message = refusal(tinyTiffDeclaring(dir, side, side));
        INFO(message);
        CHECK(message.find("declares_") != std::string::npos); // names the file
    }
}

TEST_CASE("ImageJ images=2e9 and OME SizeT=1e8 in a small TIFF open with what it holds",
          "[io][hostile]")
{
    const auto dir = insitu::test::scratchDir("hostile_declared_frames");
    const auto imagej = tiffWithDescription(dir / "imagej.tif",
                                            "ImageJ=1.53t\nimages=2000000000\nframes=2000000000\n");
    const auto movie = insitu::openMovie(imagej);
    CHECK(movie->frameCount() == 2);
    bool noted = false;
    for (const auto& note : movie->info().notes)
        noted = noted || note.find("announces 2000000000") != std::string::npos;
    CHECK(noted);

    const auto ome = tiffWithDescription(
        dir / "ome.ome.tif",
        R"(<?xml version="1.0"?><OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06">)"
        R"(<Image ID="Image:0"><Pixels ID="Pixels:0" DimensionOrder="XYZCT" Type="uint16" )"
        R"(SizeX="32" SizeY="32" SizeZ="1" SizeC="1" SizeT="100000000"></Pixels></Image></OME>)");
    CHECK_NOTHROW(insitu::openMovie(ome)->frameCount() <= 2);
}

TEST_CASE("Velox metadata nested 200,000 levels deep is ignored with a note, not a crash",
          "[io][hostile]")
{
    const auto path = insitu::test::scratchDir("hostile_velox_deep") / "deep.emd";
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    {
        const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        REQUIRE(file >= 0);
        const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
        H5Pset_create_intermediate_group(lcpl, 1);
        const hid_t group = H5Gcreate2(file, "/Data/Image/abc", lcpl, H5P_DEFAULT, H5P_DEFAULT);
        const hsize_t dims[3] = {32, 32, 2};
        std::vector<std::uint16_t> pixels(32 * 32 * 2, 500);
        const hid_t space = H5Screate_simple(3, dims, nullptr);
        const hid_t data = H5Dcreate2(group, "Data", H5T_NATIVE_UINT16, space, H5P_DEFAULT,
                                      H5P_DEFAULT, H5P_DEFAULT);
        H5Dwrite(data, H5T_NATIVE_UINT16, H5S_ALL, H5S_ALL, H5P_DEFAULT, pixels.data());
        const hsize_t metaDims[2] = {deep.size() + 1, 2};
        std::vector<unsigned char> meta(static_cast<std::size_t>(metaDims[0] * 2), 0);
        for (std::size_t i = 0; i < deep.size(); ++i)
            meta[i * 2] = meta[i * 2 + 1] = static_cast<unsigned char>(deep[i]);
        const hid_t metaSpace = H5Screate_simple(2, metaDims, nullptr);
        const hid_t metadata = H5Dcreate2(group, "Metadata", H5T_NATIVE_UINT8, metaSpace,
                                          H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dwrite(metadata, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, meta.data());
        for (const hid_t id : {metadata, data})
            H5Dclose(id);
        H5Sclose(metaSpace);
        H5Sclose(space);
        H5Gclose(group);
        H5Pclose(lcpl);
        H5Fclose(file);
    }
    const auto movie = insitu::openMovie(path);
    CHECK(movie->frameCount() == 2);
    CHECK_FALSE(movie->calibration().nmPerPixel);
}

TEST_CASE("a FIFO is refused before it is opened (no hang)", "[io][hostile]")
{
    const auto fifo = insitu::test::scratchDir("hostile_fifo") / "movie.tif";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(refusal(fifo).find("not a regular file") != std::string::npos);
    CHECK(refusal("/dev/zero").find("not a regular file") != std::string::npos);
}
