// Provenance builders and options JSON: one set of keys, lossless round trips, the inputs named.

#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/export/options_json.h"
#include "insitu/export/provenance.h"

#include <nlohmann/json.hpp>

using namespace insitu;

namespace {

DriftOptions unusualDriftOptions()
{
    DriftOptions o;
    o.reference = DriftReference::Previous;
    o.runningMeanFrames = 7;
    o.regionPx = std::array<int, 4>{1, 2, 30, 40};
    o.lowPassSigmaCyclesPerPx = 0.21;
    o.highPassSigmaCyclesPerPx = 0.01;
    o.binning = 2;
    o.minQuality = 0.05;
    o.minRelativeQuality = 0.4;
    o.whiteningExponent = 0.75;
    o.meanSecondPass = false;
    return o;
}

FrontOptions unusualFrontOptions()
{
    FrontOptions o;
    o.frontCount = 3;
    o.maxStepPxPerFrame = 4.5;
    o.monotonic = false;
    o.refineWindowFrames = 15;
    o.direction = FrontDirection::Backward;
    o.brighterSide = BrighterSide::Behind;
    o.edgeSigmaPx = 2.5;
    o.timeSigmaFrames = 0.5;
    o.stepChangePenalty = 0.25;
    o.presenceThreshold = 3.5;
    o.minFrames = 7;
    o.minTravelPx = 1.5;
    o.priorSigmaPx = 0.75;
    return o;
}

} // namespace

TEST_CASE("options JSON: every field round-trips and the defaults fill missing keys", "[export]")
{
    const DriftOptions drift = unusualDriftOptions();
    REQUIRE_FALSE(drift == DriftOptions{});
    CHECK(driftOptionsFromJson(driftOptionsJson(drift)) == drift);
    CHECK(driftOptionsFromJson(nlohmann::json::object()) == DriftOptions{});

    const FrontOptions fronts = unusualFrontOptions();
    REQUIRE_FALSE(fronts == FrontOptions{});
    CHECK(frontOptionsFromJson(frontOptionsJson(fronts)) == fronts);
    CHECK(frontOptionsFromJson(nlohmann::json::object()) == FrontOptions{});
    CHECK(frontOptionsJson(fronts)["max_step_px_per_frame"] == 4.5);
    CHECK(frontOptionsJson(fronts)["monotonic"] == false);

    for (auto r : {DriftReference::First, DriftReference::Previous, DriftReference::RunningMean})
        CHECK(driftReferenceFromName(driftReferenceName(r)) == r);
    CHECK_THROWS_AS(driftReferenceFromName("last"), Error);
    CHECK_THROWS_AS(frontDirectionFromName("sideways"), Error);
    CHECK_THROWS_AS(brighterSideFromName("left"), Error);
    CHECK_THROWS_AS(driftOptionsFromJson(nlohmann::json::array()), Error);
}

TEST_CASE("drift provenance: the options object and the movie as input", "[export]")
{
    const DriftOptions options = unusualDriftOptions();
    const Provenance p = driftProvenance(options, 3);
    CHECK(p.inputIds == std::vector<std::string>{"movie:3"});
    CHECK_FALSE(p.programVersion.empty());
    CHECK(p.createdUtc.size() == 20);
    const auto json = nlohmann::json::parse(p.parametersJson);
    CHECK(json["analysis"] == "drift");
    CHECK(driftOptionsFromJson(json["options"]) == options);
}

TEST_CASE("fronts provenance: options, ROI, pins by front index, drift input", "[export]")
{
    FrontResult result;
    result.roiId = 4;
    result.options = unusualFrontOptions();
    FrontTrack first;
    first.index = 0;
    FrontTrack second;
    second.index = 1;
    second.pins = {{12, 40.5}, {30, 55.0}};
    result.fronts = {first, second};
    Roi roi;
    roi.id = 4;
    roi.shape = RoiShape::Polyline;
    roi.points = {{1, 2}, {10, 2}, {20, 8}};
    roi.widthPx = 12;

    const Provenance corrected = frontsProvenance(result, roi, true, "auto", 2);
    CHECK(corrected.inputIds == std::vector<std::string>{"movie:2", "roi:4", "drift:movie:2"});
    const Provenance plain = frontsProvenance(result, roi, false, "linear", 2);
    CHECK(plain.inputIds == std::vector<std::string>{"movie:2", "roi:4"});

    const auto json = nlohmann::json::parse(corrected.parametersJson);
    CHECK(json["analysis"] == "fronts");
    CHECK(frontOptionsFromJson(json["options"]) == result.options);
    CHECK(json["roi"]["shape"] == "polyline");
    CHECK(json["roi"]["width_px"] == 12.0);
    CHECK(json["roi"]["points_px"].size() == 3);
    CHECK(json["drift_corrected"] == true);
    CHECK(json["fit_model"] == "auto");
    REQUIRE(json["pins"].size() == 2);
    CHECK(json["pins"][1] == nlohmann::json{{"front", 1}, {"frame", 30}, {"position_px", 55.0}});
}

TEST_CASE("fit provenance: model, window, bootstrap and the inputs given", "[export]")
{
    FitOptions options;
    options.model = "power";
    options.windowStart = 2.0;
    options.excluded = {3, 5};
    options.bootstrap.samples = 200;
    options.bootstrap.seed = 9;
    const Provenance p = fitProvenance(options, {"table:oxide"});
    CHECK(p.inputIds == std::vector<std::string>{"table:oxide"});
    const auto json = nlohmann::json::parse(p.parametersJson);
    CHECK(json["analysis"] == "fit");
    CHECK(json["model"] == "power");
    CHECK(json["window"][0] == 2.0);
    CHECK(json["window"][1].is_null());
    CHECK(json["excluded"] == nlohmann::json{3, 5});
    CHECK(json["bootstrap"]["samples"] == 200);
    CHECK(json["bootstrap"]["seed"] == 9);
}
