#include "Screenshot.h"

#include "AnchorLayer.h"
#include "AnnotationEditor.h"
#include "AssessmentWorker.h"
#include "AtlasScreenshot.h"
#include "AttentionLayer.h"
#include "CropLayer.h"
#include "KeypointLayer.h"
#include "MainWindow.h"
#include "RadiographView.h"
#include "RoiGallery.h"
#include "RoiLayer.h"

#include "common/AtomicFile.h"
#include "common/OutputPath.h"
#include "inference/LandmarkModel.h"

#include <QDockWidget>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QTimer>

#include <cstdio>
#include <stdexcept>

namespace boneage::workstation {

namespace {

void say(const QString& text) { std::fprintf(stderr, "boneage-workstation: %s\n", qPrintable(text)); }

// Spins the event loop until `done` or the timeout; false on timeout.
template <typename Done> bool waitUntil(Done done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

} // namespace

bool saveScreenshotImage(const QImage& image, const QString& path)
{
    if (image.isNull()) return false;
    try {
        writeFileAtomically(path.toStdString(), [&](const std::string& temporary) {
            if (!image.save(QString::fromStdString(temporary), "PNG")) throw std::runtime_error("PNG not written");
        });
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

int takeScreenshot(ui::MainWindow& window, const WorkstationArguments& arguments)
{
    try {
        checkOutputFile({arguments.screenshot.toStdString(), "--screenshot", arguments.overwrite,
                         {{"FILE", arguments.paths.value(0).toStdString()}}});
    } catch (const OutputRefused& e) {
        say(QString::fromStdString(e.what()));
        return 6;
    }
    window.setErrorDialogsEnabled(false);
    window.resize(1500, 950);
    window.show();
    window.openPaths(arguments.paths);
    const auto c = window.currentCase();
    if (!c || !c->radiograph) {
        say(c ? c->error : QStringLiteral("nothing was opened"));
        return 2;
    }
    if (!waitUntil([&] { return window.view()->framesRendered() > 0; }, 20000)) {
        say(QStringLiteral("the image view did not draw (no OpenGL 3.2 context?)"));
        return 3;
    }

    if (window.enabledPackages().empty()) {
        say(QStringLiteral("no bone age model is installed in %1: the screenshot shows no assessment").arg(window.modelsDirectory()));
    } else if (c->sex == Sex::Unknown) {
        say(QStringLiteral("%1: the patient's sex is not recorded, so it was not assessed (bone age standards differ by sex)").arg(c->path));
    } else if (window.assessCurrentCase()) {
        bool finished = false;
        QObject::connect(window.worker(), &ui::AssessmentWorker::finished, &window, [&] { finished = true; });
        QObject::connect(window.worker(), &ui::AssessmentWorker::failed, &window, [&](const QString& m) {
            say(QStringLiteral("the assessment failed: %1").arg(m));
            finished = true;
        });
        QObject::connect(window.worker(), &ui::AssessmentWorker::cancelled, &window, [&] { finished = true; });
        if (!waitUntil([&] { return finished; }, 10 * 60 * 1000)) {
            say(QStringLiteral("the assessment did not finish within 10 minutes"));
            return 4;
        }
    }

    const bool landmarkModel = LandmarkModel::find(window.modelsDirectory().toStdString()).has_value();
    window.roiLayer()->setVisible(false);
    window.keypointLayer()->setVisible(false);
    window.attentionLayer()->setVisible(false);
    for (const QString& name : arguments.overlays) {
        if (name == QLatin1String("attention")) {
            // Computed with the assessment, one map per model; the first model's is shown.
            ui::AttentionLayer* attention = window.attentionLayer();
            if (attention->isEmpty()) {
                say(QStringLiteral("no attention map: the film was not assessed (see above), so the 'attention' overlay is empty"));
            } else {
                attention->setVisible(true);
                say(QStringLiteral("attention map of %1: %2").arg(attention->models().value(attention->currentModel()), attention->currentKind()));
            }
            continue;
        }
        if (name == QLatin1String("anchors") || name == QLatin1String("crop")) {
            // PRSNet's selected anchors / AG-CNN's crop box, from the assessment (the first model's).
            ui::ExplanationBoxLayer* boxes = name == QLatin1String("anchors")
                                                 ? static_cast<ui::ExplanationBoxLayer*>(window.findChild<ui::AnchorLayer*>())
                                                 : window.findChild<ui::CropLayer*>();
            const QString architecture = name == QLatin1String("anchors") ? QStringLiteral("PRSNet") : QStringLiteral("AG-CNN");
            if (!boxes || !boxes->isModelInstalled()) {
                say(QStringLiteral("the '%1' overlay is not available yet for the installed models: no installed %2 model in %3")
                        .arg(name, architecture, window.modelsDirectory()));
            } else if (boxes->isEmpty()) {
                say(QStringLiteral("the '%1' overlay is empty: the film was not assessed by a %2 model (see above)").arg(name, architecture));
            } else {
                boxes->setVisible(true);
                QStringList text;
                for (size_t k = 0; k < boxes->currentBoxes().size(); ++k) {
                    const ExplanationBox& b = boxes->currentBoxes()[k];
                    text << QStringLiteral("%1 (%2,%3)-(%4,%5)%6")
                                .arg(QString::fromStdString(b.label))
                                .arg(b.x0, 0, 'f', 0).arg(b.y0, 0, 'f', 0).arg(b.x1, 0, 'f', 0).arg(b.y1, 0, 'f', 0)
                                .arg(b.score ? QStringLiteral(" score %1").arg(*b.score, 0, 'f', 2) : QString());
                }
                say(QStringLiteral("%1 of %2: %3").arg(name, boxes->models().value(boxes->currentModel()), text.join(QStringLiteral("; "))));
            }
            continue;
        }
        if (name == QLatin1String("annotation")) {
            // Annotate mode, with the annotation proposed from the landmark model's keypoints.
            window.setAnnotating(true);
            if (!window.annotationEditor()->hasAnnotation())
                say(QStringLiteral("no annotation to show: the landmark model did not place the hand (see above)"));
            continue;
        }
        ui::OverlayLayer* layer = name == QLatin1String("rois")        ? static_cast<ui::OverlayLayer*>(window.roiLayer())
                                  : name == QLatin1String("keypoints") ? window.keypointLayer()
                                                                       : nullptr;
        if (!layer) {
            say(QStringLiteral("the '%1' overlay is not available yet for the installed models").arg(name));
        } else if (!landmarkModel) {
            say(QStringLiteral("no hand landmark model is installed in %1: the '%2' overlay is not shown").arg(window.modelsDirectory(), name));
        } else if (layer->isEmpty()) {
            say(QStringLiteral("the landmark model found no hand: the '%1' overlay is empty").arg(name));
        } else {
            layer->setVisible(true);
        }
    }

    if (arguments.view == QLatin1String("atlas")) return saveAtlasScreenshot(window, arguments);
    if (arguments.view == QLatin1String("rois")) {
        // The ROI gallery's dock in front of the reading form, the first ROI selected.
        window.roiGalleryDock()->raise();
        window.roiGallery()->selectRoi(QStringLiteral("DP3"));
        if (window.roiGallery()->patchOf(QStringLiteral("DP3")).isNull())
            say(QStringLiteral("the ROI gallery is empty: the landmark model did not place the hand (see above)"));
    }
    QCoreApplication::processEvents();
    const QImage image = window.grabWindowImage();
    if (!saveScreenshotImage(image, arguments.screenshot)) {
        say(QStringLiteral("could not write %1").arg(arguments.screenshot));
        return 5;
    }
    return 0;
}

} // namespace boneage::workstation
