// Bad logs: truncations and a deterministic mutation loop over the real files, plus synthetic
// decimal-comma and generic CSV logs. Every outcome is a consistent EcLog or an insitu::Error
// naming the file: never a crash or another exception.
#include "support/test_paths.h"

#include "insitu/ec/ec_log.h"
#include "insitu/error.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <random>

using namespace insitu;

namespace {

std::string readAll(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeAll(const std::filesystem::path& path, const std::string& bytes)
{
    std::error_code ec;
    std::filesystem::remove(path, ec);
    std::ofstream(path, std::ios::binary) << bytes;
}

/// "" for a clean outcome, else what went wrong.
std::string outcome(const std::filesystem::path& path)
{
    try {
        const auto log = readEcLog(path);
        if (log.timeS.empty())
            return "a log without rows";
        for (const auto& c : log.channels)
            if (c.values.size() != log.timeS.size())
                return "channel " + c.name + " has " + std::to_string(c.values.size()) +
                       " values for " + std::to_string(log.timeS.size()) + " rows";
        return "";
    } catch (const Error& e) {
        return std::string(e.what()).find(path.string()) == std::string::npos
                   ? std::string("error without the file name: ") + e.what()
                   : "";
    } catch (const std::exception& e) {
        return std::string("unexpected exception: ") + e.what();
    }
}

} // namespace

TEST_CASE("log readers: truncations and mutations of the real logs never crash", "[ec]")
{
    const auto dir = test::externalDataDir() / "ec-logs";
    if (!std::filesystem::exists(dir)) {
        WARN("skipped: " << dir.string() << " is absent");
        return;
    }
    const auto scratch = test::scratchDir("ec_fuzz");
    std::mt19937_64 rng(19);
    for (const char* name :
         {"biologic/Pt_poly_cv_CUT.mpt", "gamry/chronoa_data.dta",
          "protochips/protochips_electrical.csv", "impulse/StubExperiment_Synchronized data.csv"}) {
        const auto original = readAll(dir / name);
        const auto target = scratch / std::filesystem::path(name).filename();
        for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{20},
                                original.size() / 3, original.size() / 2, original.size() - 1}) {
            writeAll(target, original.substr(0, cut));
            INFO(name << " cut at " << cut);
            CHECK(outcome(target).empty());
        }
        std::uniform_int_distribution<std::size_t> position(0, original.size() - 1);
        std::uniform_int_distribution<int> byte(0, 255);
        const std::string specials = "\t,;\n\r.-+eE:=/ 0\xb2";
        for (int iteration = 0; iteration < 150; ++iteration) {
            auto bytes = original;
            for (int m = 0; m < 1 + iteration % 8; ++m) {
                const auto at = position(rng);
                if (m % 3 == 0)
                    bytes[at] = static_cast<char>(byte(rng));
                else if (m % 3 == 1)
                    bytes[at] = specials[static_cast<std::size_t>(byte(rng)) % specials.size()];
                else
                    bytes.erase(at, std::min<std::size_t>(40, bytes.size() - at));
            }
            writeAll(target, bytes);
            const auto problem = outcome(target);
            INFO(name << " mutation " << iteration << ": " << problem);
            CHECK(problem.empty());
        }
    }
}

TEST_CASE("generic CSV: semicolons with decimal commas, units from the header, ms time", "[ec]")
{
    const auto path = test::scratchDir("ec_csv") / "log.csv";
    writeAll(path, "time (ms);Ewe [mV];I/mA;note\n0;100,5;1,0;a\n250;200,5;2,0;b\n"
                   "600;300,5;-1,5;c\n");
    const auto log = readEcLog(path);
    CHECK(log.format == EcFormat::Csv);
    CHECK_FALSE(log.startTime);
    REQUIRE(log.timeS.size() == 3);
    CHECK(log.timeS[1] == Approx(0.25));
    CHECK(log.irregularSteps());
    REQUIRE(log.potential());
    CHECK(log.potential()->values[2] == Approx(0.3005));
    REQUIRE(log.current());
    CHECK(log.current()->values[2] == Approx(-1.5e-3));
    CHECK(log.channel("note") == nullptr);

    writeAll(path, "a,b\nx,y\n");
    CHECK_THROWS_WITH(readEcLog(path), Catch::Contains("log.csv") && Catch::Contains("time"));
    CHECK_THROWS_WITH(readEcLog(path, EcFormat::Gamry), Catch::Contains("not a Gamry"));
    CHECK_THROWS_WITH(readEcLog(path.parent_path() / "absent.mpt"),
                      Catch::Contains("absent.mpt") && Catch::Contains("cannot open"));
}

TEST_CASE("BioLogic: a synthetic export keeps irregular steps and refuses a short header", "[ec]")
{
    const auto path = test::scratchDir("ec_mpt") / "cv.mpt";
    std::string text = "EC-Lab ASCII FILE\nNb header lines : 5\n\nAcquisition started on : "
                       "12/31/2023 23:59:59,500\n";
    text += "time/s\tEwe/V\t<I>/mA\n";
    text += "0,0\t0,1\t1,0\n0,5\t0,2\t2,0\n1,7\t0,3\t3,0\n";
    writeAll(path, text);
    const auto log = readEcLog(path);
    // "23:59:59,500": the fraction with the locale's decimal comma.
    REQUIRE(log.startTime);
    CHECK(log.startTime->iso() == "2023-12-31T23:59:59.500");
    CHECK(log.timeS == std::vector<double>{0.0, 0.5, 1.7});
    CHECK(log.irregularSteps());
    CHECK(log.current()->values[2] == Approx(3e-3));
    writeAll(path, "EC-Lab ASCII FILE\nNb header lines : 90\n\nsomething\n");
    CHECK_THROWS_WITH(readEcLog(path), Catch::Contains("cv.mpt") && Catch::Contains("truncated"));
}

TEST_CASE("a folder given as a log is refused naming it (was an out-of-memory crash)", "[ec]")
{
    const auto dir = test::scratchDir("ec_folder_log");
    CHECK_THROWS_WITH(readEcLog(dir), Catch::Contains(dir.string()) && Catch::Contains("folder"));
    CHECK_THROWS_WITH(readEcLog(dir, EcFormat::BioLogic), Catch::Contains("folder"));
}
