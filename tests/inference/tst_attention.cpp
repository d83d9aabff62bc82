// Attention maps: a shipped package's map of a bundled sample lies on the hand in the radiograph's
// frame; the affine map from the model's input grid to the source is exact (a hot pixel lands where
// the preprocessing geometry says); models without a map of their own fall back to Grad-CAM; and a
// plain assessment computes no map.
#include "common/CardSeal.h"
#include "common/Sha256.h"
#include "imaging/Display.h"
#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
#include "inference/AttentionMap.h"
#include "inference/LandmarkModel.h"
#include "inference/ModelPackage.h"
#include "inference/PreparedViews.h"
#include "nn/Registry.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace boneage;

namespace {

const std::string kSource = BONEAGE_SOURCE_DIR;
const std::string kSample = kSource + "/resources/samples/sample-1491.dcm";

// The share of the map's mass inside `box` (source pixels).
double massInside(const cv::Mat& map, const cv::Rect& box)
{
    const double total = cv::sum(map)[0];
    const cv::Rect inside = box & cv::Rect(0, 0, map.cols, map.rows);
    return total > 0 ? cv::sum(map(inside))[0] / total : 0.0;
}

// A shipped package reads the hand's view: landmarks first, then the package's recipe, as
// assessRadiograph does (InstalledModel::assess refuses a recipe that needs keypoints).
BoneAgeEstimate assessShipped(const InstalledModel& model, const Radiograph& r, bool withAttention = false)
{
    static const LandmarkModel landmarks = LandmarkModel::load(LandmarkModel::find(kSource + "/models").value());
    const HandLandmarks hand = landmarks.detect(r);
    PreparedViews views(r, &hand);
    return model.assessPrepared(views.of(model.card().recipe), r.metadata.sex, withAttention);
}

cv::Point maxLocation(const cv::Mat& m)
{
    cv::Point at;
    cv::minMaxLoc(m, nullptr, nullptr, nullptr, &at);
    return at;
}

// A hot pixel at input-grid (u, v) must land where the preprocessing geometry puts the centre of the
// input pixel: input -> prepared (grid scale) -> source (geometry.toSource).
void checkHotPixel(const PreparedGeometry& g, cv::Size prepared, int inputSize, cv::Size source, cv::Point hot)
{
    AttentionMap a;
    a.map = cv::Mat::zeros(inputSize, inputSize, CV_32F);
    a.map.at<float>(hot) = 1.0f;
    a.toSource = inputToSource(g, prepared, inputSize);
    const double s = double(prepared.width) / inputSize, t = double(prepared.height) / inputSize;
    const cv::Point2d expected = g.toSource({(hot.x + 0.5) * s, (hot.y + 0.5) * t});
    const cv::Point2d viaMap = a.sourcePoint({hot.x + 0.5, hot.y + 0.5});
    QVERIFY2(cv::norm(viaMap - expected) < 1e-6, qPrintable(QString("(%1,%2) vs (%3,%4)").arg(viaMap.x).arg(viaMap.y).arg(expected.x).arg(expected.y)));
    const cv::Mat inSource = a.inSourceFrame(source);
    QCOMPARE(inSource.size(), source);
    // The resampled peak is the source pixel whose centre is nearest the expected point (bilinear
    // spreads the hot pixel; its maximum stays under the centre).
    const cv::Point peak = maxLocation(inSource);
    const cv::Point2d peakCentre(peak.x + 0.5, peak.y + 0.5);
    QVERIFY2(std::abs(peakCentre.x - expected.x) <= 1.0 && std::abs(peakCentre.y - expected.y) <= 1.0,
             qPrintable(QString("peak at (%1,%2), expected (%3,%4)").arg(peakCentre.x).arg(peakCentre.y).arg(expected.x).arg(expected.y)));
}

} // namespace

class TestAttention : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

private slots:
    void hotPixelLandsAtTheGeometrysSourcePoint()
    {
        // A stretch resize of a tall film to a square (scaleX != scaleY), as whole-stretch-100 does.
        PreparedGeometry stretch;
        stretch.crop = cv::Rect(0, 0, 1000, 1400);
        stretch.scaleX = 100.0 / 1000, stretch.scaleY = 100.0 / 1400;
        checkHotPixel(stretch, {100, 100}, 100, {1000, 1400}, {30, 70});
        checkHotPixel(stretch, {100, 100}, 96, {1000, 1400}, {30, 70});   // network grid 96, prepared 100
        checkHotPixel(stretch, {100, 100}, 96, {1000, 1400}, {0, 95});
        // A crop with a keep-aspect pad.
        PreparedGeometry padded;
        padded.crop = cv::Rect(120, 80, 600, 900);
        padded.scaleX = padded.scaleY = 256.0 / 900;
        padded.padX = (256 - 600 * padded.scaleX) / 2;
        checkHotPixel(padded, {256, 256}, 128, {1000, 1400}, {64, 20});
        // An aligned hand (turned, mirrored, scaled): the inverse affine.
        PreparedGeometry aligned;
        aligned.hasAffine = true;
        const double c = std::cos(0.3) * 0.2, s = std::sin(0.3) * 0.2;
        aligned.affine = cv::Matx23d(-c, s, 180, s, c, -20);
        checkHotPixel(aligned, {256, 256}, 96, {1000, 1400}, {40, 50});
    }

    // Every shipped package, on an upright film of its sex (sample-1402, the other girl, is turned 55
    // degrees). A package whose map would send the reader away from the hand does not ship: the
    // male 2M-Net fine-tuned from the female one (2026-11-26) put 19 % of its mass on the hand here
    // and was left out for it.
    void shippedPackageLooksAtTheHand_data()
    {
        QTest::addColumn<QString>("film");
        QTest::newRow("boy") << QString::fromStdString(kSample);
        QTest::newRow("girl") << QString::fromStdString(kSource + "/resources/samples/sample-1405.dcm");
    }

    void shippedPackageLooksAtTheHand()
    {
        QFETCH(QString, film);
        const Radiograph r = loadRadiograph(film.toStdString());
        QVERIFY(r.metadata.sex == Sex::Male || r.metadata.sex == Sex::Female);
        const HandRegion hand = findHand(renderDisplay8(r, r.defaultDisplay()), 0.0);
        QVERIFY(hand.found);
        int checked = 0;
        for (const auto& package : findModelPackages(kSource + "/models")) {
            const InstalledModel model = InstalledModel::load(package);
            if (!model.card().appliesTo(r.metadata.sex)) continue;
            const BoneAgeEstimate plain = assessShipped(model, r);
            QVERIFY(!plain.attention);   // not asked for: not computed
            const BoneAgeEstimate e = assessShipped(model, r, true);
            QVERIFY(e.attention.has_value());
            QCOMPARE(qRound(e.boneAgeMonths * 100), qRound(plain.boneAgeMonths * 100));   // same network, same input
            const AttentionMap& a = *e.attention;
            // 2M-Net has a map of its own; every other shipped architecture gets Grad-CAM.
            const char* expected = model.card().architecture == "2mnet" ? "2M-Net spatial attention" : "Grad-CAM";
            QVERIFY2(a.kind.find(expected) != std::string::npos, a.kind.c_str());
            QCOMPARE(a.map.type(), CV_32F);
            QCOMPARE(a.map.cols, model.card().inputSize);
            const cv::Mat m = a.inSourceFrame(r.pixels.size());
            QCOMPARE(m.cols, r.pixels.cols);
            QCOMPARE(m.rows, r.pixels.rows);
            double lo = 0, hi = 0;
            cv::minMaxLoc(m, &lo, &hi);
            QVERIFY(lo >= 0.0 && hi <= 1.0 + 1e-6);
            QVERIFY2(hi - lo > 0.3, qPrintable(QString("min %1, max %2").arg(lo).arg(hi)));
            cv::Scalar mean, sd;
            cv::meanStdDev(m, mean, sd);
            QVERIFY2(sd[0] > 0.02, qPrintable(QString("sd %1: the map is nearly constant").arg(sd[0])));
            const double share = massInside(m, hand.box);
            const double boxShare = double(hand.box.area()) / double(m.total());
            qInfo("%s: %s; %.0f%% of the mass inside the hand box (%.0f%% of the film), +%.1f ms",
                  e.modelId.c_str(), a.kind.c_str(), 100 * share, 100 * boxShare, e.attentionMilliseconds);
            // Measured: 100% for the shipped packages (a uniform map would give the box's share of the film).
            QVERIFY2(share > 0.8, qPrintable(QString("%1: only %2 of the attention lies on the hand").arg(e.modelId.c_str()).arg(share)));
            ++checked;
        }
        QVERIFY2(checked > 0, "no installed package applies to the sample's sex");
    }

    void assessmentCarriesMapsOnlyWhenAsked()
    {
        const Radiograph r = loadRadiograph(kSample);
        const auto packages = findModelPackages(kSource + "/models");
        AssessmentOptions plainOptions;
        plainOptions.landmarkPackage = LandmarkModel::find(kSource + "/models").value();   // the hand first, as assess does
        const Assessment plain = assessRadiograph(r, r.metadata.sex, packages, plainOptions);
        QVERIFY2(!plain.models.empty(), "no installed package assessed the sample");
        QVERIFY(plain.attentionMaps().empty());
        AssessmentOptions options = plainOptions;
        options.attentionMaps = true;
        const Assessment withMaps = assessRadiograph(r, r.metadata.sex, packages, options);
        QCOMPARE(withMaps.attentionMaps().size(), withMaps.models.size());
        const cv::Mat mean = meanAttention(withMaps.attentionMaps(), r.pixels.size());
        QCOMPARE(mean.size(), r.pixels.size());
        double hi = 0;
        cv::minMaxLoc(mean, nullptr, &hi);
        QVERIFY(std::abs(hi - 1.0) < 1e-5);
    }

    // Extra time of the map per model (median of 5, after a warm-up): printed for the documentation.
    void attentionCost()
    {
        const Radiograph r = loadRadiograph(kSample);
        for (const auto& package : findModelPackages(kSource + "/models")) {
            const InstalledModel model = InstalledModel::load(package);
            if (!model.card().appliesTo(r.metadata.sex)) continue;
            assessShipped(model, r, true);
            std::vector<double> plain, with;
            for (int i = 0; i < 5; ++i) {
                QElapsedTimer t;
                t.start();
                assessShipped(model, r);
                plain.push_back(t.nsecsElapsed() / 1e6);
                t.restart();
                assessShipped(model, r, true);
                with.push_back(t.nsecsElapsed() / 1e6);
            }
            std::sort(plain.begin(), plain.end());
            std::sort(with.begin(), with.end());
            qInfo("%s: assess %.1f ms, with attention %.1f ms (median of 5)", model.card().id.c_str(), plain[2], with[2]);
            QVERIFY(with[2] < plain[2] + 2000);
        }
    }

    // Architectures without a map of their own (here TJ-Net) get Grad-CAM, placed through a crop and pad.
    void otherArchitecturesGetGradCam()
    {
        const std::string d = dir.filePath("tjnet").toStdString();
        std::filesystem::create_directories(d);
        torch::manual_seed(3);
        auto net = nn::createModel("tjnet", "compact");
        nn::saveModel(*net, d + "/weights.pt");
        const nlohmann::json card = {
            {"format", "boneage-model-1"}, {"id", "test-tjnet"}, {"architecture", "tjnet"}, {"preset", "compact"},
            {"input", {{"size", 96}, {"channels", 1}, {"recipe", recipeByName("hand-clahe-256").toJson()}}},
            {"weights", {{"file", "weights.pt"}, {"bytes", std::filesystem::file_size(d + "/weights.pt")}, {"sha256", sha256OfFile(d + "/weights.pt")}}}};
        std::ofstream(d + "/model.json") << sealCardText(card.dump(2));   // sealed, as trainers write it
        const Radiograph r = loadRadiograph(kSample);
        const BoneAgeEstimate e = InstalledModel::load(d).assess(r, r.metadata.sex, true);
        QVERIFY(e.attention.has_value());
        QVERIFY2(e.attention->kind.find("Grad-CAM") != std::string::npos, e.attention->kind.c_str());
        const cv::Mat m = e.attention->inSourceFrame(r.pixels.size());
        double lo = 0, hi = 0;
        cv::minMaxLoc(m, &lo, &hi);
        QVERIFY(lo >= 0.0 && hi <= 1.0 + 1e-6);
        // The crop is the hand box: nothing of the map may fall outside it.
        const PreparedImage p = prepare(r, recipeByName("hand-clahe-256"));
        QVERIFY(p.hand.found);
        cv::Rect grown = p.hand.box;
        grown -= cv::Point(2, 2);
        grown += cv::Size(4, 4);
        QVERIFY(massInside(m, grown) > 0.999 || cv::sum(m)[0] == 0);
    }
};

QTEST_GUILESS_MAIN(TestAttention)
#include "tst_attention.moc"
