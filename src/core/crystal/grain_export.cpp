// The grains CSV and the uint32 label TIFF.

#include "insitu/crystal/grain_export.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"

#include <tiffio.h>

#include <ostream>

namespace insitu {

namespace {

std::string optionalNumber(const std::optional<double>& value)
{
    return value ? formatCsvNumber(*value) : std::string();
}

} // namespace

void writeGrainsCsv(std::ostream& out, const std::vector<Grain>& grains)
{
    out << "id,area_px,area_nm2,ecd_px,ecd_nm,aspect_ratio,x_px,y_px,border\n";
    for (const Grain& g : grains)
        out << g.id << ',' << formatCsvNumber(g.areaPx) << ',' << optionalNumber(g.areaNm2) << ','
            << formatCsvNumber(g.ecdPx) << ',' << optionalNumber(g.ecdNm) << ','
            << formatCsvNumber(g.aspectRatio) << ',' << formatCsvNumber(g.xPx) << ','
            << formatCsvNumber(g.yPx) << ',' << (g.border ? 1 : 0) << '\n';
}

void saveGrainsCsv(const std::filesystem::path& path, const std::vector<Grain>& grains)
{
    writeTextFile(path, [&](std::ostream& out) { writeGrainsCsv(out, grains); });
}

void writeLabelsTiff(const std::filesystem::path& path, const cv::Mat& labels)
{
    const std::string name = path.string();
    if (labels.empty() || labels.type() != CV_32S)
        throw Error(name + ": labels must be a non-empty 32-bit label image");
    TIFF* tiff = TIFFOpen(name.c_str(), "wl");
    if (!tiff)
        throw Error(name + ": cannot create the file (is the folder writable?)");
    TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(labels.cols));
    TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(labels.rows));
    TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, 32);
    TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tiff, TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_UINT);
    TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tiff, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
    TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, static_cast<uint32_t>(labels.rows));
    bool ok = true;
    for (int y = 0; y < labels.rows && ok; ++y) {
        cv::Mat row = labels.row(y).clone(); // int32 ≥ 0 has the uint32 bit pattern
        ok = TIFFWriteScanline(tiff, row.ptr(), static_cast<uint32_t>(y), 0) >= 0;
    }
    TIFFClose(tiff);
    if (!ok)
        throw Error(name + ": writing the label image failed (disk full?)");
}

} // namespace insitu
