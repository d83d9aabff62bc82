// Explanation boxes: PRSNet's selected anchors and AG-CNN's attention crop come back with an
// assessment that asks for explanations, placed on the source radiograph with the attention map's
// geometry. Untrained packages (compact presets) are written to a temp dir: their boxes mean
// nothing, but they must be the model's boxes, inside the film, mapped exactly.
#include "common/CardSeal.h"
#include "common/Sha256.h"
#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
#include "inference/AttentionMap.h"
#include "inference/ModelPackage.h"
#include "nn/Registry.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace boneage;

namespace {

const std::string kSource = BONEAGE_SOURCE_DIR;
const std::string kSample = kSource + "/resources/samples/sample-1491.dcm";

// An untrained package of `architecture`/compact with the given recipe (card + weights with SHA-256).
// With BONEAGE_TEST_PACKAGES=DIR set, the packages are written (and kept) there: a models folder for
// looking at the overlays in the workstation (docs/workstation.md, "Anchors and crop box").
std::string writePackage(const QTemporaryDir& dir, const std::string& architecture, const std::string& recipe, int seed)
{
    const QString keep = qEnvironmentVariable("BONEAGE_TEST_PACKAGES");
    const std::string d = (keep.isEmpty() ? dir.filePath(QString::fromStdString(architecture))
                                          : keep + "/untrained-" + QString::fromStdString(architecture)).toStdString();
    std::filesystem::create_directories(d);
    torch::manual_seed(seed);
    auto net = nn::createModel(architecture, "compact");
    // An untrained head says any number (PRSNet's: -46 months), which the assessment refuses as outside
    // 0-20 years. The boxes are under test, not the number: a zero head answers the centre age.
    for (auto& p : net->named_parameters())
        if (p.key().rfind("head.", 0) == 0) {
            torch::NoGradGuard noGrad;
            p.value().zero_();
        }
    nn::saveModel(*net, d + "/weights.pt");
    const nlohmann::json card = {
        {"format", "boneage-model-1"}, {"id", "untrained-" + architecture}, {"architecture", architecture}, {"preset", "compact"},
        {"input", {{"size", net->preset().inputSize}, {"channels", 1}, {"recipe", recipeByName(recipe).toJson()}}},
        {"weights", {{"file", "weights.pt"}, {"bytes", std::filesystem::file_size(d + "/weights.pt")}, {"sha256", sha256OfFile(d + "/weights.pt")}}}};
    std::ofstream(d + "/model.json") << sealCardText(card.dump(2));   // sealed, as trainers write it
    return d;
}

bool insideFrame(const ExplanationBox& b, const cv::Size& size)
{
    return b.x0 >= -1e-6 && b.y0 >= -1e-6 && b.x1 <= size.width + 1e-6 && b.y1 <= size.height + 1e-6 && b.x1 > b.x0 && b.y1 > b.y0;
}

QString describe(const ExplanationBox& b)
{
    return QString("%1 (%2,%3)-(%4,%5)").arg(QString::fromStdString(b.label)).arg(b.x0).arg(b.y0).arg(b.x1).arg(b.y1);
}

} // namespace

class TestExplanationBoxes : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

private slots:
    void boxLandsAtTheExpectedSourcePixels()
    {
        // whole-stretch-100 of a 1000 x 1400 film, network grid 96: x scale 10 * 100/96, y scale 14 * 100/96.
        PreparedGeometry stretch;
        stretch.crop = cv::Rect(0, 0, 1000, 1400);
        stretch.scaleX = 100.0 / 1000, stretch.scaleY = 100.0 / 1400;
        const cv::Matx23d m = inputToSource(stretch, {100, 100}, 96);
        const ExplanationBox b = boxToSource(m, 12, 24, 36, 72, "part 1", 0.5);
        const double sx = 1000.0 / 96, sy = 1400.0 / 96;
        QVERIFY2(std::abs(b.x0 - 12 * sx) < 1e-6 && std::abs(b.x1 - 36 * sx) < 1e-6, qPrintable(describe(b)));
        QVERIFY2(std::abs(b.y0 - 24 * sy) < 1e-6 && std::abs(b.y1 - 72 * sy) < 1e-6, qPrintable(describe(b)));
        QCOMPARE(b.score.value_or(-1), 0.5);
        QCOMPARE(b.label, std::string("part 1"));
        // A crop and keep-aspect pad: the box corners go through the geometry's own toSource.
        PreparedGeometry padded;
        padded.crop = cv::Rect(120, 80, 600, 900);
        padded.scaleX = padded.scaleY = 256.0 / 900;
        padded.padX = (256 - 600 * padded.scaleX) / 2;
        const ExplanationBox c = boxToSource(inputToSource(padded, {256, 256}, 128), 30, 10, 90, 100, "crop");
        const cv::Point2d a = padded.toSource({30 * 2.0, 10 * 2.0}), z = padded.toSource({90 * 2.0, 100 * 2.0});
        QVERIFY2(std::abs(c.x0 - a.x) < 1e-6 && std::abs(c.y0 - a.y) < 1e-6 && std::abs(c.x1 - z.x) < 1e-6 && std::abs(c.y1 - z.y) < 1e-6,
                 qPrintable(describe(c)));
        // An aligned hand (turned and mirrored): the bounding box of the four mapped corners.
        PreparedGeometry aligned;
        aligned.hasAffine = true;
        const double co = std::cos(0.3) * 0.2, si = std::sin(0.3) * 0.2;
        aligned.affine = cv::Matx23d(-co, si, 180, si, co, -20);
        const cv::Matx23d am = inputToSource(aligned, {256, 256}, 96);
        const ExplanationBox t = boxToSource(am, 10, 20, 50, 70, "turned");
        std::vector<cv::Point2d> corners;
        for (const auto& p : {cv::Point2d(10, 20), cv::Point2d(50, 20), cv::Point2d(10, 70), cv::Point2d(50, 70)})
            corners.push_back(aligned.toSource({p.x * 256.0 / 96, p.y * 256.0 / 96}));
        double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
        for (const auto& p : corners) x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
        QVERIFY2(std::abs(t.x0 - x0) < 1e-6 && std::abs(t.y0 - y0) < 1e-6 && std::abs(t.x1 - x1) < 1e-6 && std::abs(t.y1 - y1) < 1e-6,
                 qPrintable(describe(t)));
    }

    void prsnetGivesItsTopAnchorsWithScores()
    {
        const std::string d = writePackage(dir, "prsnet", "whole-stretch-100", 5);
        const Radiograph r = loadRadiograph(kSample);
        const InstalledModel model = InstalledModel::load(d);
        const BoneAgeEstimate plain = model.assess(r, r.metadata.sex);
        QVERIFY(plain.anchors.empty());   // not asked for: not carried
        QVERIFY(!plain.crop);
        const BoneAgeEstimate e = model.assess(r, r.metadata.sex, true);
        QCOMPARE(int(e.anchors.size()), 3);   // the compact preset's top-3 parts
        QVERIFY(!e.crop);
        for (size_t k = 0; k < e.anchors.size(); ++k) {
            const ExplanationBox& b = e.anchors[k];
            QVERIFY2(insideFrame(b, r.pixels.size()), qPrintable(describe(b)));
            QVERIFY(b.score.has_value());
            QCOMPARE(b.label, "part " + std::to_string(k + 1));
            qInfo("%s score %.3f", qPrintable(describe(b)), *b.score);
        }
        // The anchors are the network's: the input box scaled by the stretch (source / 96 per axis).
        const double sx = r.pixels.cols / 96.0, sy = r.pixels.rows / 96.0;
        for (const auto& b : e.anchors) {
            for (double v : {b.x0 / sx, b.x1 / sx, b.y0 / sy, b.y1 / sy})
                QVERIFY2(std::abs(v - std::round(v)) < 1e-6, qPrintable(describe(b) + " is not an input-pixel box"));
        }
        // ... and the assessment carries them per model.
        AssessmentOptions options;
        options.attentionMaps = true;
        options.testTimeAugmentation = false;
        options.landmarkPackage = BONEAGE_SOURCE_DIR "/models/hand-landmarks-128px";   // the hand is found first
        const Assessment a = assessRadiograph(r, r.metadata.sex, {d}, options);
        QVERIFY(!a.reviewRequired());
        QCOMPARE(int(a.models.size()), 1);
        QCOMPARE(int(a.models[0].estimate.anchors.size()), 3);
    }

    void agcnnGivesOneCropInsideTheFilm()
    {
        const std::string d = writePackage(dir, "agcnn", "whole-stretch-100", 7);
        const Radiograph r = loadRadiograph(kSample);
        const BoneAgeEstimate e = InstalledModel::load(d).assess(r, r.metadata.sex, true);
        QVERIFY(e.crop.has_value());
        QVERIFY(e.anchors.empty());
        QVERIFY2(insideFrame(*e.crop, r.pixels.size()), qPrintable(describe(*e.crop)));
        QVERIFY(!e.crop->score);
        QCOMPARE(e.crop->label, std::string("AG-CNN crop"));
        qInfo("%s on a %dx%d film", qPrintable(describe(*e.crop)), r.pixels.cols, r.pixels.rows);
    }
};

QTEST_GUILESS_MAIN(TestExplanationBoxes)
#include "tst_explanation_boxes.moc"
