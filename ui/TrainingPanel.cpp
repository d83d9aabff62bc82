#include "TrainingPanel.h"

#include "TrainingCurves.h"
#include "TrainingJobRunner.h"

#include "inference/Assessment.h"
#include "inference/LandmarkModel.h"
#include "workspace/CheckSet.h"
#include "workspace/CorrectedKeypoints.h"
#include "workspace/LandmarkTrainingJob.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <cmath>
#include <exception>
#include <set>

namespace boneage::ui {

namespace {

QString durationText(double seconds)
{
    const long s = std::lround(std::max(0.0, seconds));
    if (s < 60) return TrainingPanel::tr("%1 s").arg(s);
    if (s < 3600) return TrainingPanel::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return TrainingPanel::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString stateText(const std::string& state)
{
    if (state == "running") return TrainingPanel::tr("running");
    if (state == "done") return TrainingPanel::tr("done");
    if (state == "failed") return TrainingPanel::tr("failed");
    if (state == "cancelled") return TrainingPanel::tr("cancelled");
    return QString::fromStdString(state);
}

// The shell's quoting, for the command recorded in the lineage.
QString quoted(const QString& s)
{
    if (!s.isEmpty() && !s.contains(QRegularExpression(QStringLiteral("[^A-Za-z0-9_./:=+-]")))) return s;
    return QLatin1Char('\'') + QString(s).replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
}

} // namespace

TrainingPanel::TrainingPanel(TrainingJobRunner* runner, QWidget* parent)
    : QWidget(parent)
    , runner_(runner)
    , base_(new QComboBox)
    , what_(new QComboBox)
    , recipe_(new QComboBox)
    , device_(new QComboBox)
    , minutes_(new QDoubleSpinBox)
    , epochs_(new QSpinBox)
    , data_(new QLabel)
    , start_(new QPushButton(tr("&Start Training")))
    , queue_(new QListWidget)
    , cancel_(new QPushButton(tr("&Cancel Job")))
    , remove_(new QPushButton(tr("&Remove from Queue")))
    , resumable_(new QComboBox)
    , resume_(new QPushButton(tr("Res&ume")))
    , progress_(new QProgressBar)
    , state_(new QLabel)
    , curves_(new TrainingCurves)
    , log_(new QPlainTextEdit)
{
    setWindowTitle(tr("Train a Model"));
    base_->setToolTip(tr("The model the training starts from: the installed models or a finished version of this workspace"));
    base_->setMinimumContentsLength(24);
    base_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    what_->addItem(tr("Bone age model (cases with a reading)"), QStringLiteral("bone-age"));
    what_->addItem(tr("Hand landmark model (corrected keypoints)"), QStringLiteral("landmarks"));
    what_->setItemData(1, tr("Fine-tunes a hand landmark package on the read cases whose keypoints readers confirmed or corrected "
                             "(at least %1 outside the check set and %2 in it)")
                              .arg(kMinimumLandmarkTrainingHands)
                              .arg(kMinimumLandmarkCheckHands),
                       Qt::ToolTipRole);
    recipe_->addItem(tr("Fine-tune (early blocks frozen)"), QStringLiteral("fine-tune"));
    recipe_->addItem(tr("Full (every layer trained)"), QStringLiteral("full"));
    recipe_->setToolTip(tr("Fine-tuning keeps the architecture's early blocks as they are and adapts the rest to the local films"));
    device_->addItem(tr("CPU"), QStringLiteral("cpu"));
    device_->addItem(tr("GPU (CUDA)"), QStringLiteral("cuda"));
    if (inferenceDevice() != "cuda")
        if (auto* model = qobject_cast<QStandardItemModel*>(device_->model())) {
            model->item(1)->setEnabled(false);
            model->item(1)->setToolTip(tr("LibTorch sees no GPU on this computer"));
        }
    minutes_->setRange(0.1, 7 * 24 * 60);
    minutes_->setDecimals(1);
    minutes_->setValue(10);
    minutes_->setSuffix(tr(" min"));
    minutes_->setToolTip(tr("Time budget of the whole job; the last epoch is cut short and still measured"));
    epochs_->setRange(1, 10000);
    epochs_->setValue(100);
    epochs_->setToolTip(tr("At most this many epochs; the time budget usually ends the training first"));
    data_->setWordWrap(true);
    start_->setToolTip(tr("Queue the job; it starts when the jobs before it have ended"));
    cancel_->setToolTip(tr("Stop the running job after its current step; it keeps its checkpoint and can be resumed"));
    resume_->setToolTip(tr("Continue a failed or cancelled version from its last checkpoint, within what is left of its time budget"));
    progress_->setRange(0, 1000);
    progress_->setTextVisible(true);
    state_->setWordWrap(true);
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(5000);
    log_->setLineWrapMode(QPlainTextEdit::NoWrap);
    log_->setPlaceholderText(tr("The job's messages appear here"));

    auto* form = new QFormLayout;
    form->addRow(tr("Base model:"), base_);
    form->addRow(tr("Train:"), what_);
    form->addRow(tr("Recipe:"), recipe_);
    form->addRow(tr("Device:"), device_);
    form->addRow(tr("Time budget:"), minutes_);
    form->addRow(tr("Epochs at most:"), epochs_);
    auto* newJob = new QGroupBox(tr("New job"));
    auto* newLayout = new QVBoxLayout(newJob);
    newLayout->addLayout(form);
    newLayout->addWidget(data_);
    newLayout->addWidget(start_);

    auto* jobs = new QGroupBox(tr("Jobs"));
    auto* jobsLayout = new QVBoxLayout(jobs);
    jobsLayout->addWidget(queue_);
    auto* jobButtons = new QHBoxLayout;
    jobButtons->addWidget(cancel_);
    jobButtons->addWidget(remove_);
    jobsLayout->addLayout(jobButtons);
    auto* resumeRow = new QHBoxLayout;
    resumeRow->addWidget(resumable_, 1);
    resumeRow->addWidget(resume_);
    jobsLayout->addWidget(new QLabel(tr("Interrupted versions:")));
    jobsLayout->addLayout(resumeRow);

    auto* left = new QVBoxLayout;
    left->addWidget(newJob);
    left->addWidget(jobs, 1);
    auto* right = new QVBoxLayout;
    right->addWidget(progress_);
    right->addWidget(state_);
    right->addWidget(curves_, 3);
    right->addWidget(log_, 2);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left);
    layout->addLayout(right, 1);

    connect(start_, &QPushButton::clicked, this, [this] { start(); });
    connect(what_, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(resume_, &QPushButton::clicked, this, [this] { resumeSelected(); });
    connect(cancel_, &QPushButton::clicked, runner_, &TrainingJobRunner::cancel);
    connect(remove_, &QPushButton::clicked, this, [this] {
        // The first row is the running job when one runs.
        const int row = queue_->currentRow() - (runner_->isRunning() ? 1 : 0);
        runner_->removeQueued(row);
    });
    connect(queue_, &QListWidget::currentRowChanged, this, &TrainingPanel::updateButtons);
    connect(runner_, &TrainingJobRunner::queueChanged, this, &TrainingPanel::refreshQueue);
    connect(runner_, &TrainingJobRunner::jobStarted, this, [this](int version, const QString& description) {
        curves_->clear();
        progress_->setValue(0);
        progress_->setFormat(tr("Model version %1: starting").arg(version));
        state_->setText(tr("Model version %1: %2").arg(version).arg(description));
        appendLog(tr("— model version %1: %2 —").arg(version).arg(description));
        refreshQueue();
        emit versionsChanged();
    });
    connect(runner_, &TrainingJobRunner::jobEvent, this, &TrainingPanel::onEvent);
    connect(runner_, &TrainingJobRunner::logLine, this, [this](int, const QString& line) {
        const JobEvent e = parseJobLine(line.toStdString());
        const QString text = e.kind == JobEvent::Kind::Log ? plainLine(line) : logText(e);
        if (!text.isEmpty()) appendLog(text);
    });
    connect(runner_, &TrainingJobRunner::jobFinished, this, &TrainingPanel::onFinished);
    connect(runner_, &TrainingJobRunner::jobRefused, this, [this](const QString& description, const QString& reason) {
        const QString text = tr("Not started: %1. %2").arg(description, reason);
        state_->setText(text);
        appendLog(text);
        emit message(text);
        refresh();
    });
    setWorkspace(nullptr, {});
}

void TrainingPanel::setWorkspace(Workspace* workspace, const QString& installedModels)
{
    workspace_ = workspace;
    installedModels_ = installedModels;
    if (!runner_->isRunning()) {
        curves_->clear();
        progress_->setValue(0);
        progress_->setFormat(QString());
        state_->clear();
    }
    refresh();
}

bool TrainingPanel::canResume(const Workspace& workspace, const ModelVersion& v)
{
    return canResumeTrainingJob(workspace, v);
}

void TrainingPanel::refresh()
{
    const QString chosenBase = base_->currentData().toString();
    const int chosenResume = resumable_->currentData().toInt();
    base_->clear();
    resumable_->clear();
    data_->clear();
    // The bases of the chosen kind: a landmark job starts from a landmark package, a bone-age job
    // from bone-age packages (planTrainingJob refuses the other kind with the reason).
    const std::string what = what_->currentData().toString().toStdString();
    if (!installedModels_.isEmpty()) {
        if (what == "landmarks") {
            if (const auto package = LandmarkModel::find(installedModels_.toStdString())) {
                base_->addItem(tr("Installed landmark model"), QString::fromStdString(*package));
                base_->setItemData(0, QDir::toNativeSeparators(QString::fromStdString(*package)), Qt::ToolTipRole);
            }
        } else {
            base_->addItem(tr("Installed models"), installedModels_);
            base_->setItemData(0, QDir::toNativeSeparators(installedModels_), Qt::ToolTipRole);
        }
    }
    if (workspace_) {
        try {
            ModelRegistry registry(*workspace_);
            for (const ModelVersion& v : registry.versions()) {
                if (v.what == what && v.state == "done")
                    base_->addItem(tr("Model version %1 (%2)").arg(v.version).arg(QString::fromStdString(v.createdAt)),
                                   QString::fromStdString(registry.packageFolder(v.version)));
                if (canResume(*workspace_, v))
                    resumable_->addItem(tr("Model version %1 (%2)").arg(v.version).arg(stateText(v.state)), v.version);
            }
            const int read = static_cast<int>(registry.readCases().size());
            const int check = static_cast<int>(registry.checkSet().size());
            if (what == "landmarks") {
                const std::vector<std::string> ids = registry.checkSet();
                const std::set<std::string> inCheck(ids.begin(), ids.end());
                int training = 0, checking = 0;
                for (const ReadCase& c : registry.readCases())
                    if (correctedHand(*workspace_, c.caseId)) ++(inCheck.count(c.caseId) ? checking : training);
                data_->setText(check > 0 ? tr("%1 read cases with corrected keypoints: %2 in the check set (measured, never trained "
                                              "on), %3 for training.")
                                               .arg(training + checking)
                                               .arg(checking)
                                               .arg(training)
                                         : tr("%1 read cases with corrected keypoints. The first job draws the check set from the "
                                              "read cases; its hands are measured, never trained on.")
                                               .arg(training + checking));
            } else
            data_->setText(check > 0 ? tr("%1 read cases: %2 in the check set (never trained on), %3 for training.")
                                           .arg(read)
                                           .arg(check)
                                           .arg(read - check)
                                     : tr("%1 read cases. The first job draws the check set (%2 cases, never trained on) "
                                          "and trains on the others; at least %3 read cases are needed.")
                                           .arg(read)
                                           .arg(checkSetSize(read))
                                           .arg(kMinimumCheckSet + kMinimumTrainingCases));
        } catch (const std::exception& e) {
            data_->setText(tr("The model registry cannot be read: %1").arg(QString::fromStdString(e.what())));
        }
    } else {
        data_->setText(tr("Open a workspace to train on its read cases."));
    }
    if (const int i = base_->findData(chosenBase); i >= 0) base_->setCurrentIndex(i);
    if (const int i = resumable_->findData(chosenResume); i >= 0) resumable_->setCurrentIndex(i);
    if (resumable_->count() == 0) resumable_->addItem(tr("none"), 0);
    refreshQueue();
}

void TrainingPanel::refreshQueue()
{
    queue_->clear();
    if (runner_->isRunning())
        queue_->addItem(tr("Running: model version %1 – %2").arg(runner_->runningVersion()).arg(runner_->runningDescription()));
    for (const QueuedTraining& q : runner_->queued()) queue_->addItem(tr("Queued: %1").arg(q.description));
    if (queue_->count() == 0) queue_->addItem(tr("No job running or queued"));
    updateButtons();
}

void TrainingPanel::updateButtons()
{
    const bool writable = workspace_ && workspace_->isWritable();
    start_->setEnabled(writable && base_->count() > 0);
    cancel_->setEnabled(runner_->isRunning());
    const int row = queue_->currentRow() - (runner_->isRunning() ? 1 : 0);
    remove_->setEnabled(row >= 0 && row < static_cast<int>(runner_->queued().size()));
    resume_->setEnabled(writable && resumable_->currentData().toInt() > 0);
    if (workspace_ && !writable) state_->setText(tr("The workspace is open read-only: no training."));
}

bool TrainingPanel::start()
{
    if (!workspace_ || !workspace_->isWritable()) {
        state_->setText(tr("Open a workspace for writing to train on it."));
        return false;
    }
    if (base_->currentIndex() < 0) {
        state_->setText(tr("No base model: install the models or finish a version first."));
        return false;
    }
    TrainingRequest r;
    r.base = base_->currentData().toString().toStdString();
    r.what = what_->currentData().toString().toStdString();
    r.recipe = recipe_->currentData().toString().toStdString();
    r.device = device_->currentData().toString().toStdString();
    r.minutes = minutes_->value();
    r.epochs = epochs_->value();
    // The lineage records the command that gives the same job.
    r.command = QStringLiteral("boneage workspace train %1 --base %2 --what %3 --recipe %4 --device %5 --minutes %6 --epochs %7 (from the workstation)")
                    .arg(quoted(QString::fromStdString(workspace_->dir())), quoted(base_->currentData().toString()),
                         what_->currentData().toString(), recipe_->currentData().toString(),
                         device_->currentData().toString())
                    .arg(r.minutes)
                    .arg(r.epochs)
                    .toStdString();
    QueuedTraining job;
    job.request = r;
    job.description = tr("%1 from %2, %3, %4, %5 min").arg(what_->currentText(), base_->currentText(), recipe_->currentText(),
                                                            device_->currentText()).arg(r.minutes);
    runner_->enqueue(std::move(job));
    state_->setText(runner_->isRunning() ? tr("Queued: it starts when the running job has ended.") : tr("Starting…"));
    return true;
}

bool TrainingPanel::resumeSelected()
{
    const int version = resumable_->currentData().toInt();
    if (!workspace_ || !workspace_->isWritable() || version <= 0) return false;
    QueuedTraining job;
    job.resumeVersion = version;
    job.description = tr("resume model version %1").arg(version);
    runner_->enqueue(std::move(job));
    return true;
}

QString TrainingPanel::logText(const JobEvent& e) const
{
    switch (e.kind) {
    case JobEvent::Kind::Phase:
        if (e.text == "prepare") return tr("Preparing the films for training");
        if (e.text == "evaluate") return tr("Measuring the base and the new model on the check set");
        return tr("Phase: %1").arg(QString::fromStdString(e.text));
    case JobEvent::Kind::Package:
        return tr("Training %1 (%2 of %3)").arg(QString::fromStdString(e.package)).arg(e.packageIndex + 1).arg(e.packageCount);
    case JobEvent::Kind::Epoch:
        if (e.keypointError)
            return tr("%1, epoch %2: loss %3, check-set keypoint error %4 of the hand scale")
                .arg(QString::fromStdString(e.package))
                .arg(e.epoch)
                .arg(e.loss, 0, 'f', 3)
                .arg(e.checkMae >= 0 ? QString::number(e.checkMae, 'f', 4) : tr("not measured"));
        return tr("%1, epoch %2: loss %3, check-set MAE %4 months")
            .arg(QString::fromStdString(e.package))
            .arg(e.epoch)
            .arg(e.loss, 0, 'f', 3)
            .arg(e.checkMae >= 0 ? QString::number(e.checkMae, 'f', 2) : tr("not measured"));
    case JobEvent::Kind::PackageDone: return tr("%1 finished").arg(QString::fromStdString(e.package));
    case JobEvent::Kind::Done: return tr("The job ended: %1").arg(stateText(e.text));
    case JobEvent::Kind::Step:
    case JobEvent::Kind::Log: break;
    }
    return {};
}

void TrainingPanel::onEvent(int version, const JobEvent& e)
{
    switch (e.kind) {
    case JobEvent::Kind::Phase:
    case JobEvent::Kind::Package: state_->setText(tr("Model version %1: %2").arg(version).arg(logText(e))); break;
    case JobEvent::Kind::Epoch:
        curves_->setKeypointError(e.keypointError);
        curves_->addPoint(QString::fromStdString(e.package), e.epoch, e.loss, e.checkMae); [[fallthrough]];
    case JobEvent::Kind::Step:
    case JobEvent::Kind::PackageDone:
        progress_->setValue(static_cast<int>(std::lround(e.fraction * 1000)));
        progress_->setFormat(e.etaSeconds >= 0 ? tr("Model version %1: %2 %, about %3 left")
                                                     .arg(version)
                                                     .arg(std::lround(e.fraction * 100))
                                                     .arg(durationText(e.etaSeconds))
                                               : tr("Model version %1: %2 %").arg(version).arg(std::lround(e.fraction * 100)));
        break;
    case JobEvent::Kind::Done:
    case JobEvent::Kind::Log: break;
    }
}

void TrainingPanel::onFinished(const ModelVersion& v)
{
    QString text;
    if (v.state == "done") {
        progress_->setValue(1000);
        text = tr("Model version %1 is ready. It is not in use: compare it with the model in use in Models > Model Versions.")
                   .arg(v.version);
    } else if (v.state == "cancelled") {
        text = tr("Model version %1 was cancelled: %2").arg(v.version).arg(QString::fromStdString(v.message));
    } else {
        text = tr("Model version %1 failed: %2").arg(v.version).arg(QString::fromStdString(v.message));
    }
    progress_->setFormat(tr("Model version %1: %2").arg(v.version).arg(stateText(v.state)));
    state_->setText(text);
    appendLog(text);
    emit message(text);
    refresh();
    emit versionsChanged();
}

void TrainingPanel::appendLog(const QString& line) { log_->appendPlainText(line); }

QString TrainingPanel::plainLine(const QString& line) const
{
    // `boneage prepare`'s summary (one JSON object) as a sentence; any other line as it is.
    const nlohmann::json j = nlohmann::json::parse(line.toStdString(), nullptr, false);
    if (!j.is_object() || !j.contains("recipe") || !j.contains("samples")) return line;
    return tr("Prepared %1 films with the recipe %2 (%3 skipped)")
        .arg(j.value("samples", 0))
        .arg(QString::fromStdString(j.value("recipe", std::string())))
        .arg(j.value("skipped", 0));
}

} // namespace boneage::ui
