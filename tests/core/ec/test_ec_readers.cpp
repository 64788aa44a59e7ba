// The log readers on the real vendor files in ../shared/data/external/ec-logs (see its README).
#include "support/test_paths.h"

#include "insitu/ec/ec_log.h"
#include "insitu/error.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace insitu;

namespace {

std::filesystem::path ecLogs()
{
    return test::externalDataDir() / "ec-logs";
}

bool haveLogs()
{
    if (std::filesystem::exists(ecLogs()))
        return true;
    WARN("skipped: " << ecLogs().string() << " is absent");
    return false;
}

const EcChannel& channel(const EcLog& log, std::string_view name)
{
    const auto* c = log.channel(name);
    INFO("channel " << name);
    REQUIRE(c != nullptr);
    REQUIRE(c->values.size() == log.timeS.size());
    return *c;
}

} // namespace

TEST_CASE("BioLogic .mpt: acquisition clock, 223 rows, decimal commas converted to SI", "[ec]")
{
    if (!haveLogs())
        return;
    const auto log = readEcLog(ecLogs() / "biologic/Pt_poly_cv_CUT.mpt");
    CHECK(log.format == EcFormat::BioLogic);
    REQUIRE(log.startTime);
    CHECK(log.startTime->iso() == "2020-07-29T10:31:01");
    REQUIRE(log.timeS.size() == 223);
    CHECK(log.timeS.front() == Approx(3.289600104471901));
    CHECK(log.timeS.back() == Approx(151.8101963525260));
    const auto& ewe = channel(log, "Ewe");
    CHECK(ewe.unit == "V");
    CHECK(ewe.values.front() == Approx(0.87869531));
    CHECK(ewe.values.back() == Approx(0.15471299));
    const auto& current = channel(log, "<I>");
    CHECK(current.unit == "A");
    CHECK(current.sourceUnit == "mA");
    CHECK(current.values.front() == Approx(-2.604324994466466e-6));
    CHECK(current.values.back() == Approx(1.777131863198953e-5));
    CHECK(log.potential() == log.channel("Ewe"));
    CHECK(log.current() == log.channel("<I>"));
    CHECK(channel(log, "(Q-Qo)").unit == "C");
    CHECK(channel(log, "ox/red").unit.empty());
}

TEST_CASE("Gamry .DTA: DATE/TIME labels, 10 rows of T Vf Im; a cut header is refused", "[ec]")
{
    if (!haveLogs())
        return;
    const auto log = readEcLog(ecLogs() / "gamry/chronoa_data.dta");
    CHECK(log.format == EcFormat::Gamry);
    REQUIRE(log.startTime);
    CHECK(log.startTime->iso() == "2019-03-10T12:00:00");
    REQUIRE(log.timeS.size() == 10);
    CHECK(log.timeS.front() == 0.0);
    CHECK(log.timeS.back() == 270.0);
    CHECK(channel(log, "Vf").values.front() == Approx(-5.4e-4));
    CHECK(channel(log, "Vf").values.back() == Approx(0.4));
    CHECK(channel(log, "Im").unit == "A");
    CHECK(channel(log, "Im").values.front() == Approx(-2.34197e-8));
    CHECK(channel(log, "Im").values.back() == Approx(3.0e-9));
    CHECK(log.current() == log.channel("Im"));
    CHECK(log.potential() == log.channel("Vf"));
    CHECK_THROWS_WITH(readEcLog(ecLogs() / "gamry/cv_data_incompleteheader.dta"),
                      Catch::Contains("cv_data_incompleteheader.dta") &&
                          Catch::Contains("truncated"));
}

TEST_CASE("Protochips CSV: Notes metadata, ms to s, irregular steps kept", "[ec]")
{
    if (!haveLogs())
        return;
    const auto log = readEcLog(ecLogs() / "protochips/protochips_electrical.csv");
    CHECK(log.format == EcFormat::Protochips);
    REQUIRE(log.startTime);
    CHECK(log.startTime->iso() == "2014-10-08T16:26:51.738");
    REQUIRE(log.timeS.size() == 154); // 163 lines - header - 8 metadata rows
    CHECK(log.timeS[0] == 0.0);
    CHECK(log.timeS[1] == Approx(0.147));
    CHECK(log.timeS[2] == Approx(0.196));
    CHECK(log.timeS[3] == Approx(0.296));
    CHECK(log.timeS.back() == Approx(15.276));
    CHECK(log.irregularSteps());
    const auto& current = channel(log, "Channel A Current");
    CHECK(current.unit == "A");
    CHECK(current.values.front() == Approx(-6.91414e-13));
    CHECK(current.values.back() == 0.0);
    CHECK(channel(log, "Channel A Voltage").values[1] == Approx(40.0917));
    CHECK(channel(log, "Channel A Resistance").unit == "Ohm");
}

TEST_CASE("Impulse CSV + Metadata log: day-month-year clock, 775 rows, live notes", "[ec]")
{
    if (!haveLogs())
        return;
    const auto log = readEcLog(ecLogs() / "impulse/StubExperiment_Synchronized data.csv");
    CHECK(log.format == EcFormat::Impulse);
    REQUIRE(log.startTime);
    CHECK(log.startTime->iso() == "2021-08-06T13:40:19");
    REQUIRE(log.timeS.size() == 775);
    CHECK(log.timeS.front() == Approx(7.787));
    CHECK(log.timeS.back() == Approx(403.662));
    const auto& temperature = channel(log, "Temperature Measured");
    CHECK(temperature.unit == "degC");
    CHECK(temperature.values.front() == Approx(9.055198));
    CHECK(temperature.values.back() == Approx(21.0));
    CHECK(channel(log, "Channel#4").values.back() == Approx(1.33e-8));
    CHECK(log.channel("MixValve") == nullptr); // "0; 0; 0" is text
    REQUIRE(log.events.size() == 3);
    CHECK(log.events[0].timeS == Approx(387.0)); // 13:46:46 - 13:40:19
    CHECK(log.events[2].label == "Live note three");
}
