// Damaged projects are refused naming the part that is wrong, never loaded half-empty (#15).

#include "project_fixture.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/project/project_file.h"

#include <hdf5/serial/hdf5.h>

#include <cmath>
#include <limits>
#include <string>

namespace fs = std::filesystem;

namespace {

/// Replaces (or creates) a scalar attribute of the object at objectPath.
template <typename T>
void setAttribute(const fs::path& file, const char* objectPath, const char* name, T value,
                  hid_t type)
{
    const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(f >= 0);
    const hid_t object = H5Oopen(f, objectPath, H5P_DEFAULT);
    REQUIRE(object >= 0);
    if (H5Aexists(object, name) > 0)
        REQUIRE(H5Adelete(object, name) >= 0);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t attribute = H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(H5Awrite(attribute, type, &value) >= 0);
    H5Aclose(attribute);
    H5Sclose(space);
    H5Oclose(object);
    H5Fclose(f);
}

/// The message loadProject refuses the file with ("" when it loads).
std::string refusal(const fs::path& file)
{
    try {
        (void)insitu::loadProject(file);
    } catch (const insitu::Error& e) {
        return e.what();
    }
    return {};
}

fs::path savedProject(const std::string& name)
{
    const auto path = insitu::test::scratchDir(name) / "p.h5";
    insitu::saveProject(insitu::test::fullProject(), path);
    REQUIRE(refusal(path).empty());
    return path;
}

} // namespace

TEST_CASE("a project with impossible values is refused naming the part", "[project][hostile]")
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    SECTION("negative frame count")
    {
        const auto p = savedProject("project_bad_frames");
        setAttribute<long long>(p, "movies/0", "frame_count", -5, H5T_NATIVE_LLONG);
        const auto message = refusal(p);
        CHECK(message.find("movie 0") != std::string::npos);
        CHECK(message.find("frame_count -5") != std::string::npos);
    }
    for (const double bad : {nan, -inf, inf, 0.0, -0.04}) {
        DYNAMIC_SECTION("frame interval " << bad)
        {
            const auto p = savedProject("project_bad_interval");
            setAttribute(p, "movies/0/calibration", "frame_interval_s", bad, H5T_NATIVE_DOUBLE);
            const auto message = refusal(p);
            CHECK(message.find("frame_interval_s") != std::string::npos);
            CHECK(message.find("p.h5") != std::string::npos);
        }
        DYNAMIC_SECTION("pixel size override " << bad)
        {
            const auto p = savedProject("project_bad_pixel");
            setAttribute(p, "movies/0/calibration_override", "nm_per_pixel", bad,
                         H5T_NATIVE_DOUBLE);
            CHECK(refusal(p).find("calibration_override: nm_per_pixel") != std::string::npos);
        }
    }
    SECTION("ROI width NaN")
    {
        const auto p = savedProject("project_bad_roi");
        setAttribute(p, "movies/0/rois/0", "width_px", nan, H5T_NATIVE_DOUBLE);
        CHECK(refusal(p).find("width_px") != std::string::npos);
    }
}

TEST_CASE("a project with a renamed movie group is refused, not loaded empty", "[project][hostile]")
{
    const auto p = savedProject("project_renamed_group");
    {
        const hid_t f = H5Fopen(p.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        REQUIRE(f >= 0);
        REQUIRE(H5Lmove(f, "movies/0", f, "movies/zero", H5P_DEFAULT, H5P_DEFAULT) >= 0);
        H5Fclose(f);
    }
    const auto message = refusal(p);
    CHECK(message.find("/movies") != std::string::npos);
    CHECK(message.find("renamed or damaged") != std::string::npos);
}

TEST_CASE("JSON attributes nested 20,000 levels deep are refused, not a crash",
          "[project][hostile]")
{
    const auto p = savedProject("project_deep_json");
    const std::string deep = std::string(20000, '[') + std::string(20000, ']');
    {
        const hid_t f = H5Fopen(p.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        REQUIRE(f >= 0);
        const hid_t movie = H5Gopen2(f, "movies/0", H5P_DEFAULT);
        REQUIRE(H5Adelete(movie, "drift_options") >= 0);
        const hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, deep.size());
        const hid_t space = H5Screate(H5S_SCALAR);
        const hid_t a = H5Acreate2(movie, "drift_options", type, space, H5P_DEFAULT, H5P_DEFAULT);
        REQUIRE(H5Awrite(a, type, deep.data()) >= 0);
        H5Aclose(a);
        H5Sclose(space);
        H5Tclose(type);
        H5Gclose(movie);
        H5Fclose(f);
    }
    CHECK(refusal(p).find("nests deeper than") != std::string::npos);
}
