// BatchDialog: File ▸ Batch… — recipe from the current project, local run, cluster files.

#include "batch/batch_dialog.h"

#include "insitu/error.h"
#include "insitu/project/project_file.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

// Q_INIT_RESOURCE must be used outside any namespace; the resource lives in a static library.
static void initBatchScriptsResource()
{
    Q_INIT_RESOURCE(batch_scripts);
}

namespace insitu::app {

namespace {

std::filesystem::path fsPath(const QString& path)
{
    return std::filesystem::path(path.toStdString());
}

/// Copies a script of the batch_scripts resource into folder, executable.
void writeScript(const QString& name, const QDir& folder)
{
    initBatchScriptsResource();
    const QString target = folder.filePath(name);
    QFile::remove(target);
    if (!QFile::copy(QStringLiteral(":/batch/") + name, target))
        throw Error(target.toStdString() + ": cannot write the Slurm script");
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                      QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                      QFile::ExeOther);
}

} // namespace

BatchDialog::BatchDialog(Project project, QWidget* parent)
    : QDialog(parent), m_project(std::move(project))
{
    setWindowTitle(tr("Batch"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("The current project is the template: its ROIs, calibration and analyses are applied "
           "to every movie below.")));
    m_movies = new QListWidget;
    layout->addWidget(m_movies);
    auto* movieButtons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add movies…"));
    auto* folder = new QPushButton(tr("Add folder…"));
    auto* remove = new QPushButton(tr("Remove"));
    movieButtons->addWidget(add);
    movieButtons->addWidget(folder);
    movieButtons->addWidget(remove);
    movieButtons->addStretch();
    layout->addLayout(movieButtons);

    auto* form = new QFormLayout;
    auto* outputRow = new QHBoxLayout;
    m_output = new QLineEdit;
    auto* browse = new QPushButton(tr("Browse…"));
    outputRow->addWidget(m_output);
    outputRow->addWidget(browse);
    form->addRow(tr("Output folder"), outputRow);
    m_jobs = new QSpinBox;
    m_jobs->setRange(1, 256);
    m_jobs->setValue(std::max(1, QThread::idealThreadCount()));
    form->addRow(tr("Movies at once"), m_jobs);
    layout->addLayout(form);

    // The analyses the template holds, each on by default; the others are shown greyed out.
    const ProjectMovie* templ = m_project.movies.empty() ? nullptr : &m_project.movies.front();
    auto* analysesBox = new QGroupBox(tr("Analyses"));
    auto* analysesLayout = new QHBoxLayout(analysesBox);
    for (const BatchAnalysis* analysis : batchAnalyses()) {
        const QString name = QString::fromStdString(analysis->name());
        auto* box = new QCheckBox(name);
        const bool held = templ && analysis->inTemplate(*templ);
        box->setChecked(held);
        box->setEnabled(held);
        box->setToolTip(held ? tr("Run %1 on every movie with the project's settings").arg(name)
                             : tr("The project holds no %1 result to repeat").arg(name));
        analysesLayout->addWidget(box);
        m_analyses.emplace_back(name, box);
    }
    analysesLayout->addStretch();
    layout->addWidget(analysesBox);
    m_timelineLogs = new QLineEdit;
    m_timelineLogs->setPlaceholderText(QStringLiteral("{dir}/{stem}.mpt"));
    m_timelineLogs->setToolTip(
        tr("Each movie's logs, ';' between several: {dir} is the movie's folder, {stem} its "
           "name without extension"));
    const bool withTimeline = templ && templ->timeline.has_value();
    m_timelineLogs->setEnabled(withTimeline);
    if (withTimeline)
        m_timelineLogs->setText(QStringLiteral("{dir}/{stem}.mpt"));
    auto* timelineForm = new QFormLayout;
    timelineForm->addRow(tr("Timeline logs"), m_timelineLogs);
    layout->addLayout(timelineForm);

    m_progress = new QProgressBar;
    m_progress->setValue(0);
    layout->addWidget(m_progress);
    m_log = new QPlainTextEdit;
    m_log->setReadOnly(true);
    layout->addWidget(m_log);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_run = buttons->addButton(tr("Run here"), QDialogButtonBox::ActionRole);
    m_write =
        buttons->addButton(tr("Write recipe and Slurm scripts"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);

    connect(add, &QPushButton::clicked, this, &BatchDialog::addMovies);
    connect(folder, &QPushButton::clicked, this, &BatchDialog::addFolder);
    connect(remove, &QPushButton::clicked, this, [this] { delete m_movies->currentItem(); });
    connect(browse, &QPushButton::clicked, this, &BatchDialog::chooseOutput);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_run, &QPushButton::clicked, this, [this] {
        try {
            runHere();
        } catch (const Error& e) {
            QMessageBox::warning(this, tr("Batch"), QString::fromStdString(e.what()));
        }
    });
    connect(m_write, &QPushButton::clicked, this, [this] {
        try {
            const QString command = writeClusterFiles();
            QMessageBox::information(
                this, tr("Batch"),
                tr("Wrote the recipe and the Slurm scripts. On the cluster:\n%1").arg(command));
        } catch (const Error& e) {
            QMessageBox::warning(this, tr("Batch"), QString::fromStdString(e.what()));
        }
    });
}

BatchDialog::~BatchDialog()
{
    if (m_watcher)
        m_watcher->waitForFinished();
}

void BatchDialog::setMovies(const QStringList& pathsOrPatterns)
{
    m_movies->clear();
    m_movies->addItems(pathsOrPatterns);
}

QStringList BatchDialog::movies() const
{
    QStringList list;
    for (int i = 0; i < m_movies->count(); ++i)
        list << m_movies->item(i)->text();
    return list;
}

void BatchDialog::setOutputFolder(const QString& folder)
{
    m_output->setText(folder);
}

void BatchDialog::setJobs(int jobs)
{
    m_jobs->setValue(jobs);
}

void BatchDialog::addMovies()
{
    m_movies->addItems(QFileDialog::getOpenFileNames(this, tr("Movies")));
}

void BatchDialog::addFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of movies"));
    if (dir.isEmpty())
        return;
    // every file like the template's movie (same extension)
    QString suffix = QStringLiteral("*");
    if (!m_project.movies.empty()) {
        const QFileInfo movie(QString::fromStdString(m_project.movies.front().path.string()));
        if (!movie.suffix().isEmpty())
            suffix = QStringLiteral("*.") + movie.suffix();
    }
    m_movies->addItem(QDir(dir).filePath(suffix));
}

void BatchDialog::chooseOutput()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Output folder"));
    if (!dir.isEmpty())
        m_output->setText(dir);
}

QStringList BatchDialog::analyses() const
{
    QStringList names;
    for (const auto& [name, box] : m_analyses)
        if (box->isEnabled() && box->isChecked())
            names << name;
    return names;
}

void BatchDialog::setAnalysisChecked(const QString& name, bool checked)
{
    for (const auto& [n, box] : m_analyses)
        if (n == name && box->isEnabled())
            box->setChecked(checked);
}

void BatchDialog::setTimelineLogs(const QString& patterns)
{
    m_timelineLogs->setText(patterns);
}

QString BatchDialog::writeRecipe()
{
    if (m_movies->count() == 0)
        throw Error("batch: add movies (files or a folder) first");
    if (m_output->text().isEmpty())
        throw Error("batch: choose an output folder first");
    const QDir out(m_output->text());
    if (!QDir().mkpath(out.absolutePath()))
        throw Error(out.absolutePath().toStdString() + ": cannot create the output folder");
    saveProject(m_project, fsPath(out.filePath(QStringLiteral("template.h5"))));
    BatchRecipe recipe;
    for (const QString& movie : movies())
        recipe.movies.push_back(movie.toStdString());
    recipe.templateProject = "template.h5";
    recipe.outputDir = ".";
    const QStringList chosen = analyses();
    int offered = 0;
    for (const auto& [name, box] : m_analyses)
        offered += box->isEnabled() ? 1 : 0;
    if (chosen.isEmpty())
        throw Error("batch: choose at least one analysis");
    if (chosen.size() < offered) // all of them: no list, so the recipe runs what the template holds
        for (const QString& name : chosen)
            recipe.analyses.push_back(name.toStdString());
    if (m_timelineLogs->isEnabled() && chosen.contains(QStringLiteral("timeline"))) {
        BatchTimeline timeline;
        for (const QString& log :
             m_timelineLogs->text().split(QLatin1Char(';'), Qt::SkipEmptyParts))
            timeline.logs.push_back(log.trimmed().toStdString());
        if (timeline.logs.empty())
            throw Error("batch: name each movie's timeline logs (e.g. {dir}/{stem}.mpt)");
        recipe.timeline = timeline;
    }
    const QString path = out.filePath(QStringLiteral("recipe.json"));
    saveRecipe(recipe, fsPath(path));
    return path;
}

QString BatchDialog::writeClusterFiles()
{
    const QString recipe = writeRecipe();
    const QDir out(m_output->text());
    writeScript(QStringLiteral("insitu-batch.sbatch"), out);
    writeScript(QStringLiteral("submit-batch.sh"), out);
    const int shares = std::max(1, std::min(m_movies->count() * 4, 64));
    return QStringLiteral("%1 %2 %3")
        .arg(out.filePath(QStringLiteral("submit-batch.sh")), recipe)
        .arg(shares);
}

void BatchDialog::runHere()
{
    if (isRunning())
        return;
    const QString recipePath = writeRecipe();
    const BatchPlan plan = planBatch(loadRecipe(fsPath(recipePath)));
    writeBatchIndex(plan);
    m_log->clear();
    m_progress->setRange(0, static_cast<int>(plan.movies.size()));
    m_progress->setValue(0);
    m_run->setEnabled(false);
    m_write->setEnabled(false);
    const int jobs = m_jobs->value();
    m_watcher = new QFutureWatcher<std::vector<BatchFailure>>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this, &BatchDialog::runFinished);
    const BatchMessages messages = [this](const std::string& line) {
        QMetaObject::invokeMethod(
            this, [this, text = QString::fromStdString(line)] { showMessage(text); },
            Qt::QueuedConnection);
    };
    m_watcher->setFuture(QtConcurrent::run([plan, jobs, messages] {
        (void)runBatchMovies(plan, plan.movies, jobs, false, messages);
        return mergeBatch(plan.outputDir);
    }));
}

bool BatchDialog::isRunning() const
{
    return m_watcher && m_watcher->isRunning();
}

QString BatchDialog::logText() const
{
    return m_log->toPlainText();
}

void BatchDialog::showMessage(const QString& line)
{
    m_log->appendPlainText(line);
    if (line.startsWith(QLatin1Char('['))) // "[k/N] name: …"
        m_progress->setValue(line.mid(1, line.indexOf(QLatin1Char('/')) - 1).toInt());
}

void BatchDialog::runFinished()
{
    QString summary;
    try {
        const auto failures = m_watcher->result();
        m_lastStatus = failures.empty() ? 0 : 2;
        summary =
            tr("Summary: %1").arg(QDir(m_output->text()).filePath(QStringLiteral("summary.csv")));
        for (const auto& f : failures)
            summary += tr("\nno results: %1: %2")
                           .arg(QString::fromStdString(f.movie), QString::fromStdString(f.error));
    } catch (const std::exception& e) {
        m_lastStatus = 2;
        summary = QString::fromStdString(e.what());
    }
    m_log->appendPlainText(summary);
    m_watcher->deleteLater();
    m_watcher = nullptr;
    m_run->setEnabled(true);
    m_write->setEnabled(true);
    emit finished();
}

} // namespace insitu::app
