// Hidden: dumps grain-film diagnostics to /tmp (run with "[.grainsdebug]").
#include "grain_truth.h"

#include "insitu/crystal/grain_segmentation.h"
#include "insitu/crystal/phase_fractions.h"
#include "insitu/synth/grain_film.h"

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <iostream>

using namespace insitu;

TEST_CASE("grain debug dump", "[.grainsdebug]")
{
    for (bool after : {false, true}) {
        GrainFilmScene scene =
            after ? GrainFilmScene::afterCycling() : GrainFilmScene::beforeCycling();
        scene.width = scene.height = 768;
        const GrainFilm film = renderGrainFilm(scene);
        const std::string tag = after ? "after" : "before";
        cv::Mat u8;
        cv::normalize(film.image, u8, 0, 255, cv::NORM_MINMAX, CV_8U);
        cv::imwrite("/tmp/gd_" + tag + "_image.png", u8);
        const PhaseFractions phases = classifyPhases(film.image, film.nmPerPixel);
        for (int c = 1; c <= 3; ++c) {
            cv::Scalar m, s;
            cv::meanStdDev(phases.fringePower, m, s, film.truthClass == c);
            std::cout << tag << " class " << c << " fringe " << m[0] << " ± " << s[0] << "\n";
        }
        std::cout << tag << " threshold " << phases.crystallineThreshold << "\n";
        cv::normalize(phases.fringePower, u8, 0, 255, cv::NORM_MINMAX, CV_8U);
        cv::imwrite("/tmp/gd_" + tag + "_fringe.png", u8);
        const GrainSegmentation g =
            segmentGrains(film.image, film.nmPerPixel, {}, film.truthClass == 1);
        cv::Mat b;
        g.boundaryMap.convertTo(b, CV_8U, 255);
        cv::imwrite("/tmp/gd_" + tag + "_boundary.png", b);
        {
            cv::Mat tb = labelBoundaries(film.truthLabels) == 255;
            cv::dilate(tb, tb, cv::Mat());
            cv::Scalar m, sd;
            cv::meanStdDev(g.boundaryMap * 16, m, sd, tb);
            std::cout << tag << " z on truth boundaries " << m[0] << " ± " << sd[0];
            cv::meanStdDev(g.boundaryMap * 16, m, sd, (film.truthClass == 1) & ~tb);
            std::cout << ", interior " << m[0] << " ± " << sd[0] << "\n";
        }
        std::cout << tag << " boundary threshold " << g.boundaryThreshold << " grains "
                  << g.grains.size() << "\n";
        cv::Mat over;
        cv::cvtColor(u8, over, cv::COLOR_GRAY2BGR);
        cv::normalize(film.image, u8, 0, 255, cv::NORM_MINMAX, CV_8U);
        cv::cvtColor(u8, over, cv::COLOR_GRAY2BGR);
        over.setTo(cv::Scalar(0, 255, 0), labelBoundaries(film.truthLabels) == 255);
        over.setTo(cv::Scalar(0, 0, 255), labelBoundaries(g.labels) == 255);
        cv::Mat crop;
        cv::resize(over(cv::Rect(0, 0, 384, 384)), crop, cv::Size(768, 768), 0, 0,
                   cv::INTER_NEAREST);
        cv::imwrite("/tmp/gd_" + tag + "_overlay.png", crop);
        const auto cmp =
            test::compareWithTruth(film.truthLabels, g, minGrainAreaPx({}, film.nmPerPixel));
        std::cout << tag << " (truth mask) matched " << cmp.matched << "/" << cmp.truthGrains
                  << " median " << cmp.measuredMedianEcdPx << " vs " << cmp.truthMedianEcdPx
                  << "\n";
    }
}
