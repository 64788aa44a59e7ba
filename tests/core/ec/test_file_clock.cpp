// Movie clocks from file names, file times and UTC stamps: real Velox and SER files, folders of
// frames written here with known (irregular) clocks, the UTC → local step of runTimeline().
#include "support/test_paths.h"

#include "insitu/ec/file_clock.h"
#include "insitu/ec/movie_clock.h"
#include "insitu/ec/timeline_run.h"
#include "insitu/io/image_sequence_reader.h"

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fstream>
#include <random>

using namespace insitu;

TEST_CASE("file clock: date and time in file names, or none", "[ec][movieclock]")
{
    const auto iso = [](const char* name) {
        const auto t = clockInFileName(name);
        return t ? t->iso() : std::string("none");
    };
    CHECK(iso("frame_20210806_134019.125") == "2021-08-06T13:40:19.125");
    CHECK(iso("2021-08-06T13-40-19,5") == "2021-08-06T13:40:19.500");
    CHECK(iso("img 2021-08-06 13.40.19") == "2021-08-06T13:40:19");
    CHECK(iso("20210806134019") == "2021-08-06T13:40:19");
    CHECK(iso("0007_2021.08.06_13h40m19") == "2021-08-06T13:40:19");
    CHECK(iso("20210806_134019_0003") == "2021-08-06T13:40:19"); // a counter is no fraction
    CHECK(iso("frame_000123") == "none");
    CHECK(iso("frame_1") == "none");
    CHECK(iso("20211306_134019") == "none");  // month 13
    CHECK(iso("20210806_254019") == "none");  // hour 25
    CHECK(iso("2021-08-06_13-40") == "none"); // no seconds
    CHECK(iso("120210806_134019") == "none"); // glued to another digit
    CHECK(utcCalendarTime(1456073345).iso() == "2016-02-21T16:49:05");
    CHECK(utcCalendarTime(1575540226.238991).iso() == "2019-12-05T10:03:46.239");
}

TEST_CASE("file clock: Velox per-frame TimeStamp and SER tag time of real files (UTC)",
          "[ec][movieclock]")
{
    const auto dir = test::externalDataDir();
    const auto emd = dir / "rosettasciio/emd/fei_example_tem_stack.emd";
    const auto ser = dir / "rosettasciio/tia/old/64x64x5_TEM_preview_1.ser";
    if (!std::filesystem::exists(emd) || !std::filesystem::exists(ser)) {
        WARN("skipped: " << dir.string() << " lacks the Velox/TIA samples");
        return;
    }
    const auto velox = movieStartClock(openMovieReader(emd)->info());
    REQUIRE(velox);
    CHECK(velox->utc);
    CHECK(velox->source == "Velox TimeStamp (UTC)");
    CHECK(velox->frame0.iso() == "2019-12-05T10:03:46.239"); // 1575540226238991 µs
    // The .ser alone (no .emi beside it): its first tag time, 1456073345 s.
    const auto alone = test::scratchDir("movieclock_ser") / "preview_1.ser";
    std::filesystem::copy_file(ser, alone);
    const auto tag = movieStartClock(openMovieReader(alone)->info());
    REQUIRE(tag);
    CHECK(tag->utc);
    CHECK(tag->source == "SER tag time (UTC)");
    CHECK(tag->frame0.iso() == "2016-02-21T16:49:05");
    // With its .emi the local AcquireDate wins (real file: local = UTC + 1 h).
    const auto withEmi = movieStartClock(
        openMovieReader(dir / "rosettasciio/tia/old/64x64_TEM_images_acquire_1.ser")->info());
    REQUIRE(withEmi);
    CHECK_FALSE(withEmi->utc);
}

namespace {

void writeFrame(const std::filesystem::path& path, int value)
{
    REQUIRE(cv::imwrite(path.string(), cv::Mat(8, 8, CV_8U, cv::Scalar(value))));
}

} // namespace

TEST_CASE("file clock: a folder of frames named by their clock gives frame times and frame 0's "
          "clock over a grid of starts, steps and jitters",
          "[ec][movieclock]")
{
    std::mt19937 rng(19);
    for (int trial = 0; trial < 6; ++trial) {
        const auto dir = test::scratchDir("movieclock_names_" + std::to_string(trial));
        const int frames = 3 + trial * 2;
        const double stepS = std::array{0.05, 0.2, 0.8, 1.5, 3.0, 20.0}[trial];
        std::uniform_real_distribution<double> jitter(0.0, 0.4 * stepS);
        const auto start = *parseIsoLocalDateTime("2021-12-31T23:59:58.250");
        std::vector<double> truthS;
        for (int k = 0; k < frames; ++k) {
            // Millisecond names: the truth is what the name says.
            const double t = std::round((k * stepS + jitter(rng)) * 1000.0) / 1000.0;
            truthS.push_back(t);
            const auto clock = start.plusSeconds(t);
            char name[64];
            std::snprintf(name, sizeof name, "f%d_%04d%02d%02d_%02d%02d%06.3f.png", k, clock.year,
                          clock.month, clock.day, clock.hour, clock.minute, clock.second);
            writeFrame(dir / name, k);
        }
        ImageSequenceReader reader(dir);
        const auto& cal = reader.info().calibration;
        REQUIRE(cal.timestampsS.size() == truthS.size());
        for (std::size_t k = 0; k < truthS.size(); ++k)
            CHECK(cal.timestampsS[k] == Approx(truthS[k] - truthS[0]).margin(1e-6));
        const auto clock = movieStartClock(reader.info());
        REQUIRE(clock);
        CHECK_FALSE(clock->utc);
        CHECK(clock->source == "file names");
        CHECK(clock->frame0.secondsSince(start) == Approx(truthS[0]).margin(1e-6));
    }
}

TEST_CASE("file clock: a folder without clocks in its names falls back to the first file's "
          "modification time (UTC), never to frame intervals",
          "[ec][movieclock]")
{
    const auto dir = test::scratchDir("movieclock_mtime");
    for (int k = 0; k < 4; ++k)
        writeFrame(dir / ("frame_" + std::to_string(k) + ".png"), k);
    // 2020-07-29T08:31:00Z on the first file.
    const auto when = std::chrono::file_clock::from_sys(
        std::chrono::sys_seconds(std::chrono::seconds(1596011460)));
    std::filesystem::last_write_time(dir / "frame_0.png", when);
    ImageSequenceReader reader(dir);
    CHECK(reader.info().calibration.timestampsS.empty());
    const auto clock = movieStartClock(reader.info());
    REQUIRE(clock);
    CHECK(clock->utc);
    CHECK(clock->frame0.iso() == "2020-07-29T08:31:00");

    // On the timeline a UTC clock meets the log's local one only through the typed UTC offset.
    const auto log = dir / "log.mpt";
    std::ofstream(log) << "EC-Lab ASCII FILE\nNb header lines : 5\n\nAcquisition started on : "
                          "07/29/2020 10:30:55,500\ntime/s\tEwe/V\t<I>/mA\n0\t0,1\t1\n10\t0,2\t1\n";
    auto movie = openMovie(dir);
    Calibration cal = movie->calibration();
    cal.frameIntervalS = 1.0;
    movie->setCalibration(cal);
    TimelineOptions options;
    options.logs.push_back({});
    options.logs.back().path = log;
    auto& progress = Progress::none();
    const auto without = runTimeline(*movie, options, {}, progress);
    CHECK_FALSE(without.movieStart);
    REQUIRE(without.movieStartUtc);
    CHECK(std::any_of(without.table.warnings.begin(), without.table.warnings.end(),
                      [](const std::string& w) { return w.find("--utc-offset-h") != w.npos; }));
    options.logUtcOffsetH = 2; // CEST
    const auto with = runTimeline(*movie, options, {}, progress);
    REQUIRE(with.movieStart);
    CHECK(with.movieStart->iso() == "2020-07-29T10:31:00");
    REQUIRE(with.inputs.logs.size() == 1);
    CHECK(with.inputs.logs[0].alignment.method == "header clocks");
    CHECK(with.inputs.logs[0].alignment.offsetS == Approx(-4.5)); // log starts 4.5 s earlier
}
