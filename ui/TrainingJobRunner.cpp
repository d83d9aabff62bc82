#include "TrainingJobRunner.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QTimer>

#include <exception>

namespace boneage::ui {

TrainingJobRunner::TrainingJobRunner(QObject* parent) : QObject(parent) {}

TrainingJobRunner::~TrainingJobRunner() { stopAndWait(); }

QString TrainingJobRunner::boneageCommand()
{
    return QString::fromStdString(findBoneageCommand(QCoreApplication::applicationFilePath().toStdString()));
}

void TrainingJobRunner::setWorkspace(Workspace* workspace)
{
    if (workspace != workspace_) stopAndWait();
    workspace_ = workspace;
}

void TrainingJobRunner::enqueue(QueuedTraining job)
{
    queue_.push_back(std::move(job));
    emit queueChanged();
    // From the event loop: the caller sees the job queued before it starts (and may queue more).
    QTimer::singleShot(0, this, &TrainingJobRunner::startNext);
}

void TrainingJobRunner::removeQueued(int index)
{
    if (index < 0 || index >= static_cast<int>(queue_.size())) return;
    queue_.erase(queue_.begin() + index);
    emit queueChanged();
}

void TrainingJobRunner::cancel()
{
    if (!process_) return;
    cancelRequested_ = true;
    // Before its first line the job may not have its SIGTERM handler yet, and would die at once
    // (recorded failed, not cancelled): the signal then waits for that line (readOutput).
    if (sawOutput_) process_->terminate();
}

void TrainingJobRunner::startNext()
{
    if (process_ || queue_.empty() || !workspace_ || stopping_) return;
    QueuedTraining job = std::move(queue_.front());
    queue_.pop_front();
    emit queueChanged();
    const QString command = boneageCommand();
    PlannedJob planned;
    try {
        if (command.isEmpty())
            throw std::runtime_error(tr("the boneage program was not found beside the workstation (%1) or on the PATH; "
                                        "install it there or name it in BONEAGE_COMMAND")
                                         .arg(QCoreApplication::applicationDirPath())
                                         .toStdString());
        ModelRegistry registry(*workspace_);
        planned = job.request ? planTrainingJob(*workspace_, registry, *job.request)
                              : resumeTrainingJob(*workspace_, registry, job.resumeVersion);
    } catch (const std::exception& e) {   // WorkspaceError, PackageError (a broken base), the above
        emit jobRefused(job.description, QString::fromStdString(e.what()));
        QTimer::singleShot(0, this, &TrainingJobRunner::startNext);
        return;
    }
    version_ = planned.version;
    description_ = job.description;
    lastText_.clear();
    sawOutput_ = cancelRequested_ = false;
    process_ = new QProcess(this);
    process_->setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // libgomp's busy waiting would take the cores the window and the job's own threads need.
    env.insert(QStringLiteral("OMP_WAIT_POLICY"), QStringLiteral("passive"));
    process_->setProcessEnvironment(env);
    connect(process_, &QProcess::readyReadStandardOutput, this, &TrainingJobRunner::readOutput);
    connect(process_, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        onFinished(status == QProcess::NormalExit ? QStringLiteral("exit %1").arg(code) : QStringLiteral("killed by a signal"));
    });
    connect(process_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        // Without a start there is no finished signal: the version is recorded as failed here.
        if (error == QProcess::FailedToStart) onFinished(QStringLiteral("could not be started: ") + process_->errorString());
    });
    QStringList arguments;
    for (const std::string& a : planned.arguments) arguments << QString::fromStdString(a);
    emit jobStarted(version_, description_);
    process_->start(command, arguments);
}

void TrainingJobRunner::readOutput()
{
    if (!process_) return;
    while (process_->canReadLine()) {
        if (!sawOutput_) {
            sawOutput_ = true;
            if (cancelRequested_) process_->terminate();
        }
        const QString line = QString::fromUtf8(process_->readLine()).trimmed();
        const JobEvent e = parseJobLine(line.toStdString());
        if (e.kind == JobEvent::Kind::Log && !line.isEmpty()) lastText_ = line;
        emit jobEvent(version_, e);
        emit logLine(version_, line);
    }
}

void TrainingJobRunner::onFinished(const QString& exitDescription)
{
    if (!process_) return;
    readOutput();
    if (process_->bytesAvailable() > 0) {   // a last line without its newline
        const QString line = QString::fromUtf8(process_->readAll()).trimmed();
        if (!line.isEmpty()) {
            emit jobEvent(version_, parseJobLine(line.toStdString()));
            emit logLine(version_, line);
        }
    }
    QProcess* done = process_;
    process_ = nullptr;
    done->disconnect(this);
    done->deleteLater();
    const int version = version_;
    version_ = 0;
    description_.clear();
    QString exit = exitDescription;
    if (exit != QLatin1String("exit 0") && !lastText_.isEmpty()) exit += QStringLiteral(": ") + lastText_;
    if (workspace_) {
        try {
            ModelRegistry registry(*workspace_);
            emit jobFinished(finishTrainingJob(*workspace_, registry, version, exit.toStdString()));
        } catch (const std::exception& e) {
            emit jobRefused(tr("model version %1").arg(version), QString::fromStdString(e.what()));
        }
    }
    QTimer::singleShot(0, this, &TrainingJobRunner::startNext);
}

void TrainingJobRunner::stopAndWait(int seconds)
{
    if (!queue_.empty()) {
        queue_.clear();
        emit queueChanged();
    }
    if (!process_) return;
    stopping_ = true;
    QProcess* p = process_;
    cancel();
    if (!sawOutput_ && !p->waitForReadyRead(10000) && process_ == p) p->terminate();
    // waitForFinished delivers the remaining output and the finished signal (onFinished records it).
    if (!p->waitForFinished(seconds * 1000) && process_ == p) {
        p->kill();
        p->waitForFinished(10000);
    }
    if (process_ == p) onFinished(QStringLiteral("stopped when the workspace was closed"));
    stopping_ = false;
}

} // namespace boneage::ui
