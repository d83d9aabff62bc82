#pragma once
// Runs an assessment off the GUI thread (the models take seconds on a CPU): progress while it runs, a
// cancel that takes effect between two models, the result or a readable error at the end.
#include "inference/Assessment.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace boneage::ui {

struct AssessmentRequest {
    std::shared_ptr<const Radiograph> radiograph;
    Sex sex = Sex::Unknown;
    std::optional<double> chronologicalAgeMonths;
    std::vector<std::string> packages;   // bone-age packages to try (those of the other sex are skipped)
    std::string landmarkPackage;         // empty: no landmarks
    bool attentionMaps = true;           // each model's attention map, for the overlay
    std::map<std::string, double> ensembleWeights;   // by package folder name; empty: the plain mean
    bool forceWithoutHand = false;       // the reader's "Assess anyway" after "no hand found"
    std::optional<EnsembleCalibration> ensembleCalibration;   // models/ensemble.json, when installed
    double maxIntervalWidthMonths = 0;   // the settings' review limit (0: none)
};

class AssessmentWorker : public QObject {
    Q_OBJECT
public:
    explicit AssessmentWorker(QObject* parent = nullptr);
    ~AssessmentWorker() override;   // cancels and waits for the running model to finish

    // True from start() until finished/failed/cancelled has been emitted: the model may be done
    // while its result still waits in the event loop, and a second start then would overtake it.
    bool isRunning() const { return running_; }
    // Ignored while one is running.
    void start(const AssessmentRequest& request);
    void cancel();

signals:
    void progress(int done, int total, const QString& step);
    void finished(const boneage::Assessment& assessment);
    void failed(const QString& message);
    void cancelled();

private:
    bool running_ = false;
    struct Outcome {
        std::optional<Assessment> assessment;
        QString error;
    };
    void onFinished();

    QFutureWatcher<Outcome> watcher_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

} // namespace boneage::ui
