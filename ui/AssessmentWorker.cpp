#include "AssessmentWorker.h"

#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace boneage::ui {

AssessmentWorker::AssessmentWorker(QObject* parent) : QObject(parent)
{
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &AssessmentWorker::onFinished);
}

AssessmentWorker::~AssessmentWorker()
{
    cancel();
    watcher_.waitForFinished();
}

void AssessmentWorker::start(const AssessmentRequest& request)
{
    if (isRunning()) return;
    running_ = true;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto cancelFlag = cancel_;
    QPointer<AssessmentWorker> self(this);
    watcher_.setFuture(QtConcurrent::run([request, cancelFlag, self]() -> Outcome {
        AssessmentOptions options;
        options.chronologicalAgeMonths = request.chronologicalAgeMonths;
        options.landmarkPackage = request.landmarkPackage;
        options.cancel = cancelFlag.get();
        options.attentionMaps = request.attentionMaps;
        options.ensembleWeights = request.ensembleWeights;
        options.forceWithoutHand = request.forceWithoutHand;
        options.ensembleCalibration = request.ensembleCalibration;
        options.maxIntervalWidthMonths = request.maxIntervalWidthMonths;
        options.progress = [self](int done, int total, const std::string& package) {
            const QString step = package.empty() ? QString() : QFileInfo(QString::fromStdString(package)).fileName();
            // Queued to the worker's (GUI) thread; dropped if the worker is gone by then.
            if (self)
                QMetaObject::invokeMethod(self.data(), [self, done, total, step] {
                    if (self) emit self->progress(done, total, step);
                }, Qt::QueuedConnection);
        };
        Outcome out;
        try {
            out.assessment = assessRadiograph(*request.radiograph, request.sex, request.packages, options);
        } catch (const std::exception& e) {
            out.error = QString::fromStdString(e.what());
        }
        return out;
    }));
}

void AssessmentWorker::cancel()
{
    if (cancel_) cancel_->store(true);
}

void AssessmentWorker::onFinished()
{
    const Outcome out = watcher_.result();
    running_ = false;
    if (!out.assessment) emit failed(out.error);
    else if (out.assessment->cancelled) emit cancelled();
    else emit finished(*out.assessment);
}

} // namespace boneage::ui
