// MainWindow's models (issue 16): Models > Train (training jobs on the open workspace, each in a child
// process) and Models > Model Versions (comparison, promotion, rollback); the assessments use the
// workspace's version in use and name it. Interrupted jobs are recovered when a workspace opens.
#include "MainWindow.h"

#include "AssessmentPanel.h"
#include "ComparisonView.h"
#include "ModelVersionsView.h"
#include "TrainingJobRunner.h"
#include "TrainingPanel.h"

#include "workspace/ModelRegistry.h"
#include "workspace/TrainingJob.h"

#include <QAction>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>

#include <cmath>
#include <exception>

namespace boneage::ui {

void MainWindow::setUpModels()
{
    training_ = new TrainingJobRunner(this);
    // Their own windows (non-modal): curves, a log and a comparison need more room than a dock.
    trainingPanel_ = new TrainingPanel(training_, this);
    trainingPanel_->setWindowFlag(Qt::Window);
    trainingPanel_->resize(1200, 760);
    trainingPanel_->setWorkspace(nullptr, modelsDirectory_);
    versionsView_ = new ModelVersionsView(this);
    versionsView_->setWindowFlag(Qt::Window);
    versionsView_->resize(1200, 860);
    trainingProgress_ = new QProgressBar;
    trainingProgress_->setRange(0, 1000);
    trainingProgress_->setMaximumWidth(260);
    trainingProgress_->setToolTip(tr("The training job (Models > Train)"));
    trainingProgress_->hide();
    statusBar()->addPermanentWidget(trainingProgress_);

    const auto notice = [this](const QString& text) {
        statusBar()->showMessage(text, 15000);
        emit trainingNotice(text);
    };
    connect(trainingPanel_, &TrainingPanel::message, this, notice);
    connect(versionsView_, &ModelVersionsView::message, this, [this](const QString& text) { statusBar()->showMessage(text, 15000); });
    connect(trainingPanel_, &TrainingPanel::versionsChanged, versionsView_, &ModelVersionsView::refresh);
    connect(versionsView_, &ModelVersionsView::activeVersionChanged, this, [this] {
        activeModelChanged();
        trainingPanel_->refresh();
    });
    connect(training_, &TrainingJobRunner::jobStarted, this, [this](int version, const QString&) {
        trainingProgress_->setValue(0);
        trainingProgress_->setFormat(tr("Training version %1").arg(version));
        trainingProgress_->show();
    });
    connect(training_, &TrainingJobRunner::jobEvent, this, [this](int version, const JobEvent& e) {
        if (e.kind != JobEvent::Kind::Step && e.kind != JobEvent::Kind::Epoch && e.kind != JobEvent::Kind::PackageDone) return;
        trainingProgress_->setValue(static_cast<int>(std::lround(e.fraction * 1000)));
        trainingProgress_->setFormat(tr("Training version %1: %2 %").arg(version).arg(std::lround(e.fraction * 100)));
    });
    connect(training_, &TrainingJobRunner::jobFinished, this, [this] {
        if (!training_->isRunning()) trainingProgress_->hide();
    });
}

void MainWindow::createModelsMenu()
{
    QMenu* models = menuBar()->addMenu(tr("&Models"));
    trainAction_ = models->addAction(tr("&Train…"), this, &MainWindow::showTrainingPanel);
    trainAction_->setStatusTip(tr("Train or fine-tune a model on the workspace's read cases, in the background"));
    versionsAction_ = models->addAction(tr("Model &Versions…"), this, &MainWindow::showModelVersions);
    versionsAction_->setStatusTip(tr("The workspace's model versions: compare with the model in use, promote, roll back"));
}

void MainWindow::showTrainingPanel()
{
    trainingPanel_->refresh();
    trainingPanel_->show();
    trainingPanel_->raise();
}

void MainWindow::showModelVersions()
{
    versionsView_->refresh();
    versionsView_->show();
    versionsView_->raise();
}

std::optional<int> MainWindow::activeModelVersion() const
{
    if (!workspace_) return std::nullopt;
    try {
        return ModelRegistry(*workspace_).activeVersion("bone-age");
    } catch (const std::exception&) {   // an older workspace without a registry
        return std::nullopt;
    }
}

std::optional<int> MainWindow::activeLandmarkVersion() const
{
    if (!workspace_) return std::nullopt;
    try {
        return ModelRegistry(*workspace_).activeVersion("landmarks");
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

QString MainWindow::producedByName(std::optional<int> modelVersion, std::optional<int> landmarkVersion)
{
    const QString name = ComparisonView::versionName(modelVersion);
    return landmarkVersion ? tr("%1 + hand landmark model version %2").arg(name).arg(*landmarkVersion) : name;
}

void MainWindow::activeModelChanged()
{
    const auto version = activeModelVersion();
    panel_->setInstalledModels(static_cast<int>(enabledPackages().size()),
                               version ? QString::fromStdString(ModelRegistry(*workspace_).packageFolder(*version)) : modelsDirectory_);
}

bool MainWindow::confirmStopTraining()
{
    if (!training_ || (!training_->isRunning() && training_->queued().empty())) return true;
    if (!errorDialogs_) return true;
    const auto answer = QMessageBox::question(
        this, tr("Training is running"),
        tr("Model version %1 is training. Stop it (and the queued jobs)?\n\nIt keeps its last checkpoint: Models > Train "
           "can resume it later.")
            .arg(training_->runningVersion()));
    return answer == QMessageBox::Yes;
}

void MainWindow::stopModelsWork()
{
    if (training_) training_->setWorkspace(nullptr);   // stops the job and records it in the workspace still open
    if (versionsView_) versionsView_->setWorkspace(nullptr, modelsDirectory_);
    if (trainingPanel_) trainingPanel_->setWorkspace(nullptr, modelsDirectory_);
    if (trainingProgress_) trainingProgress_->hide();
}

void MainWindow::modelsWorkspaceChanged()
{
    Workspace* ws = workspace_.get();
    std::vector<int> interrupted;
    if (ws && ws->isWritable()) {
        try {
            ModelRegistry registry(*ws);
            interrupted = recoverInterruptedJobs(*ws, registry);
        } catch (const std::exception& e) {
            showError(tr("Interrupted training jobs could not be recorded"), QString::fromStdString(e.what()));
        }
    }
    training_->setWorkspace(ws);
    trainingPanel_->setWorkspace(ws, modelsDirectory_);
    versionsView_->setWorkspace(ws, modelsDirectory_);
    activeModelChanged();
    if (interrupted.empty()) return;
    QStringList all, resumable;
    ModelRegistry registry(*ws);
    for (int n : interrupted) {
        all << QString::number(n);
        if (const auto v = registry.version(n); v && TrainingPanel::canResume(*ws, *v)) resumable << QString::number(n);
    }
    QString text = tr("Training of model version(s) %1 was interrupted: the program or the computer stopped during the job.")
                       .arg(all.join(QStringLiteral(", ")));
    text += QLatin1Char(' ') + (resumable.isEmpty()
                                    ? tr("No checkpoint was left: train again in Models > Train.")
                                    : tr("Version(s) %1 can be resumed from the last checkpoint in Models > Train.")
                                          .arg(resumable.join(QStringLiteral(", "))));
    statusBar()->showMessage(text, 30000);
    emit trainingNotice(text);
    if (errorDialogs_) {
        auto* box = new QMessageBox(QMessageBox::Information, tr("Interrupted training"), text, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        box->show();
    }
}

} // namespace boneage::ui
