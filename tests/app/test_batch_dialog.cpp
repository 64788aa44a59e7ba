// File ▸ Batch…: the current project as template, run here with progress (same summary as
// `insitu batch` on the recipe it writes), and the recipe + Slurm scripts for a cluster.
#include <catch2/catch.hpp>

#include "batch/batch_dialog.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

#include <fstream>
#include <sstream>

using namespace insitu;

namespace {

std::string slurp(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("the batch dialog runs the project's analyses on the chosen movies", "[app][batch]")
{
    const auto dir = test::scratchDir("app_batch_dialog");
    std::filesystem::create_directories(dir / "movies");
    for (int k = 0; k < 2; ++k) {
        const auto movie = (dir / "movies" / ("wire" + std::to_string(k) + ".tif")).string();
        REQUIRE(test::runCli("synth nanowire-front -o " + movie +
                             " --frames 40 --width 160 "
                             "--height 96 --fronts 1 --seed " +
                             std::to_string(31 + k))
                    .exitCode == 0);
    }
    const auto template0 = (dir / "template-in.h5").string();
    REQUIRE(test::runCli("front " + (dir / "movies" / "wire0.tif").string() +
                         " --line 13.75,45.43,153.41,55.19 --width 14 --drift none --project " +
                         template0)
                .exitCode == 0);

    app::BatchDialog dialog(loadProject(template0));
    const QString out = QString::fromStdString((dir / "out").string());
    dialog.setMovies({QString::fromStdString((dir / "movies" / "*.tif").string())});
    dialog.setOutputFolder(out);
    dialog.setJobs(2);
    QSignalSpy finished(&dialog, &app::BatchDialog::finished);
    dialog.runHere();
    REQUIRE(finished.wait(60000));
    INFO(dialog.logText().toStdString());
    CHECK(dialog.lastStatus() == 0);
    CHECK(dialog.logText().contains(QStringLiteral("[2/2]")));
    const std::string summary = slurp(dir / "out" / "summary.csv");
    CHECK(summary.find("\nwire0,") != std::string::npos);
    CHECK(summary.find("\nwire1,") != std::string::npos);

    // the recipe it wrote gives the same summary through the CLI
    const auto cli = test::runCli("batch " + (dir / "out" / "recipe.json").string() + " --resume");
    CHECK(cli.exitCode == 0);
    CHECK(slurp(dir / "out" / "summary.csv") == summary);

    const QString command = dialog.writeClusterFiles();
    CHECK(command.contains(QStringLiteral("submit-batch.sh")));
    for (const char* name :
         {"insitu-batch.sbatch", "submit-batch.sh", "recipe.json", "template.h5"})
        CHECK(std::filesystem::exists(dir / "out" / name));
    CHECK(QFileInfo(out + QStringLiteral("/insitu-batch.sbatch")).isExecutable());
}

TEST_CASE("the batch dialog offers the template's analyses and writes the chosen ones",
          "[app][batch]")
{
    const auto dir = test::scratchDir("app_batch_dialog_analyses");
    std::filesystem::create_directories(dir / "movies");
    const auto movie = (dir / "movies" / "wire.tif").string();
    REQUIRE(test::runCli("synth nanowire-front -o " + movie +
                         " --frames 30 --width 160 --height 96 --fronts 1 --seed 5")
                .exitCode == 0);
    const auto template0 = (dir / "template-in.h5").string();
    REQUIRE(test::runCli("front " + movie +
                         " --line 13.75,45.43,153.41,55.19 --width 14 --drift mean --project " +
                         template0)
                .exitCode == 0);
    app::BatchDialog dialog(loadProject(template0));
    CHECK(dialog.analyses() == QStringList{QStringLiteral("drift"), QStringLiteral("fronts")});
    dialog.setAnalysisChecked(QStringLiteral("grains"), true); // not in the project: stays off
    CHECK(!dialog.analyses().contains(QStringLiteral("grains")));

    dialog.setMovies({QString::fromStdString(movie)});
    dialog.setOutputFolder(QString::fromStdString((dir / "out").string()));
    // all offered analyses: the recipe names none (it runs what the template holds)
    CHECK(loadRecipe(dialog.writeRecipe().toStdString()).analyses.empty());
    dialog.setAnalysisChecked(QStringLiteral("fronts"), false);
    const auto recipe = loadRecipe(dialog.writeRecipe().toStdString());
    CHECK(recipe.analyses == std::vector<std::string>{"drift"});
    CHECK(!recipe.timeline); // the project holds no timeline
    const auto cli = test::runCli("batch " + (dir / "out" / "recipe.json").string());
    INFO(cli.err);
    REQUIRE(cli.exitCode == 0);
    const std::string summary = slurp(dir / "out" / "summary.csv");
    CHECK(summary.find(",drift,") != std::string::npos);
    CHECK(summary.find(",fronts,") == std::string::npos);
    dialog.setAnalysisChecked(QStringLiteral("drift"), false);
    CHECK_THROWS_WITH(dialog.writeRecipe(), Catch::Contains("at least one analysis"));
}
