#pragma once
// The workstation's training jobs (issue 16): a queue, one job at a time, each a child process
// (`boneage workspace run-job JOBDIR`, started with QProcess and never run inside the workstation, so
// that a crash or an out-of-memory of the training cannot take the window down). The job is planned
// (its version taken in the registry) when it leaves the queue; its JSON lines come back as events;
// when the child has ended its outcome is recorded (finishTrainingJob) on the GUI thread, which owns
// the workspace's connection.
#include "workspace/TrainingJob.h"

#include <QObject>
#include <QProcess>
#include <QString>

#include <deque>
#include <optional>

namespace boneage::ui {

struct QueuedTraining {
    std::optional<TrainingRequest> request;   // a new version ...
    int resumeVersion = 0;                    // ... or a failed / cancelled one continued from its checkpoint
    QString description;                      // for the queue's list
};

class TrainingJobRunner : public QObject {
    Q_OBJECT
public:
    explicit TrainingJobRunner(QObject* parent = nullptr);
    ~TrainingJobRunner() override;   // stops a running job and records it

    // The workspace the jobs train on (null: none). Stop the running job first (stopAndWait).
    void setWorkspace(Workspace* workspace);
    void enqueue(QueuedTraining job);
    void removeQueued(int index);
    const std::deque<QueuedTraining>& queued() const { return queue_; }
    bool isRunning() const { return process_ != nullptr; }
    int runningVersion() const { return version_; }
    qint64 processId() const { return process_ ? process_->processId() : 0; }   // the running job's process
    QString runningDescription() const { return description_; }
    // Asks the running job to stop (SIGTERM: it stops after the current step, keeps its checkpoint
    // and reports itself cancelled). Sent once the job has said its first line.
    void cancel();
    // Empties the queue, stops the running job and records its outcome before returning (closing the
    // workspace or the program); kills it when it has not stopped after `seconds`.
    void stopAndWait(int seconds = 60);
    // The `boneage` executable the jobs run (empty: not found).
    static QString boneageCommand();

signals:
    void jobStarted(int version, const QString& description);
    void jobEvent(int version, const boneage::JobEvent& event);
    void logLine(int version, const QString& line);
    void jobFinished(const boneage::ModelVersion& version);
    // A queued job that could not start (the plan refused it, or the program is missing).
    void jobRefused(const QString& description, const QString& reason);
    void queueChanged();

private:
    void startNext();
    void readOutput();
    void onFinished(const QString& exitDescription);

    Workspace* workspace_ = nullptr;
    std::deque<QueuedTraining> queue_;
    QProcess* process_ = nullptr;
    int version_ = 0;
    QString description_;
    QString lastText_;   // the child's last plain line: why it failed, when it says
    bool stopping_ = false;
    bool sawOutput_ = false, cancelRequested_ = false;
};

} // namespace boneage::ui
