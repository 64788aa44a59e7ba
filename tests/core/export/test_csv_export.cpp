// CSV exports: exact content, '.' decimals under a German-style locale, tidy layout.

#include "core/project/project_fixture.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include "insitu/export/csv_export.h"

#include <clocale>
#include <cmath>
#include <fstream>
#include <iterator>
#include <locale>
#include <sstream>

namespace {

/// German number punctuation (decimal ',' and '.' grouping), available without installed locales.
struct GermanPunct : std::numpunct<char>
{
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
};

/// Sets a German-style global C++ locale (and the C locale when de_DE is installed) for its
/// lifetime, so any locale-dependent formatting would show as ',' decimals or '.' grouping.
class GermanLocale
{
public:
    GermanLocale()
        : m_previous(std::locale::global(std::locale(std::locale::classic(), new GermanPunct)))
    {
        for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "de_DE"})
            if (std::setlocale(LC_ALL, name))
                break;
    }
    ~GermanLocale()
    {
        std::locale::global(m_previous);
        std::setlocale(LC_ALL, "C");
    }
    GermanLocale(const GermanLocale&) = delete;
    GermanLocale& operator=(const GermanLocale&) = delete;

private:
    std::locale m_previous;
};

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> result;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        result.push_back(line);
    return result;
}

} // namespace

TEST_CASE("formatCsvNumber gives the shortest round-trip text with '.' under any locale",
          "[export]")
{
    GermanLocale german;
    std::ostringstream check;
    check << 1234.5;
    INFO("the global locale is active: " << check.str());
    CHECK(insitu::formatCsvNumber(1234.5) == "1234.5");
    CHECK(insitu::formatCsvNumber(0.1) == "0.1");
    CHECK(insitu::formatCsvNumber(-2.5e-12) == "-2.5e-12");
    CHECK(insitu::formatCsvNumber(1e6) == "1000000");
    CHECK(insitu::formatCsvNumber(std::nan("")).empty());
    CHECK(std::stod(insitu::formatCsvNumber(0.1 + 0.2)) == 0.1 + 0.2);
    CHECK(insitu::csvQuote("a,b \"c\"") == "\"a,b \"\"c\"\"\"");
    CHECK(insitu::csvQuote("plain") == "plain");
}

TEST_CASE("fronts CSV: one row per frame per front, time and nm from the calibration", "[export]")
{
    GermanLocale german;
    insitu::FrontResult fronts;
    insitu::FrontTrack a;
    a.index = 0;
    a.frames = {0, 1, 2};
    a.positionsPx = {10.0, 1234.5, 12.25};
    a.confidence = {1.0, 0.5, 0.25};
    a.framePositionsPx = {10.5, std::nan(""), 12.0}; // frame 1's data gave no estimate
    a.frameStdPx = {0.25, std::nan(""), 0.5};
    insitu::FrontTrack b;
    b.index = 1;
    b.frames = {1};
    b.positionsPx = {40.0};
    b.confidence = {0.75};
    fronts.fronts = {a, b};
    insitu::Calibration calibration;
    calibration.nmPerPixel = 0.5;
    calibration.frameIntervalS = 0.25;
    std::ostringstream out;
    out.imbue(std::locale()); // the German-style global locale
    insitu::writeFrontsCsv(out, fronts, calibration);
    CHECK(lines(out.str()) == std::vector<std::string>{
                                  "frame,time_s,front,position_px,position_nm,confidence,"
                                  "frame_position_px,frame_std_px",
                                  "0,0,0,10,5,1,10.5,0.25",
                                  "1,0.25,0,1234.5,617.25,0.5,,",
                                  "1,0.25,1,40,20,0.75,,", // an older result: no own estimates
                                  "2,0.5,0,12.25,6.125,0.25,12,0.5",
                              });

    SECTION("unknown calibration leaves time_s and position_nm empty, never 1 nm/px")
    {
        std::ostringstream raw;
        insitu::writeFrontsCsv(raw, fronts, insitu::Calibration{});
        CHECK(lines(raw.str())[1] == "0,,0,10,,1,10.5,0.25");
    }
}

TEST_CASE("drift CSV has the architecture columns and nm when calibrated", "[export]")
{
    GermanLocale german;
    insitu::DriftResult drift;
    drift.dxPx = {0.0, 1.5, -2.25};
    drift.dyPx = {0.0, 0.5, 1000.5};
    drift.quality = {1.0, 0.8, 0.1};
    drift.interpolated = {false, false, true};
    insitu::Calibration calibration;
    calibration.nmPerPixel = 2.0;
    calibration.timestampsS = {0.0, 0.1, 0.3};
    std::ostringstream out;
    insitu::writeDriftCsv(out, drift, calibration);
    CHECK(lines(out.str()) == std::vector<std::string>{
                                  "frame,time_s,dx_px,dy_px,dx_nm,dy_nm,quality,interpolated",
                                  "0,0,0,0,0,0,1,0",
                                  "1,0.1,1.5,0.5,3,1,0.8,0",
                                  "2,0.3,-2.25,1000.5,-4.5,2001,0.1,1",
                              });
}

TEST_CASE("fit and table CSVs: parameters per row, units in column names", "[export]")
{
    GermanLocale german;
    const auto project = insitu::test::fullProject();
    const auto fits = insitu::collectFits(project);
    REQUIRE(fits.size() == 2);
    CHECK(fits[0].source == "movie 2 roi 4 front 0");
    CHECK(fits[1].source == "thickness vs time");

    std::ostringstream params;
    insitu::writeFitParametersCsv(params, fits);
    const auto rows = lines(params.str());
    REQUIRE(rows.size() == 1 + 6);
    CHECK(rows[0] == "source,front,model,parameter,value,standard_error,ci95_low,ci95_high,"
                     "ci_method,bootstrap_ci95_low,bootstrap_ci95_high,bootstrap_standard_error,"
                     "fixed,at_bound");
    CHECK(rows[1] == "movie 2 roi 4 front 0,0,parabolic,L0_nm,1.25,0.03,1.19,1.31,"
                     "moving-block-bootstrap,1.1,1.4,0.04,0,1");
    CHECK(rows[3] == "movie 2 roi 4 front 0,0,parabolic,t0_s,0,0,0,0,"
                     "moving-block-bootstrap,,0.5,,1,0");
    CHECK(rows[4].rfind("thickness vs time,,parabolic,L0_nm,2.5,", 0) == 0);

    std::ostringstream summary;
    insitu::writeFitSummaryCsv(summary, fits);
    CHECK(lines(summary.str())[1] ==
          "movie 2 roi 4 front 0,parabolic,s,nm,4,2,0.987654321,-12.5,-10.25,0.123456789012345,"
          "0.0123,4.75,0,diffusion-limited: L ∝ √t");

    std::ostringstream table;
    insitu::ResultTable t = project.tables[0];
    t.columns.push_back({"rate", "nm/s", {7.5}});
    t.columns.push_back({"size_um", "µm", {1.0, 2.0}});
    insitu::writeTableCsv(table, t);
    CHECK(lines(table.str()) == std::vector<std::string>{
                                    "time_s,thickness_nm,ratio,rate_nm_per_s,size_um",
                                    "0,1.5,0.1,7.5,1",
                                    "1,2.5,0.2,,2",
                                    "2,3.25,0.3,,",
                                });
}

TEST_CASE("exportProjectCsv writes every result of a project as UTF-8 files", "[export]")
{
    const auto dir = insitu::test::scratchDir("export_csv");
    const auto project = insitu::test::fullProject();
    const auto files = insitu::exportProjectCsv(project, dir / "out");
    std::vector<std::string> names;
    for (const auto& f : files)
        names.push_back(f.filename().string());
    CHECK(names == std::vector<std::string>{"movie2_drift.csv", "movie2_roi4_fronts.csv",
                                            "movie2_markers.csv", "fit_parameters.csv",
                                            "fit_summary.csv", "table_oxide.csv",
                                            "table_empty.csv"});
    std::ifstream in(dir / "out" / "movie2_roi4_fronts.csv");
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto rows = lines(text);
    REQUIRE(rows.size() == 1 + 4);
    // Effective calibration: override 0.125 nm/px, 0.05 s/frame, time zero at frame 2.
    CHECK(rows[1] == "0,-0.1,0,10,1.25,0.9,10.25,0.4");
    CHECK(rows[2] == "1,-0.05,0,11.5,1.4375,0.8,11,0.55");
    CHECK(rows[3] == "2,0,1,40,5,0.5,,");

    std::ifstream markers(dir / "out" / "movie2_markers.csv");
    const std::string markerText{std::istreambuf_iterator<char>(markers),
                                 std::istreambuf_iterator<char>()};
    CHECK(lines(markerText) ==
          std::vector<std::string>{"time_s,label", "0.5,coating cracks", "1.25,beam blanked"});
}
