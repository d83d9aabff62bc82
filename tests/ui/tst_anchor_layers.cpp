// PRSNet's anchors and AG-CNN's crop box as overlays. A known box drawn over a synthetic film must
// stay over the same film pixels through zoom, pan, turns and flips; with untrained PRSNet and AG-CNN
// packages (compact presets) installed in a temp models folder, assessing the bundled sample fills
// both layers and switching the anchors on changes the picture; without such packages the layers say
// that no model is installed and cannot be switched on.
// LibTorch first: Qt's `slots` macro breaks its headers.
#include "nn/Registry.h"

#include "UiTestSupport.h"

#include "AnchorLayer.h"
#include "AssessmentWorker.h"
#include "CropLayer.h"
#include "MainWindow.h"
#include "RadiographCase.h"
#include "RadiographView.h"

#include "common/CardSeal.h"
#include "common/Sha256.h"
#include "inference/ModelPackage.h"

#include <QCheckBox>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>

using namespace boneage;
using namespace boneage::test;
using boneage::ui::AnchorLayer;
using boneage::ui::CropLayer;
using boneage::ui::MainWindow;
using boneage::ui::RadiographView;

namespace {

const QString kSource = QStringLiteral(BONEAGE_SOURCE_DIR);

// The first part's colour (255, 60, 60); grey film, the other ranks and the crop's magenta never match.
bool isFirstPart(QRgb c) { return qRed(c) > 150 && qGreen(c) < 110 && qBlue(c) < 110; }

// An untrained package of `architecture`/compact (card + weights with SHA-256), for both sexes.
void writePackage(const QString& models, const std::string& architecture, int seed)
{
    const std::string d = (models + "/" + QString::fromStdString(architecture)).toStdString();
    std::filesystem::create_directories(d);
    torch::manual_seed(seed);
    auto net = nn::createModel(architecture, "compact");
    // An untrained head says any number (PRSNet's: -46 months), which the assessment refuses as outside
    // 0-20 years. The layers are under test, not the number: a zero head answers the centre age.
    for (auto& p : net->named_parameters())
        if (p.key().rfind("head.", 0) == 0) {
            torch::NoGradGuard noGrad;
            p.value().zero_();
        }
    nn::saveModel(*net, d + "/weights.pt");
    const nlohmann::json card = {
        {"format", "boneage-model-1"}, {"id", "untrained-" + architecture}, {"architecture", architecture}, {"preset", "compact"},
        {"input", {{"size", net->preset().inputSize}, {"channels", 1}, {"recipe", recipeByName("whole-stretch-100").toJson()}}},
        {"weights", {{"file", "weights.pt"}, {"bytes", std::filesystem::file_size(d + "/weights.pt")}, {"sha256", sha256OfFile(d + "/weights.pt")}}}};
    std::ofstream(d + "/model.json") << sealCardText(card.dump(2));   // sealed, as trainers write it
}

// Whether the outline of `box` (source pixels) is drawn where the view maps it: points at 30, 50 and
// 70 % of each edge have a first-part pixel within 3 px (at least `needed` of the 3 per edge: labels
// of other parts may cover one), and the box's centre has none.
QString outlineProblem(const QImage& frame, const RadiographView& view, const ExplanationBox& box, int needed)
{
    const auto hit = [&](QPointF w) {
        for (int dy = -3; dy <= 3; ++dy)
            for (int dx = -3; dx <= 3; ++dx) {
                const QPoint p(int(std::lround(w.x())) + dx, int(std::lround(w.y())) + dy);
                if (frame.rect().contains(p) && isFirstPart(frame.pixel(p))) return true;
            }
        return false;
    };
    const QPointF corners[5] = {{box.x0, box.y0}, {box.x1, box.y0}, {box.x1, box.y1}, {box.x0, box.y1}, {box.x0, box.y0}};
    for (int side = 0; side < 4; ++side) {
        int hits = 0;
        for (double t : {0.3, 0.5, 0.7}) hits += hit(view.widgetPointFor(corners[side] + t * (corners[side + 1] - corners[side])));
        if (hits < needed) return QString("edge %1: %2 of 3 points on the outline").arg(side).arg(hits);
    }
    const QPointF centre = view.widgetPointFor(QPointF((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2));
    if (hit(centre)) return QStringLiteral("an outline pixel at the box's centre");
    return {};
}

std::vector<std::pair<QString, std::function<void()>>> viewSteps(RadiographView& view, QPointF centre)
{
    return {
        {"fit", [&view] { view.fitToWindow(); }},
        {"zoom to cursor", [&view, centre] { view.zoomAt(1.6, view.widgetPointFor(centre)); }},
        {"pan", [&view, centre] { view.panBy(QPointF(view.width() / 2.0, view.height() / 2.0) - view.widgetPointFor(centre)); }},
        {"rotate", [&view] { view.rotateClockwise(); }},
        {"flip", [&view] { view.flipHorizontal(); }},
        {"flip vertically and zoom out", [&view] { view.flipVertical(); view.zoomAt(0.7, QPointF(100, 300)); }},
    };
}

} // namespace

class TestAnchorLayers : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<RadiographView> view_;

    RadiographView& freshView()
    {
        view_ = boneage::test::shownView();
        return *view_;
    }

private slots:
    void layersSayWhyTheyAreEmptyAndChooseAModel()
    {
        AnchorLayer anchors;
        CropLayer crop;
        QVERIFY(anchors.isEmpty() && !anchors.isVisible());
        QCOMPARE(anchors.id(), QStringLiteral("anchors"));
        QCOMPARE(crop.id(), QStringLiteral("crop"));
        QCOMPARE(anchors.unavailableReason(), QStringLiteral("No installed PRSNet model"));
        QCOMPARE(crop.unavailableReason(), QStringLiteral("No installed AG-CNN model"));
        anchors.setModelInstalled(true);
        QVERIFY(anchors.unavailableReason().startsWith(QStringLiteral("Assess the film")));
        const ExplanationBox a{"part 1", 10, 10, 50, 40, 0.83}, b{"part 1", 60, 10, 90, 40, 0.5};
        anchors.setBoxes({{"m1", {a}}, {"none", {}}, {"m2", {b}}});
        QCOMPARE(anchors.models(), QStringList({"m1", "m2"}));   // a model without boxes is left out
        QVERIFY(anchors.unavailableReason().isEmpty());
        anchors.showModel(QStringLiteral("m2"));
        QCOMPARE(anchors.currentBoxes().front().x0, 60.0);
        anchors.setBoxes({{"m1", {a}}, {"m2", {b}}});   // a new assessment keeps the chosen model
        QCOMPARE(anchors.currentModel(), 1);
        QCOMPARE(AnchorLayer::labelOf(0, a), QStringLiteral("part 1: 0.83"));
        anchors.clearBoxes();
        QVERIFY(anchors.isEmpty());
    }

    void anchorStaysOnItsPixelsThroughZoomPanTurnAndFlip()
    {
        auto r = syntheticRadiograph(400, 300, 600);
        RadiographView& view = freshView();
        view.setRadiograph(r);
        AnchorLayer layer;
        layer.setModelInstalled(true);
        const ExplanationBox box{"part 1", 120, 90, 290, 230, 0.83};
        layer.setBoxes({{"test", {box}}});
        layer.setVisible(true);
        view.addLayer(&layer);
        for (const auto& [name, step] : viewSteps(view, QPointF(205, 160))) {
            step();
            const QImage frame = drawnFrame(view);
            QVERIFY(!frame.isNull());
            if (qEnvironmentVariableIsSet("BONEAGE_TEST_FRAMES")) frame.save(QString("%1/anchors-%2.png").arg(qgetenv("BONEAGE_TEST_FRAMES"), QString(name).replace(' ', '-')));
            const QString problem = outlineProblem(frame, view, box, 3);
            QVERIFY2(problem.isEmpty(), qPrintable(name + ": " + problem));
            // The check fails for a box that is not where the layer drew it.
            ExplanationBox shifted = box;
            shifted.x0 += 25, shifted.x1 += 25;
            QVERIFY2(!outlineProblem(frame, view, shifted, 3).isEmpty(), qPrintable(name + ": a shifted box also matched"));
        }
        // Hidden: no outline at all.
        layer.setVisible(false);
        QVERIFY(boxOf(drawnFrame(view), isFirstPart).isEmpty());
    }

    void noInstalledModelSaysSo()
    {
        QTemporaryDir empty;
        MainWindow window(empty.path());
        auto* anchors = window.findChild<AnchorLayer*>();
        auto* crop = window.findChild<CropLayer*>();
        QVERIFY(anchors && crop);
        QCOMPARE(anchors->unavailableReason(), QStringLiteral("No installed PRSNet model"));
        QCOMPARE(crop->unavailableReason(), QStringLiteral("No installed AG-CNN model"));
        for (auto* box : window.findChildren<QCheckBox*>())
            if (box->text() == QStringLiteral("PRSNet anchors") || box->text() == QStringLiteral("AG-CNN crop box"))
                QVERIFY2(!box->isEnabled(), qPrintable(box->text()));
    }

    void installedPackagesFillBothLayers()
    {
        const QString models = dir_.filePath(QStringLiteral("models"));
        writePackage(models, "prsnet", 5);
        writePackage(models, "agcnn", 7);
        // The hand is looked for first (no estimate without one): the shipped landmark package beside them.
        std::filesystem::copy((kSource + "/models/hand-landmarks-128px").toStdString(), (models + "/hand-landmarks-128px").toStdString(),
                              std::filesystem::copy_options::recursive);
        MainWindow window(models);
        window.setErrorDialogsEnabled(false);
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* anchors = window.findChild<AnchorLayer*>();
        auto* crop = window.findChild<CropLayer*>();
        QVERIFY(anchors && crop);
        QVERIFY(anchors->unavailableReason().startsWith(QStringLiteral("Assess the film")));
        window.openPaths({kSource + "/resources/samples/sample-1491.dcm"});
        QSignalSpy finished(window.worker(), &ui::AssessmentWorker::finished);
        QVERIFY(window.assessCurrentCase());
        QVERIFY(finished.wait(120000));
        const Assessment& assessed = *window.currentCase()->assessment;
        QStringList refused;
        for (const auto& e : assessed.refusedEstimates) refused << QString::fromStdString(e.modelId + ": " + e.reason);
        QVERIFY2(refused.isEmpty(), qPrintable(refused.join("; ")));
        QCOMPARE(anchors->models(), QStringList({"untrained-prsnet"}));
        QCOMPARE(int(anchors->currentBoxes().size()), 3);
        QCOMPARE(crop->models(), QStringList({"untrained-agcnn"}));
        QCOMPARE(int(crop->currentBoxes().size()), 1);
        QVERIFY(anchors->unavailableReason().isEmpty() && crop->unavailableReason().isEmpty());
        const cv::Size film = window.currentCase()->radiograph->pixels.size();
        for (const auto& b : anchors->currentBoxes())
            QVERIFY(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= film.width && b.y1 <= film.height && b.score);
        QCheckBox* toggle = nullptr;
        for (auto* box : window.findChildren<QCheckBox*>())
            if (box->text() == QStringLiteral("PRSNet anchors")) toggle = box;
        QVERIFY(toggle && toggle->isEnabled() && !toggle->isChecked());

        // The hand was found, so keypoints and ROIs are drawn too (the thumb's red is the first part's):
        // only the layers under test stay.
        for (auto* layer : window.findChildren<ui::OverlayLayer*>())
            if (layer != anchors && layer != crop) layer->setVisible(false);
        RadiographView& view = *window.view();
        const QImage hidden = drawnFrame(view);
        toggle->click();   // the reader switches the anchors on in the layer panel
        QVERIFY(anchors->isVisible());
        const QImage shown = drawnFrame(view);
        QVERIFY(!hidden.isNull() && !shown.isNull());
        QVERIFY(shown != hidden);
        QVERIFY(boxOf(hidden, isFirstPart).isEmpty());
        QVERIFY(!boxOf(shown, isFirstPart).isEmpty());
        // The first part's outline follows the film through zoom, pan, turns and flips.
        const ExplanationBox first = anchors->currentBoxes().front();
        for (const auto& [name, step] : viewSteps(view, QPointF((first.x0 + first.x1) / 2, (first.y0 + first.y1) / 2))) {
            step();
            const QImage frame = drawnFrame(view);
            QVERIFY(!frame.isNull());
            const QString problem = outlineProblem(frame, view, first, 2);
            QVERIFY2(problem.isEmpty(), qPrintable(name + ": " + problem));
        }
    }
};

BONEAGE_UI_TEST_MAIN(TestAnchorLayers)
#include "tst_anchor_layers.moc"
