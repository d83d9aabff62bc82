#include "BatchAssessment.h"

#include "imaging/RadiographLoader.h"

#include <QTimer>

#include <exception>

namespace boneage::ui {

BatchAssessment::BatchAssessment(QObject* parent) : QObject(parent), worker_(new AssessmentWorker(this))
{
    connect(worker_, &AssessmentWorker::finished, this, [this](const Assessment& a) {
        ++done_;
        emit caseAssessed(current_.caseId, radiograph_, a);
        next();
    });
    connect(worker_, &AssessmentWorker::failed, this, [this](const QString& message) {
        ++done_;
        emit caseFailed(current_.caseId, message);
        next();
    });
    connect(worker_, &AssessmentWorker::cancelled, this, [this] { finish(true); });
}

void BatchAssessment::start(std::vector<BatchCase> cases, const AssessmentRequest& settings)
{
    if (running_) return;
    queue_.assign(cases.begin(), cases.end());
    settings_ = settings;
    done_ = 0;
    total_ = static_cast<int>(queue_.size());
    running_ = true;
    cancelled_ = false;
    emit progress(0, total_, {});
    // From the event loop: the caller sees the start before the first case is loaded.
    QTimer::singleShot(0, this, &BatchAssessment::next);
}

void BatchAssessment::cancel()
{
    if (!running_) return;
    cancelled_ = true;
    if (worker_->isRunning()) worker_->cancel();   // the worker answers with cancelled()
    else QTimer::singleShot(0, this, [this] { finish(true); });
}

void BatchAssessment::next()
{
    if (!running_) return;
    radiograph_.reset();
    if (cancelled_) return finish(true);
    if (queue_.empty()) return finish(false);
    current_ = queue_.front();
    queue_.pop_front();
    emit progress(done_, total_, current_.caseId);
    try {
        LoadOptions load;
        load.sex = current_.sex;
        load.chronologicalAgeMonths = current_.ageMonths;
        radiograph_ = std::make_shared<const Radiograph>(loadRadiograph(current_.film.toStdString(), load));
    } catch (const std::exception& e) {
        ++done_;
        emit caseFailed(current_.caseId, QString::fromStdString(e.what()));
        QTimer::singleShot(0, this, &BatchAssessment::next);
        return;
    }
    AssessmentRequest request = settings_;
    request.radiograph = radiograph_;
    request.sex = current_.sex;
    request.chronologicalAgeMonths = current_.ageMonths;
    worker_->start(request);
}

void BatchAssessment::finish(bool cancelled)
{
    if (!running_) return;
    running_ = false;
    queue_.clear();
    radiograph_.reset();
    emit progress(done_, total_, {});
    emit finished(cancelled);
}

} // namespace boneage::ui
