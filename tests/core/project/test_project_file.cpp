// The project file: exact round trips, refusal of damaged or foreign files, atomic saves.

#include "project_fixture.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/project/project_file.h"

#include <hdf5/serial/hdf5.h>

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace fs = std::filesystem;
using insitu::Error;
using insitu::loadProject;
using insitu::Project;
using insitu::saveProject;

namespace {

std::string readAll(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeAll(const fs::path& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// Content hash of a file (the same function the project uses for movies).
std::string hashOf(const fs::path& path)
{
    return insitu::computeMovieFingerprint(path);
}

/// Checks that loading path throws insitu::Error naming the file, and leaves it byte-identical.
void checkRefused(const fs::path& path, const std::string& expectedWords)
{
    const std::string before = readAll(path);
    try {
        (void)loadProject(path);
        FAIL("loadProject accepted " << path);
    } catch (const Error& e) {
        const std::string message = e.what();
        CHECK(message.find(path.string()) != std::string::npos);
        CHECK(message.find(expectedWords) != std::string::npos);
    }
    CHECK(readAll(path) == before);
}

std::vector<fs::path> temporariesIn(const fs::path& folder)
{
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().filename().string().find(".tmp-") != std::string::npos)
            found.push_back(entry.path());
    return found;
}

} // namespace

TEST_CASE("loadProject(saveProject(p)) == p for a project with every field set", "[project]")
{
    const auto dir = insitu::test::scratchDir("project_roundtrip");
    const Project p = insitu::test::fullProject();
    REQUIRE(p != Project{});
    saveProject(p, dir / "p.h5");
    const Project loaded = loadProject(dir / "p.h5");
    // Field groups first, so a failure points at the part that differs.
    REQUIRE(loaded.movies.size() == p.movies.size());
    CHECK(loaded.movies[0].fileCalibration == p.movies[0].fileCalibration);
    CHECK(loaded.movies[0].calibrationOverride == p.movies[0].calibrationOverride);
    CHECK(loaded.movies[0].driftOptions == p.movies[0].driftOptions);
    CHECK(loaded.movies[0].drift == p.movies[0].drift);
    CHECK(loaded.movies[0].rois == p.movies[0].rois);
    CHECK(loaded.movies[0].fronts == p.movies[0].fronts);
    CHECK(loaded.movies[0].markers == p.movies[0].markers);
    CHECK(loaded.movies[0].frontSettings == p.movies[0].frontSettings);
    CHECK(loaded.movies[1] == p.movies[1]);
    CHECK(loaded.fits == p.fits);
    CHECK(loaded.tables == p.tables);
    CHECK(loaded == p);
    CHECK(temporariesIn(dir).empty());

    SECTION("an empty project round-trips too")
    {
        saveProject(Project{}, dir / "empty.h5");
        CHECK(loadProject(dir / "empty.h5") == Project{});
    }
}

TEST_CASE("a file without front settings takes them from its first fronts result", "[project]")
{
    const auto dir = insitu::test::scratchDir("project_front_settings");
    const Project p = insitu::test::fullProject();
    saveProject(p, dir / "p.h5");
    {
        const hid_t file = H5Fopen((dir / "p.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        REQUIRE(file >= 0);
        const hid_t movie = H5Gopen2(file, "movies/0", H5P_DEFAULT);
        REQUIRE(H5Adelete(movie, "front_settings") >= 0);
        H5Gclose(movie);
        H5Fclose(file);
    }
    const insitu::ProjectMovie loaded = loadProject(dir / "p.h5").movies.at(0);
    const insitu::ProjectFronts& fronts = p.movies[0].fronts.at(0);
    CHECK(loaded.frontSettings.tracking == fronts.result.options);
    CHECK(loaded.frontSettings.bandWidthPx == p.movies[0].rois.at(0).widthPx);
    // A fit with a verdict was chosen by the automatic model choice.
    const insitu::FitResult& fit = *fronts.result.fronts.at(0).fit;
    CHECK(loaded.frontSettings.fit.model == (fit.verdict.empty() ? fit.model : "auto"));
    CHECK(loaded.frontSettings.fit.windowStartS == fronts.result.fronts.at(0).fit->windowStart);
    CHECK(loaded.frontSettings != p.movies[0].frontSettings);

    // A fit of a model the user chose keeps that model; no fronts: the defaults.
    insitu::ProjectMovie chosen = p.movies[0];
    chosen.fronts[0].result.fronts[0].fit->verdict.clear();
    CHECK(insitu::frontSettingsFromResults(chosen).fit.model == "parabolic");
    CHECK(insitu::frontSettingsFromResults(p.movies[1]) == insitu::FrontAnalysisSettings{});
}

TEST_CASE("save, load and save again gives a byte-identical file", "[project]")
{
    const auto dir = insitu::test::scratchDir("project_resave");
    saveProject(insitu::test::fullProject(), dir / "a.h5");
    saveProject(loadProject(dir / "a.h5"), dir / "b.h5");
    const std::string a = readAll(dir / "a.h5");
    CHECK(a.size() > 1000);
    CHECK(a == readAll(dir / "b.h5"));
}

TEST_CASE("a file from before band_width_typed reads a non-default band width as typed",
          "[project][stale]")
{
    const auto dir = insitu::test::scratchDir("project_band_width_typed");
    const auto withOldSettings = [&dir](double bandWidthPx) {
        Project p = insitu::test::fullProject();
        p.movies[0].frontSettings.bandWidthPx = bandWidthPx;
        saveProject(p, dir / "old.h5");
        // What an older program wrote: the settings JSON without the flag.
        const std::string json = "{\"band_width_px\": " + std::to_string(bandWidthPx) + "}";
        const hid_t file = H5Fopen((dir / "old.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        REQUIRE(file >= 0);
        const hid_t movie = H5Gopen2(file, "movies/0", H5P_DEFAULT);
        REQUIRE(H5Adelete(movie, "front_settings") >= 0);
        const hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, H5T_VARIABLE);
        H5Tset_cset(type, H5T_CSET_UTF8);
        const hid_t space = H5Screate(H5S_SCALAR);
        const hid_t attr =
            H5Acreate2(movie, "front_settings", type, space, H5P_DEFAULT, H5P_DEFAULT);
        const char* text = json.c_str();
        REQUIRE(H5Awrite(attr, type, &text) >= 0);
        H5Aclose(attr);
        H5Sclose(space);
        H5Tclose(type);
        H5Gclose(movie);
        H5Fclose(file);
        return loadProject(dir / "old.h5").movies.at(0).frontSettings;
    };
    const double defaultPx = insitu::FrontAnalysisSettings{}.bandWidthPx;
    const insitu::FrontAnalysisSettings typed = withOldSettings(defaultPx + 4);
    CHECK(typed.bandWidthPx == defaultPx + 4);
    CHECK(typed.bandWidthTyped);
    const insitu::FrontAnalysisSettings untouched = withOldSettings(defaultPx);
    CHECK(untouched.bandWidthPx == defaultPx);
    CHECK_FALSE(untouched.bandWidthTyped);
}

TEST_CASE("the file is readable with the plain HDF5 C API, with units attributes", "[project]")
{
    const auto dir = insitu::test::scratchDir("project_plain_hdf5");
    saveProject(insitu::test::fullProject(), dir / "p.h5");
    const hid_t file = H5Fopen((dir / "p.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(file >= 0);
    long long version = 0;
    const hid_t attr = H5Aopen(file, "format_version", H5P_DEFAULT);
    REQUIRE(attr >= 0);
    H5Aread(attr, H5T_NATIVE_LLONG, &version);
    H5Aclose(attr);
    CHECK(version == 2);

    const hid_t ds = H5Dopen2(file, "/movies/0/fronts/0/tracks/0/position_px", H5P_DEFAULT);
    REQUIRE(ds >= 0);
    std::vector<double> positions(3);
    CHECK(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, positions.data()) >= 0);
    CHECK(positions == std::vector<double>{10.0, 11.5, 13.25});
    const hid_t units = H5Aopen(ds, "units", H5P_DEFAULT);
    REQUIRE(units >= 0);
    const hid_t type = H5Aget_type(units);
    char* text = nullptr;
    CHECK(H5Aread(units, type, &text) >= 0);
    CHECK(std::string(text) == "px");
    H5free_memory(text);
    H5Tclose(type);
    H5Aclose(units);
    H5Dclose(ds);
    H5Fclose(file);
}

TEST_CASE("damaged and foreign files are refused with the file name and never modified",
          "[project]")
{
    const auto dir = insitu::test::scratchDir("project_damaged");
    saveProject(insitu::test::fullProject(), dir / "good.h5");
    const std::string good = readAll(dir / "good.h5");

    SECTION("truncated to half")
    {
        writeAll(dir / "half.h5", good.substr(0, good.size() / 2));
        checkRefused(dir / "half.h5", "damaged");
    }
    SECTION("truncated to the superblock only")
    {
        writeAll(dir / "head.h5", good.substr(0, 96));
        checkRefused(dir / "head.h5", "damaged");
    }
    SECTION("signature overwritten")
    {
        std::string bytes = good;
        bytes.replace(0, 8, "XXXXXXXX");
        writeAll(dir / "sig.h5", bytes);
        checkRefused(dir / "sig.h5", "not an HDF5 file");
    }
    SECTION("superblock sizes corrupted")
    {
        std::string bytes = good;
        for (std::size_t i = 13; i < 16; ++i) // sizes of offsets/lengths
            bytes[i] = static_cast<char>(0x7f);
        writeAll(dir / "super.h5", bytes);
        checkRefused(dir / "super.h5", "damaged");
    }
    SECTION("a TIFF renamed .h5")
    {
        writeAll(dir / "movie.h5", std::string("II*\0\x08\0\0\0", 8) + std::string(200, '\1'));
        checkRefused(dir / "movie.h5", "not an HDF5 file");
    }
    SECTION("an empty file")
    {
        writeAll(dir / "empty.h5", "");
        checkRefused(dir / "empty.h5", "not an HDF5 file");
    }
    SECTION("an HDF5 file without format_version")
    {
        const hid_t file =
            H5Fcreate((dir / "foreign.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        REQUIRE(file >= 0);
        const hid_t group = H5Gcreate2(file, "movies", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Gclose(group);
        H5Fclose(file);
        checkRefused(dir / "foreign.h5", "no root attribute format_version");
    }
    SECTION("a project from a newer program")
    {
        fs::copy_file(dir / "good.h5", dir / "newer.h5");
        const hid_t file = H5Fopen((dir / "newer.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        REQUIRE(file >= 0);
        const hid_t attr = H5Aopen(file, "format_version", H5P_DEFAULT);
        const long long newer = insitu::kProjectFormatVersion + 1;
        H5Awrite(attr, H5T_NATIVE_LLONG, &newer);
        H5Aclose(attr);
        H5Fclose(file);
        checkRefused(dir / "newer.h5", "newer than this program");
    }
    SECTION("a version 1 project migrates: same content, no analysis groups")
    {
        fs::copy_file(dir / "good.h5", dir / "v1.h5");
        const hid_t file = H5Fopen((dir / "v1.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        REQUIRE(file >= 0);
        const hid_t attr = H5Aopen(file, "format_version", H5P_DEFAULT);
        const long long one = 1;
        H5Awrite(attr, H5T_NATIVE_LLONG, &one);
        H5Aclose(attr);
        H5Fclose(file);
        CHECK(loadProject(dir / "v1.h5") == loadProject(dir / "good.h5"));
    }
    SECTION("a project with a dataset missing")
    {
        fs::copy_file(dir / "good.h5", dir / "missing.h5");
        const hid_t file = H5Fopen((dir / "missing.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        REQUIRE(file >= 0);
        H5Ldelete(file, "/movies/0/drift/dy_px", H5P_DEFAULT);
        H5Fclose(file);
        checkRefused(dir / "missing.h5", "damaged project: missing dataset dy_px");
    }
    SECTION("a missing file")
    {
        CHECK_THROWS_WITH(loadProject(dir / "nope.h5"),
                          Catch::Contains((dir / "nope.h5").string()) &&
                              Catch::Contains("no such file"));
    }
}

TEST_CASE("a crash in the middle of saving leaves the previous project intact", "[project]")
{
    const auto dir = insitu::test::scratchDir("project_crash");
    const fs::path path = dir / "p.h5";
    Project before = insitu::test::fullProject();
    saveProject(before, path);
    const std::string hash = hashOf(path);
    Project after = before;
    after.name = "changed";
    after.movies.pop_back();

    SECTION("the process dies after half of the file is written")
    {
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            insitu::detail::setSaveStageHookForTesting([](std::string_view stage) {
                if (stage == "movies-written")
                    _exit(3);
            });
            saveProject(after, path);
            _exit(0);
        }
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 3); // the child really died mid-save
        CHECK(hashOf(path) == hash);
        CHECK(temporariesIn(dir).size() == 1); // the half-written temporary, never the project
        CHECK(loadProject(path) == before);
        CHECK(temporariesIn(dir).empty()); // the next open removes it (issue #15)
    }
    SECTION("an exception mid-save removes the temporary")
    {
        insitu::detail::setSaveStageHookForTesting([](std::string_view stage) {
            if (stage == "before-rename")
                throw std::runtime_error("simulated failure");
        });
        CHECK_THROWS_AS(saveProject(after, path), std::runtime_error);
        insitu::detail::setSaveStageHookForTesting({});
        CHECK(hashOf(path) == hash);
        CHECK(loadProject(path) == before);
        CHECK(temporariesIn(dir).empty());
    }
    SECTION("without a failure the new project replaces the old one")
    {
        saveProject(after, path);
        CHECK(loadProject(path) == after);
        CHECK(temporariesIn(dir).empty());
    }
}

TEST_CASE("saving into a missing folder fails with the file name", "[project]")
{
    const auto dir = insitu::test::scratchDir("project_nofolder");
    CHECK_THROWS_WITH(saveProject(Project{}, dir / "no" / "p.h5"),
                      Catch::Contains((dir / "no" / "p.h5").string()));
}

TEST_CASE("movie fingerprint is SHA-256 of size and sampled content", "[project]")
{
    const auto dir = insitu::test::scratchDir("project_fingerprint");
    writeAll(dir / "abc.bin", "abc");
    // sha256(b"\x03\0\0\0\0\0\0\0abc"), computed with Python's hashlib.
    CHECK(insitu::computeMovieFingerprint(dir / "abc.bin") ==
          "sha256-sampled-v1:ce91dc5eec0139adf091900d225971d6ad246a845bad791b5693a9d0d55dd391");

    // A 5 MiB file: the middle MiB counts, bytes between the samples do not.
    std::string big(5 * 1024 * 1024, '\0');
    for (std::size_t i = 0; i < big.size(); ++i)
        big[i] = static_cast<char>((i * 2654435761u) >> 24);
    writeAll(dir / "big.bin", big);
    const auto original = insitu::computeMovieFingerprint(dir / "big.bin");
    std::string middle = big;
    middle[big.size() / 2] ^= 1;
    writeAll(dir / "big.bin", middle);
    CHECK(insitu::computeMovieFingerprint(dir / "big.bin") != original);
    std::string between = big;
    between[3 * 1024 * 1024 / 2] ^= 1; // at 1.5 MiB: outside first, middle and last MiB
    writeAll(dir / "big.bin", between);
    CHECK(insitu::computeMovieFingerprint(dir / "big.bin") == original);
}

TEST_CASE("locateMovie finds a moved movie by name and fingerprint", "[project]")
{
    const auto dir = insitu::test::scratchDir("project_locate");
    fs::create_directories(dir / "old");
    fs::create_directories(dir / "new" / "deep" / "er");
    fs::create_directories(dir / "decoy");
    writeAll(dir / "old" / "movie.tif", std::string(4096, 'm'));
    insitu::ProjectMovie movie;
    movie.path = dir / "old" / "movie.tif";
    movie.fileSizeBytes = insitu::movieFileSize(movie.path);
    movie.fingerprint = insitu::computeMovieFingerprint(movie.path);

    CHECK(insitu::locateMovie(movie, {}) == movie.path);
    fs::rename(movie.path, dir / "new" / "deep" / "er" / "movie.tif");
    writeAll(dir / "decoy" / "movie.tif", std::string(4096, 'x')); // same name, other content
    CHECK_FALSE(insitu::locateMovie(movie, {}).has_value());
    CHECK_FALSE(insitu::locateMovie(movie, {dir / "decoy"}).has_value());
    CHECK(insitu::locateMovie(movie, {dir / "decoy", dir / "new"}) ==
          dir / "new" / "deep" / "er" / "movie.tif");
    CHECK_FALSE(insitu::locateMovie(movie, {dir / "does-not-exist"}).has_value());
}

TEST_CASE("the shared result types have the fields the project file stores", "[project]")
{
    // When one of these fails, a field was added to a shared type: store it in
    // src/core/project/project_layout_v1.cpp, set it in tests/core/project/project_fixture.h,
    // document it in docs/project-file.md, then update the size here.
    CHECK(sizeof(insitu::DriftOptions) == 88);
    CHECK(sizeof(insitu::DriftResult) == 200);
    CHECK(sizeof(insitu::FrontOptions) == 88);
    CHECK(sizeof(insitu::FrontTrack) == 648);
    CHECK(sizeof(insitu::FitParameter) == 120);
    CHECK(sizeof(insitu::FitResult) == 480);
    CHECK(sizeof(insitu::Roi) == 88);
    CHECK(sizeof(insitu::Calibration) == 64);
    CHECK(sizeof(insitu::PointPx) == 16);
    CHECK(sizeof(insitu::FrontPin) == 16);
}
