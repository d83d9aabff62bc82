#pragma once
// "Assess all": the workspace's unassessed cases, one after the other in the background (one
// AssessmentWorker, so one model run at a time), with progress (n of N) and a cancel that takes
// effect between two models. Each result comes back on the GUI thread (caseAssessed), where the
// window stores it: the workspace has one writer, and its connection is not shared with threads.
#include "AssessmentWorker.h"

#include <QObject>
#include <QString>

#include <deque>
#include <memory>
#include <optional>

namespace boneage::ui {

struct BatchCase {
    QString caseId;
    QString film;
    Sex sex = Sex::Unknown;
    std::optional<double> ageMonths;
};

class BatchAssessment : public QObject {
    Q_OBJECT
public:
    explicit BatchAssessment(QObject* parent = nullptr);

    // `settings`: packages, landmark package and weights for every case (radiograph, sex and age
    // come from each case). Ignored while running.
    void start(std::vector<BatchCase> cases, const AssessmentRequest& settings);
    void cancel();
    bool isRunning() const { return running_; }
    int doneCount() const { return done_; }
    int totalCount() const { return total_; }

signals:
    void progress(int done, int total, const QString& caseId);
    void caseAssessed(const QString& caseId, std::shared_ptr<const boneage::Radiograph> radiograph, const boneage::Assessment& assessment);
    void caseFailed(const QString& caseId, const QString& message);
    void finished(bool cancelled);

private:
    void next();
    void finish(bool cancelled);

    AssessmentWorker* worker_;
    std::deque<BatchCase> queue_;
    BatchCase current_;
    std::shared_ptr<const Radiograph> radiograph_;
    AssessmentRequest settings_;
    int done_ = 0, total_ = 0;
    bool running_ = false, cancelled_ = false;
};

} // namespace boneage::ui
