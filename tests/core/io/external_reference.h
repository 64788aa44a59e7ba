#pragma once
// Shared helpers for the golden reader tests: reference_values.json and the expectations it
// implies for our readers (native dtype, grey for RGB, real part for trivially-real complex).

#include "support/test_paths.h"

#include "insitu/io/movie_reader.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace insitu::test {

/// reference_values.json["files"] (parsed once).
inline const nlohmann::json& referenceFiles()
{
    static const nlohmann::json files = [] {
        std::ifstream in(externalDataDir() / "reference_values.json");
        return nlohmann::json::parse(in).at("files");
    }();
    return files;
}

/// Keys of reference_values.json files whose name ends with one of the extensions.
inline std::vector<std::string> referenceKeysWithExtension(const std::vector<std::string>& exts)
{
    std::vector<std::string> keys;
    for (const auto& [key, value] : referenceFiles().items())
        for (const auto& ext : exts)
            if (key.size() > ext.size() &&
                key.compare(key.size() - ext.size(), ext.size(), ext) == 0)
                keys.push_back(key);
    return keys;
}

/// What our reader must deliver for one HyperSpy signal.
struct ExpectedImage
{
    int frames = 1;
    int width = 0;
    int height = 0;
    std::string dtype;
    double sum = 0;
    std::optional<double> nmPerPixel;
    std::vector<double> firstValues; ///< first pixels of row 0 of frame 0 (when listed)
};

/// nm per unit of a HyperSpy axis unit ("nm", "µm", "um", "pm", "A"); nullopt otherwise.
inline std::optional<double> nmPerUnit(const nlohmann::json& units)
{
    if (!units.is_string())
        return std::nullopt;
    const std::string u = units.get<std::string>();
    if (u == "nm")
        return 1.0;
    if (u == "\xC2\xB5m" || u == "um")
        return 1e3;
    if (u == "pm")
        return 1e-3;
    if (u == "A" || u == "\xC3\x85")
        return 0.1;
    if (u == "m")
        return 1e9;
    return std::nullopt;
}

/// True when the HyperSpy signal is something we must refuse ("not an image series").
inline bool isRefusedSignal(const nlohmann::json& signal)
{
    const std::string cls = signal.at("class");
    if (cls == "EELSSpectrum" || cls == "Signal1D" || cls == "BaseSignal")
        return true;
    return cls == "ComplexSignal2D" && signal.value("sum_imag", 0.0) != 0.0;
}

/// Expected frames/size/dtype/sum/pixel size for a HyperSpy image signal.
inline ExpectedImage expectedFromHyperspy(const nlohmann::json& signal)
{
    ExpectedImage e;
    const auto& shape = signal.at("shape");
    e.height = shape.at(shape.size() - 2);
    e.width = shape.at(shape.size() - 1);
    e.frames = shape.size() >= 3 ? shape.at(0).get<int>() : 1;
    std::string dtype = signal.at("dtype");
    const bool rgba = dtype.find("('R'") != std::string::npos;
    if (rgba)
        dtype = "uint8";
    else if (dtype == "complex64")
        dtype = "float32";
    else if (dtype == "complex128")
        dtype = "float64";
    else if (dtype == "bool")
        dtype = "uint8";
    e.dtype = dtype;
    e.sum = signal.contains("sum") ? signal.at("sum").get<double>()
                                   : signal.at("sum_real").get<double>();
    if (rgba) // R = G = B = value and A = 0 in these files: grey = value = sum / 3
        e.sum /= 3.0;
    if (signal.contains("first_values") && e.width >= 4)
        e.firstValues = signal.at("first_values").get<std::vector<double>>();
    const auto& x = signal.at("axes_hyperspy_order").back();
    if (const auto f = nmPerUnit(x.at("units")))
        e.nmPerPixel = x.at("scale").get<double>() * *f;
    return e;
}

/// The first n pixels of row 0 of frame 0 as doubles.
inline std::vector<double> firstRowValues(MovieReader& reader, std::size_t n)
{
    cv::Mat row;
    reader.readFrame(0).toFloat64().row(0).copyTo(row);
    std::vector<double> values;
    for (int x = 0; x < row.cols && values.size() < n; ++x)
        values.push_back(row.at<double>(0, x));
    return values;
}

/// Sum of all pixels of all frames, read through the reader.
inline double movieSum(MovieReader& reader)
{
    double total = 0;
    for (int k = 0; k < reader.info().frameCount; ++k)
        total += reader.readFrame(k).sum();
    return total;
}

} // namespace insitu::test
