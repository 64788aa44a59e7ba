// FFT writers: profile CSV, float TIFF through TiffStackWriter, uint8 mask TIFF through libtiff.

#include "insitu/export/fft_export.h"

#include "insitu/error.h"
#include "insitu/io/tiff_writer.h"

#include <tiffio.h>

#include <cmath>
#include <fstream>
#include <iomanip>

namespace insitu {

void writeFftProfileCsv(std::ostream& out, const RadialProfile& profile,
                        std::optional<double> nmPerPixel)
{
    out << "k_per_px,k_per_nm,d_nm,power,background,count\n" << std::setprecision(9);
    for (std::size_t i = static_cast<std::size_t>(profile.firstBin); i < profile.kPerPx.size();
         ++i) {
        if (profile.count[i] == 0)
            continue;
        const double k = profile.kPerPx[i];
        out << k << ',';
        if (nmPerPixel)
            out << k / *nmPerPixel << ',' << *nmPerPixel / k;
        else
            out << ',';
        out << ',' << profile.power[i] << ',';
        if (std::isfinite(profile.background[i]))
            out << profile.background[i];
        out << ',' << profile.count[i] << '\n';
    }
}

void saveFftProfileCsv(const std::filesystem::path& path, const RadialProfile& profile,
                       std::optional<double> nmPerPixel)
{
    const std::filesystem::path temporary = path.string() + ".part";
    {
        std::ofstream out(temporary);
        if (!out)
            throw Error(path.string() + ": cannot write the profile CSV");
        writeFftProfileCsv(out, profile, nmPerPixel);
        if (!out)
            throw Error(path.string() + ": writing the profile CSV failed");
    }
    std::filesystem::rename(temporary, path);
}

void writeFloatTiff(const cv::Mat& image, const std::filesystem::path& path,
                    std::optional<double> nmPerPixel)
{
    TiffStackOptions options;
    options.width = image.cols;
    options.height = image.rows;
    options.frameCount = 1;
    options.pixelType = PixelType::Float32;
    options.nmPerPixel = nmPerPixel;
    TiffStackWriter writer(path, options);
    cv::Mat f;
    image.convertTo(f, CV_32F);
    writer.appendFrame(f);
    writer.finish();
}

void writeMaskTiff(const cv::Mat& mask, const std::filesystem::path& path,
                   std::optional<double> nmPerPixel)
{
    if (mask.empty() || mask.type() != CV_8U)
        throw Error(path.string() + ": the mask to write is empty or not uint8");
    const std::string temporary = path.string() + ".part";
    TIFF* tiff = TIFFOpen(temporary.c_str(), "w");
    if (!tiff)
        throw Error(path.string() + ": cannot write the mask TIFF");
    TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(mask.cols));
    TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(mask.rows));
    TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, 8);
    TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tiff, TIFFTAG_COMPRESSION, COMPRESSION_DEFLATE);
    TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, static_cast<std::uint32_t>(mask.rows));
    if (nmPerPixel) {
        // ImageJ's convention: resolution in pixels per unit, unit in the description.
        TIFFSetField(tiff, TIFFTAG_XRESOLUTION, static_cast<float>(1.0 / *nmPerPixel));
        TIFFSetField(tiff, TIFFTAG_YRESOLUTION, static_cast<float>(1.0 / *nmPerPixel));
        TIFFSetField(tiff, TIFFTAG_RESOLUTIONUNIT, RESUNIT_NONE);
        TIFFSetField(tiff, TIFFTAG_IMAGEDESCRIPTION, "ImageJ=1.11a\nunit=nm\n");
    }
    bool ok = true;
    for (int r = 0; r < mask.rows && ok; ++r)
        ok = TIFFWriteScanline(tiff, const_cast<std::uint8_t*>(mask.ptr<std::uint8_t>(r)),
                               static_cast<std::uint32_t>(r), 0) == 1;
    TIFFClose(tiff);
    if (!ok) {
        std::filesystem::remove(temporary);
        throw Error(path.string() + ": writing the mask TIFF failed");
    }
    std::filesystem::rename(temporary, path);
}

} // namespace insitu
