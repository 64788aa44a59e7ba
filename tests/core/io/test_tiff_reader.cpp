#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/io/movie.h"
#include "insitu/io/tiff_reader.h"
#include "insitu/io/tiff_writer.h"
#include "support/test_paths.h"

#include <tiffio.h>

#include <cstring>
#include <fstream>

using namespace insitu;
using Catch::Matchers::Contains;

namespace {

/// HyperSpy entry `index` of a file in shared/data/external/reference_values.json.
nlohmann::json reference(const std::string& relativePath, int index = 0)
{
    static const nlohmann::json all = [] {
        std::ifstream in(test::externalDataDir() / "reference_values.json");
        return nlohmann::json::parse(in);
    }();
    return all.at("files").at(relativePath).at("hyperspy_1_7_3").at(index);
}

double movieSum(MovieReader& reader)
{
    double sum = 0;
    for (int k = 0; k < reader.info().frameCount; ++k)
        sum += reader.readFrame(k).sum();
    return sum;
}

/// Checks frames, size, dtype and pixel sum against the reference when the frames are the whole
/// array.
void checkAgainstReference(const std::string& relativePath)
{
    INFO(relativePath);
    const auto ref = reference(relativePath);
    auto reader = openMovieReader(test::externalDataDir() / relativePath);
    const auto& info = reader->info();
    const auto& shape = ref.at("shape");
    const int frames = shape.size() == 3 ? shape[0].get<int>() : 1;
    CHECK(info.frameCount == frames);
    CHECK(info.height == shape[shape.size() - 2].get<int>());
    CHECK(info.width == shape[shape.size() - 1].get<int>());
    CHECK(numpyName(info.pixelType) == ref.at("dtype").get<std::string>());
    CHECK(movieSum(*reader) == Approx(ref.at("sum").get<double>()).epsilon(1e-9));
}

/// Writes a classic little-endian TIFF with one IFD and `planes` planes stored back to back
/// (the ImageJ layout for stacks > 4 GB), uint16, pixel value = plane * 1000 + x.
void writeImageJContiguous(const std::filesystem::path& path, int width, int height,
                           const std::string& description, int planesStored)
{
    std::vector<unsigned char> out;
    const auto put16 = [&](unsigned v) {
        out.push_back(v & 0xFF);
        out.push_back((v >> 8) & 0xFF);
    };
    const auto put32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            out.push_back((v >> (8 * i)) & 0xFF);
    };
    const std::string desc = description + '\0';
    const std::uint32_t entries = 9;
    const std::uint32_t ifdSize = 2 + entries * 12 + 4;
    const std::uint32_t descAt = 8 + ifdSize;
    const std::uint32_t dataAt = descAt + static_cast<std::uint32_t>(desc.size());
    // Wraps for absurd sizes, as a 32-bit StripByteCounts field would (unsigned: well defined).
    const auto planeBytes =
        static_cast<std::uint32_t>(static_cast<std::uint64_t>(width) * height * 2);
    out.insert(out.end(), {'I', 'I', 42, 0});
    put32(8);
    put16(entries);
    const auto entry = [&](unsigned tag, unsigned type, std::uint32_t count, std::uint32_t value) {
        put16(tag);
        put16(type);
        put32(count);
        put32(value);
    };
    entry(256, 4, 1, static_cast<std::uint32_t>(width));
    entry(257, 4, 1, static_cast<std::uint32_t>(height));
    entry(258, 3, 1, 16);
    entry(259, 3, 1, 1);
    entry(262, 3, 1, 1);
    entry(270, 2, static_cast<std::uint32_t>(desc.size()), descAt);
    entry(273, 4, 1, dataAt);
    entry(278, 4, 1, static_cast<std::uint32_t>(height));
    entry(279, 4, 1, planeBytes);
    put32(0);
    out.insert(out.end(), desc.begin(), desc.end());
    for (int p = 0; p < planesStored; ++p)
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x)
                put16(static_cast<unsigned>(p * 1000 + x));
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
}

/// Writes pages with libtiff: the given compression, tiled or stripped, 8-bit grey or RGB.
void writeWithLibtiff(const std::filesystem::path& path, const std::vector<cv::Mat>& pages,
                      std::uint16_t compression, bool tiled, const std::string& description = {})
{
    TIFF* tif = TIFFOpen(path.c_str(), "w");
    REQUIRE(tif);
    for (const auto& page : pages) {
        const int channels = page.channels();
        TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(page.cols));
        TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(page.rows));
        TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, static_cast<std::uint16_t>(page.elemSize1() * 8));
        TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, static_cast<std::uint16_t>(channels));
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC,
                     channels == 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
        TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
        TIFFSetField(tif, TIFFTAG_COMPRESSION, compression);
        if (!description.empty())
            TIFFSetField(tif, TIFFTAG_IMAGEDESCRIPTION, description.c_str());
        if (tiled) {
            TIFFSetField(tif, TIFFTAG_TILEWIDTH, 16u);
            TIFFSetField(tif, TIFFTAG_TILELENGTH, 16u);
            const std::size_t pixel = page.elemSize();
            std::vector<unsigned char> tile(16 * 16 * pixel);
            for (int y = 0; y < page.rows; y += 16)
                for (int x = 0; x < page.cols; x += 16) {
                    std::fill(tile.begin(), tile.end(), 0);
                    for (int r = 0; r < 16 && y + r < page.rows; ++r)
                        std::memcpy(tile.data() + r * 16 * pixel, page.ptr(y + r) + x * pixel,
                                    std::min(16, page.cols - x) * pixel);
                    TIFFWriteTile(tif, tile.data(), static_cast<std::uint32_t>(x),
                                  static_cast<std::uint32_t>(y), 0, 0);
                }
        } else {
            TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 5u);
            for (int y = 0; y < page.rows; ++y)
                TIFFWriteScanline(tif, const_cast<unsigned char*>(page.ptr(y)),
                                  static_cast<std::uint32_t>(y), 0);
        }
        TIFFWriteDirectory(tif);
    }
    TIFFClose(tif);
}

cv::Mat ramp(int rows, int cols, int depth, int offset)
{
    cv::Mat m(rows, cols, CV_MAKETYPE(depth, 1));
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x) {
            const int v = (offset + 3 * x + 7 * y) % 250;
            if (depth == CV_8U)
                m.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(v);
            else
                m.at<std::uint16_t>(y, x) = static_cast<std::uint16_t>(v * 100);
        }
    return m;
}

} // namespace

TEST_CASE("TIFF: every reference TIFF opens with the expected frames, size, dtype and sums",
          "[tiff]")
{
    for (const char* file :
         {"rosettasciio/tiff/test_loading_image_saved_with_DM.tif",
          "rosettasciio/tiff/test_loading_image_saved_with_DM_stack.tif",
          "rosettasciio/tiff/test_loading_image_saved_with_imageJ.tif",
          "rosettasciio/tiff/test_loading_image_saved_with_imageJ_no_scale.tif",
          "rosettasciio/tiff/test_loading_image_saved_with_imageJ_stack.tif",
          "rosettasciio/tiff/test_loading_image_saved_with_imageJ_stack_no_scale.tif",
          "ome-model/18x24y1z5t1c8b-text.ome.tiff", "ome-model/6x4y1z1t3c8b-swatch.ome.tiff"})
        checkAgainstReference(file);
}

TEST_CASE("TIFF: calibration of ImageJ (big-endian, 'micron') and DM-exported files", "[tiff]")
{
    const auto dir = test::externalDataDir() / "rosettasciio/tiff";
    // Reference: HyperSpy width scale in µm (ImageJ XResolution 5928571/1000000 px per micron).
    const double refUm = reference("rosettasciio/tiff/test_loading_image_saved_with_imageJ.tif")
                             .at("axes_hyperspy_order")[1]
                             .at("scale")
                             .get<double>();
    for (const char* name : {"test_loading_image_saved_with_imageJ.tif",
                             "test_loading_image_saved_with_imageJ_stack.tif"}) {
        auto reader = openMovieReader(dir / name);
        REQUIRE(reader->info().calibration.nmPerPixel);
        CHECK(*reader->info().calibration.nmPerPixel == Approx(refUm * 1000).epsilon(1e-6));
        CHECK(reader->info().format == "TIFF (ImageJ)");
        CHECK_FALSE(reader->info().calibration.frameIntervalS); // z spacing is not time
    }
    for (const char* name : {"test_loading_image_saved_with_imageJ_no_scale.tif",
                             "test_loading_image_saved_with_imageJ_stack_no_scale.tif"})
        CHECK_FALSE(openMovieReader(dir / name)->info().calibration.nmPerPixel);

    auto dm = openMovieReader(dir / "test_loading_image_saved_with_DM.tif");
    REQUIRE(dm->info().calibration.nmPerPixel);
    CHECK(*dm->info().calibration.nmPerPixel == Approx(168.67469).epsilon(1e-6)); // 72 dpi ignored

    const auto stackRef = reference("rosettasciio/tiff/test_loading_image_saved_with_DM_stack.tif");
    auto stack = openMovieReader(dir / "test_loading_image_saved_with_DM_stack.tif");
    const auto& cal = stack->info().calibration;
    REQUIRE(cal.frameIntervalS);
    CHECK(*cal.frameIntervalS ==
          Approx(stackRef.at("axes_hyperspy_order")[0].at("scale").get<double>()));
    REQUIRE(cal.nmPerPixel);
    CHECK(*cal.nmPerPixel ==
          Approx(stackRef.at("axes_hyperspy_order")[2].at("scale").get<double>() * 1000)
              .epsilon(1e-9));
    CHECK(stack->info().notes.size() == 1); // non-square pixels are reported
}

TEST_CASE("TIFF: OME-TIFF hyperstack frames are the time points of slice 0, channel 0", "[tiff]")
{
    auto reader =
        openMovieReader(test::externalDataDir() / "ome-model/18x24y5z5t2c8b-text.ome.tiff");
    REQUIRE(reader->info().frameCount == 5);
    CHECK(reader->info().format == "OME-TIFF");
    // Page sums of IFDs 0, 10, 20, 30, 40 (plane = t·Z·C in XYZCT), measured with an independent
    // Python parse; they equal the 5 frames of 18x24y1z5t1c8b-text.ome.tiff (README §6).
    const double expected[] = {94605, 16575, 93330, 17595, 92820};
    for (int t = 0; t < 5; ++t)
        CHECK(reader->readFrame(t).sum() == expected[t]);
    auto series =
        openMovieReader(test::externalDataDir() / "ome-model/18x24y1z5t1c8b-text.ome.tiff");
    for (int t = 0; t < 5; ++t)
        CHECK(series->readFrame(t).sum() == expected[t]);
}

TEST_CASE("TIFF: ImageJ stack with finterval, written by TiffStackWriter, also as BigTIFF",
          "[tiff]")
{
    const auto dir = test::scratchDir("tiff_reader_imagej");
    std::vector<cv::Mat> frames;
    for (int k = 0; k < 4; ++k)
        frames.push_back(ramp(20, 30, CV_16U, k * 11));
    for (const bool big : {false, true}) {
        TiffStackOptions options;
        options.width = 30;
        options.height = 20;
        options.frameCount = 4;
        options.nmPerPixel = 0.25;
        options.frameIntervalS = 0.04;
        if (big)
            options.bigTiffThresholdBytes = 100;
        const auto path = dir / (big ? "stack.btf.tif" : "stack.tif");
        writeTiffStack(path, frames, options);
        auto reader = openMovieReader(path);
        const auto& info = reader->info();
        CHECK(info.format == (big ? "BigTIFF (ImageJ)" : "TIFF (ImageJ)"));
        CHECK(info.frameCount == 4);
        CHECK(info.pixelType == PixelType::UInt16);
        REQUIRE(info.calibration.nmPerPixel);
        CHECK(*info.calibration.nmPerPixel == Approx(0.25).epsilon(1e-6));
        REQUIRE(info.calibration.frameIntervalS);
        CHECK(*info.calibration.frameIntervalS == Approx(0.04));
        for (int k : {3, 0, 2, 1}) // random order
            CHECK(cv::norm(reader->readFrame(k).mat(), frames[static_cast<std::size_t>(k)],
                           cv::NORM_INF) == 0);
    }
}

TEST_CASE("TIFF: ImageJ description parsing (units, tunit, fps, hyperstack)", "[tiff]")
{
    const auto d = parseImageJDescription(
        "ImageJ=1.53t\nimages=12\nchannels=2\nslices=2\nframes=3\nhyperstack=true\n"
        "unit=\\u00B5m\nfinterval=250\ntunit=ms\nloop=false\n");
    REQUIRE(d);
    CHECK(d->images == 12);
    CHECK(d->channels == 2);
    CHECK(d->slices == 2);
    CHECK(d->frames == 3);
    CHECK(d->unit == "\\u00B5m");
    CHECK(*d->frameInterval == 250);
    CHECK(d->timeUnit == "ms");
    CHECK_FALSE(parseImageJDescription("not imagej"));
}

TEST_CASE("TIFF: ImageJ hyperstack picks time points; tunit and \\u00B5m are honoured", "[tiff]")
{
    // 2 channels × 2 slices × 3 frames = 12 planes in one contiguous block (TZC order).
    const auto dir = test::scratchDir("tiff_reader_hyperstack");
    const auto path = dir / "hyper.tif";
    writeImageJContiguous(
        path, 8, 4,
        "ImageJ=1.53t\nimages=12\nchannels=2\nslices=2\nframes=3\nhyperstack=true\n"
        "unit=\\u00B5m\nfinterval=250\ntunit=ms\n",
        12);
    auto reader = openMovieReader(path);
    const auto& info = reader->info();
    REQUIRE(info.frameCount == 3);
    CHECK(*info.calibration.frameIntervalS == Approx(0.25));
    CHECK_FALSE(info.calibration.nmPerPixel); // no XResolution written
    for (int t = 0; t < 3; ++t)               // plane of (t, z=0, c=0) = 4t
        CHECK(reader->readFrame(t).mat().at<std::uint16_t>(1, 2) == 4 * t * 1000 + 2);
}

TEST_CASE("TIFF: ImageJ >4 GB layout (one IFD, planes contiguous) and its truncation", "[tiff]")
{
    const auto dir = test::scratchDir("tiff_reader_contiguous");
    writeImageJContiguous(dir / "big.tif", 16, 8, "ImageJ=1.52\nimages=5\nframes=5\nfps=10\n", 5);
    auto reader = openMovieReader(dir / "big.tif");
    REQUIRE(reader->info().frameCount == 5);
    CHECK(*reader->info().calibration.frameIntervalS == Approx(0.1));
    CHECK(reader->readFrame(4).mat().at<std::uint16_t>(7, 15) == 4015);
    CHECK(reader->readFrame(1).mat().at<std::uint16_t>(0, 0) == 1000);

    // A cut file opens with its intact frames and a note naming the first missing one.
    writeImageJContiguous(dir / "cut.tif", 16, 8, "ImageJ=1.52\nimages=5\nframes=5\n", 3);
    auto cut = openMovieReader(dir / "cut.tif");
    REQUIRE(cut->info().frameCount == 3);
    CHECK(cut->readFrame(2).mat().at<std::uint16_t>(7, 15) == 2015);
    REQUIRE_FALSE(cut->info().notes.empty());
    CHECK_THAT(cut->info().notes.back(),
               Contains("truncated") && Contains("frame 3 ") && Contains("announces 5"));
    writeImageJContiguous(dir / "empty.tif", 16, 8, "ImageJ=1.52\nimages=5\nframes=5\n", 0);
    CHECK_THROWS_WITH(openMovieReader(dir / "empty.tif"),
                      Contains("empty.tif") && Contains("truncated"));
}

TEST_CASE("TIFF: compressed, tiled and RGB pages go through libtiff", "[tiff]")
{
    const auto dir = test::scratchDir("tiff_reader_codecs");
    std::vector<cv::Mat> pages = {ramp(37, 45, CV_8U, 1), ramp(37, 45, CV_8U, 2)};
    for (const auto& [compression, tiled] :
         std::vector<std::pair<std::uint16_t, bool>>{{COMPRESSION_LZW, false},
                                                     {COMPRESSION_ADOBE_DEFLATE, true},
                                                     {COMPRESSION_NONE, true}}) {
        const auto path = dir / ("c" + std::to_string(compression) + (tiled ? "t" : "s") + ".tif");
        writeWithLibtiff(path, pages, compression, tiled);
        auto reader = openMovieReader(path);
        REQUIRE(reader->info().frameCount == 2);
        for (int k = 0; k < 2; ++k)
            CHECK(cv::norm(reader->readFrame(k).mat(), pages[static_cast<std::size_t>(k)],
                           cv::NORM_INF) == 0);
    }
    // RGB with R = G = B: grey equals the channel value, and a note says so.
    cv::Mat rgb;
    cv::merge(std::vector<cv::Mat>{pages[0], pages[0], pages[0]}, rgb);
    writeWithLibtiff(dir / "rgb.tif", {rgb}, COMPRESSION_NONE, false);
    auto reader = openMovieReader(dir / "rgb.tif");
    CHECK(reader->info().pixelType == PixelType::UInt8);
    CHECK_THAT(reader->info().notes.at(0), Contains("RGB converted to grey"));
    CHECK(cv::norm(reader->readFrame(0).mat(), pages[0], cv::NORM_INF) <= 1);
}

TEST_CASE("TIFF: OME-XML with physical size, time increment and per-plane DeltaT", "[tiff]")
{
    const std::string xml =
        R"(<?xml version="1.0"?><OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06">)"
        R"(<Image ID="Image:0"><Pixels ID="Pixels:0" DimensionOrder="XYCZT" Type="uint8" SizeX="45" )"
        R"(SizeY="37" SizeZ="1" SizeC="1" SizeT="2" PhysicalSizeX="0.5" PhysicalSizeXUnit="nm" )"
        R"(TimeIncrement="100" TimeIncrementUnit="ms"><TiffData/>)"
        R"(<Plane TheZ="0" TheC="0" TheT="0" DeltaT="10.5"/><Plane TheZ="0" TheC="0" TheT="1" DeltaT="10.62"/>)"
        R"(</Pixels></Image></OME>)";
    const auto dir = test::scratchDir("tiff_reader_ome");
    std::vector<cv::Mat> pages = {ramp(37, 45, CV_8U, 1), ramp(37, 45, CV_8U, 2)};
    writeWithLibtiff(dir / "t.ome.tif", pages, COMPRESSION_NONE, false, xml);
    auto reader = openMovieReader(dir / "t.ome.tif");
    const auto& cal = reader->info().calibration;
    CHECK(reader->info().format == "OME-TIFF");
    CHECK(*cal.nmPerPixel == Approx(0.5));
    CHECK(*cal.frameIntervalS == Approx(0.1));
    REQUIRE(cal.timestampsS.size() == 2);
    CHECK(cal.timestampsS[1] == Approx(0.12));
    CHECK(cv::norm(reader->readFrame(1).mat(), pages[1], cv::NORM_INF) == 0);
}

TEST_CASE("TIFF: bad files give one clear error naming the file", "[tiff]")
{
    const auto dir = test::scratchDir("tiff_reader_bad");
    const auto good =
        test::externalDataDir() / "rosettasciio/tiff/test_loading_image_saved_with_DM.tif";
    std::ifstream in(good, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

    std::ofstream(dir / "empty.tif").close();
    CHECK_THROWS_WITH(openMovieReader(dir / "empty.tif"), Contains("empty.tif"));

    // Truncated inside the pixel data (the IFD is at the end of this file, so cut the tail):
    // the header points beyond the end -> a clear error, never a crash.
    std::ofstream(dir / "cut.tif", std::ios::binary).write(bytes.data(), 2000);
    CHECK_THROWS_AS(openMovieReader(dir / "cut.tif"), Error);

    // Byte-flipped header and garbage with a TIFF extension.
    std::string flipped = bytes;
    for (std::size_t i = 4; i < 8; ++i)
        flipped[i] = static_cast<char>(~flipped[i]);
    std::ofstream(dir / "flipped.tif", std::ios::binary)
        .write(flipped.data(), static_cast<std::streamsize>(flipped.size()));
    CHECK_THROWS_WITH(openMovieReader(dir / "flipped.tif"), Contains("flipped.tif"));
    std::ofstream(dir / "garbage.tif", std::ios::binary) << "this is not an image at all";
    CHECK_THROWS_WITH(openMovieReader(dir / "garbage.tif"), Contains("garbage.tif"));

    // Absurd dimensions in an otherwise valid single-IFD file.
    writeImageJContiguous(dir / "absurd.tif", 900000, 900000, "ImageJ=1.52\nimages=1\n", 0);
    CHECK_THROWS_WITH(openMovieReader(dir / "absurd.tif"), Contains("absurd.tif"));

    // A mutation loop: flipped bytes anywhere in the header/IFD region never crash.
    std::uint32_t ifdAt = 0;
    std::memcpy(&ifdAt, bytes.data() + 4, 4); // little-endian file on a little-endian machine
    std::vector<std::size_t> positions;
    for (std::size_t pos = 0; pos < 16; ++pos)
        positions.push_back(pos);
    for (std::size_t pos = ifdAt; pos < ifdAt + 500 && pos < bytes.size(); pos += 2)
        positions.push_back(pos);
    for (const std::size_t pos : positions) {
        std::string mutated = bytes;
        mutated[pos] = static_cast<char>(mutated[pos] ^ 0x5A);
        const auto path = dir / "mutated.tif";
        std::ofstream(path, std::ios::binary)
            .write(mutated.data(), static_cast<std::streamsize>(mutated.size()));
        try {
            auto reader = openMovieReader(path);
            for (int k = 0; k < reader->info().frameCount; ++k)
                (void)reader->readFrame(k);
        } catch (const Error&) {
            // expected for many mutations
        }
    }
}
