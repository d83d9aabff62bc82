// Landmark packages end to end: prepare a keypoint cache from the samples' annotations, train a few
// steps, run `boneage landmarks`; the shipped landmark package on the samples; bad input.
#include "anatomy/HandKeypoints.h"
#include "inference/LandmarkModel.h"
#include "imaging/Display.h"
#include "imaging/Framing.h"
#include "nn/HandLandmarkNet.h"
#include "nn/StoredWeights.h"
#include "imaging/RadiographLoader.h"
#include "training/DatasetCache.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <tuple>

using namespace boneage;

namespace {

int run(const QString& exe, const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr)
{
    QProcess p;
    p.start(exe, args);
    p.waitForFinished(300000);
    if (out) *out = p.readAllStandardOutput();
    if (err) *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

const QString kSamples = BONEAGE_SOURCE_DIR "/resources/samples";

} // namespace

class TestLandmarks : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

private slots:
    void keypointCacheMapsAnnotationsIntoThePreparedImage()
    {
        const QString work = dir.filePath("kp");
        QFile csv(dir.filePath("labels.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("id,boneage,male\nsample-1402,24,False\nsample-1491,48,True\nsample-1405,120,False\nsample-1855,186,True\n"
                  "sample-9999,100,True\n");
        csv.close();
        QByteArray out, err;
        QCOMPARE(run(BONEAGE_EXE, {"prepare", "--images", kSamples, "--labels", dir.filePath("labels.csv"), "--recipe",
                                   "whole-stretch-100", "--keypoints", kSamples + "/keypoints.json", "--out", work},
                     &out, &err),
                 0);
        const DatasetCache c = DatasetCache::open(work.toStdString());
        QCOMPARE(c.size(), size_t(4));   // sample-1417 (not in the CSV) and 9999 (no keypoints) left out
        QVERIFY(c.hasKeypoints());
        QCOMPARE(c.properties().at("keypoints").substr(0, 13), std::string("wrist,thumb1,"));
        // The annotation, scaled from the film's size to 100 x 100 (whole-film stretch).
        const auto hands = readCocoHandKeypoints((kSamples + "/keypoints.json").toStdString());
        for (size_t i = 0; i < c.size(); ++i) {
            const auto& s = c.sample(i);
            QCOMPARE(s.keypoints.size(), size_t(42));
            for (const auto& h : hands)
                if (h.id == s.id) {
                    QCOMPARE(s.hand, h.side);
                    QVERIFY(std::abs(s.keypoints[18] - h.points[9].x * 100.0 / h.width) < 0.01);
                    QVERIFY(std::abs(s.keypoints[19] - h.points[9].y * 100.0 / h.height) < 0.01);
                }
        }
    }

    void trainAPackageAndRunIt()
    {
        const QString work = dir.filePath("kp");
        QByteArray out, err;
        QCOMPARE(run(BONEAGE_EXE, {"train-landmarks", "--data", work, "--val", work, "--test", work, "--out",
                                   dir.filePath("models/lm"), "--epochs", "2", "--max-steps-per-epoch", "1", "--batch-size", "4",
                                   "--width", "0.25", "--threads", "2"},
                     &out, &err),
                 0);
        QFile card(dir.filePath("models/lm/model.json"));
        QVERIFY2(card.open(QIODevice::ReadOnly), err.constData());
        const QJsonObject c = QJsonDocument::fromJson(card.readAll()).object();
        QCOMPARE(c["format"].toString(), QString("boneage-landmarks-1"));
        QCOMPARE(c["keypoints"].toArray().size(), 21);
        QVERIFY(c["test_metrics"].toObject().contains("pck_10"));
        QVERIFY(!QFile::exists(dir.filePath("models/lm/weights-best.pt")));
        QVERIFY(QFile::exists(dir.filePath("models/lm/checkpoint.pt")));

        // An untrained-looking model on a real film: a valid JSON answer either way, ROIs only with a hand.
        const int rc = run(BONEAGE_EXE, {"landmarks", "--models", dir.filePath("models"), "--json", "--overlay",
                                         dir.filePath("overlay.png"), kSamples + "/sample-1855.dcm"},
                           &out, &err);
        QVERIFY2(rc == 0 || rc == 3, err.constData());
        const QJsonObject j = QJsonDocument::fromJson(out).object();
        QCOMPARE(j["keypoints"].toArray().size(), 21);
        QCOMPARE(j["keypoints"].toArray().first().toObject()["name"].toString(), QString("wrist"));
        QCOMPARE(j["hand_found"].toBool(), rc == 0);
        QCOMPARE(j["rois"].toArray().size(), rc == 0 ? 18 : 0);
        if (rc == 3) QVERIFY(!j["problem"].toString().isEmpty());
        const cv::Mat overlay = cv::imread(dir.filePath("overlay.png").toStdString());
        QCOMPARE(overlay.cols, j["width"].toInt());

        // The landmark package is not a bone age model: assess does not try to run it.
        QCOMPARE(run(BONEAGE_EXE, {"assess", "--models", dir.filePath("models"), kSamples + "/sample-1855.dcm"}, &out, &err), 1);
        QVERIFY2(err.contains("no model packages found"), err.constData());

        // Evaluation on a cache from the LibTorch-only trainer.
        QCOMPARE(run(BONEAGE_TRAIN_EXE, {"evaluate-landmarks", "--model", dir.filePath("models/lm"), "--data", work}, &out, &err), 0);
        QVERIFY(QJsonDocument::fromJson(out).object().contains("median_error"));

        // A package whose weights were altered is refused, naming the check.
        {
            std::fstream f(dir.filePath("models/lm/weights.pt").toStdString(), std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(3000);
            f.put('\x01');
        }
        QCOMPARE(run(BONEAGE_EXE, {"landmarks", "--models", dir.filePath("models"), kSamples + "/sample-1855.dcm"}, &out, &err), 1);
        QVERIFY2(err.contains("SHA-256"), err.constData());
    }

    void shippedPackageOnTheSamples()
    {
        const std::string models = BONEAGE_SOURCE_DIR "/models";
        const auto package = LandmarkModel::find(models);
        QVERIFY2(!(!package), "no landmark package in models/");   // the shipped models are part of the repository: their absence fails
        const LandmarkModel m = LandmarkModel::load(*package);
        const auto hands = readCocoHandKeypoints((kSamples + "/keypoints.json").toStdString());
        for (const auto& h : hands) {
            const QString file = kSamples + "/" + QString::fromStdString(h.id) + (h.id == "sample-1417" ? ".png" : ".dcm");
            const Radiograph r = loadRadiograph(file.toStdString());
            const HandLandmarks l = m.detect(r);
            QVERIFY2(l.handFound, l.problem.c_str());
            QCOMPARE(l.rois.size(), size_t(18));
            QCOMPARE(l.pose.side, handPose(h.points).side);   // the annotation's thumb side
            // The orientation agrees with the annotation's (sample-1402 lies at about 55 degrees).
            const double sx = double(r.width()) / h.width, sy = double(r.height()) / h.height;
            HandKeypoints annotated = h.points;
            for (auto& k : annotated) k.x *= sx, k.y *= sy;
            QVERIFY2(std::abs(l.pose.angleDegrees - handPose(annotated).angleDegrees) < 15,
                     qPrintable(QString::fromStdString(h.id) + QString(": %1 vs %2 degrees").arg(l.pose.angleDegrees).arg(handPose(annotated).angleDegrees)));
            // These films are in the landmark model's training split: a sanity check, not an evaluation
            // (docs/landmarks.md has the held-out figures). Median keypoint error within 10 % of the hand.
            const double scale = std::hypot((h.points[9].x - h.points[0].x) * sx, (h.points[9].y - h.points[0].y) * sy);
            std::vector<double> e;
            for (int k = 0; k < kHandKeypointCount; ++k)
                e.push_back(std::hypot(l.points[k].x - h.points[k].x * sx, l.points[k].y - h.points[k].y * sy) / scale);
            std::nth_element(e.begin(), e.begin() + 10, e.end());
            QVERIFY2(e[10] < 0.10, qPrintable(QString::fromStdString(h.id) + ": median error " + QString::number(e[10])));
            for (const auto& roi : l.rois) QVERIFY(roi.x1 > 0 && roi.y1 > 0 && roi.x0 < r.width() && roi.y0 < r.height());
        }
    }

    void noHandIsReportedNotGuessed()
    {
        const std::string models = BONEAGE_SOURCE_DIR "/models";
        const auto package = LandmarkModel::find(models);
        QVERIFY2(!(!package), "no landmark package in models/");   // the shipped models are part of the repository: their absence fails
        // Non-hand pictures (docs/landmarks.md measured their confidences): no ROIs, a reason instead.
        cv::Mat flat(600, 500, CV_8U, cv::Scalar(90)), noise(600, 500, CV_8U), gradient(600, 500, CV_8U),
            disc(600, 500, CV_8U, cv::Scalar(30)), bars(600, 500, CV_8U, cv::Scalar(40)), lungs(600, 500, CV_8U, cv::Scalar(10)),
            rod(600, 500, CV_8U, cv::Scalar(25));
        cv::randu(noise, 0, 255);
        for (int y = 0; y < gradient.rows; ++y) gradient.row(y).setTo(255 * y / gradient.rows);
        cv::circle(disc, {250, 300}, 140, cv::Scalar(220), cv::FILLED);
        for (int x = 40; x < bars.cols; x += 80) bars.colRange(x, std::min(bars.cols, x + 40)).setTo(200);
        lungs.colRange(50, 450).setTo(180);
        cv::ellipse(lungs, {160, 300}, {80, 190}, 0, 0, 360, cv::Scalar(40), cv::FILLED);
        cv::ellipse(lungs, {340, 300}, {80, 190}, 0, 0, 360, cv::Scalar(40), cv::FILLED);
        cv::line(rod, {150, 0}, {350, 600}, cv::Scalar(230), 50);
        for (const auto& [name, img] : {std::pair{"flat.png", flat}, std::pair{"noise.png", noise}, std::pair{"gradient.png", gradient},
                                        std::pair{"disc.png", disc}, std::pair{"bars.png", bars}, std::pair{"lungs.png", lungs},
                                        std::pair{"rod.png", rod}}) {
            const QString f = dir.filePath(name);
            QVERIFY(cv::imwrite(f.toStdString(), img));
            QByteArray out, err;
            QVERIFY2(run(BONEAGE_EXE, {"landmarks", "--models", QString::fromStdString(models), "--json", f}, &out, &err) == 3, name);
            const QJsonObject j = QJsonDocument::fromJson(out).object();
            QVERIFY(!j["hand_found"].toBool());
            QCOMPARE(j["rois"].toArray().size(), 0);
            QVERIFY(j["problem"].toString().contains("hand"));
        }
    }

    // The hand-aligned recipe (landmarks first): every sample comes out upright as a left hand, which
    // the landmark model confirms on the aligned picture; a non-hand image is refused with the reason.
    void alignedRecipeMakesUprightLeftHands()
    {
        const QString models = BONEAGE_SOURCE_DIR "/models";
        QVERIFY2(!(!LandmarkModel::find(models.toStdString())), "no landmark package in models/");   // the shipped models are part of the repository: their absence fails
        for (const QString id : {"sample-1402", "sample-1405", "sample-1855"}) {
            const QString aligned = dir.filePath(id + "-aligned.png");
            QByteArray out, err;
            QCOMPARE(run(BONEAGE_EXE, {"recipes", "--prepare", kSamples + "/" + id + ".dcm", "--recipe", "hand-aligned-256", "--out", aligned,
                                       "--models", models}, &out, &err), 0);
            const cv::Mat img = cv::imread(aligned.toStdString(), cv::IMREAD_GRAYSCALE);
            QCOMPARE(img.cols, 256);
            QCOMPARE(img.rows, 256);
            QCOMPARE(run(BONEAGE_EXE, {"landmarks", "--models", models, "--json", aligned}, &out, &err), 0);
            const QJsonObject j = QJsonDocument::fromJson(out).object();
            QVERIFY2(std::abs(j["orientation_degrees"].toDouble()) < 15, qPrintable(id + ": " + QString::number(j["orientation_degrees"].toDouble())));
            QCOMPARE(j["side"].toString(), QString("left"));
        }
        cv::Mat flat(600, 500, CV_8U, cv::Scalar(90));
        const QString f = dir.filePath("flat-for-recipe.png");
        QVERIFY(cv::imwrite(f.toStdString(), flat));
        QByteArray out, err;
        QCOMPARE(run(BONEAGE_EXE, {"recipes", "--prepare", f, "--recipe", "hand-aligned-256", "--out", dir.filePath("x.png"), "--models", models}, &out, &err), 1);
        QVERIFY2(err.contains("hand"), err.constData());
        QVERIFY(!QFile::exists(dir.filePath("x.png")));
    }

    // Films turned by 90 or 180 degrees (issue 17): the model reads the picture in its four quarter
    // turns and keeps the best, so the turned film gives the same hand, keypoints on the same bones.
    void turnedFilmsGiveTheSameHand()
    {
        const auto dir = LandmarkModel::find(BONEAGE_SOURCE_DIR "/models");
        QVERIFY2(dir, "the shipped landmark package is missing from models/");
        const LandmarkModel model = LandmarkModel::load(*dir);
        for (const QString id : {"sample-1402", "sample-1491", "sample-1855"}) {
            const Radiograph film = loadRadiograph((kSamples + "/" + id + ".dcm").toStdString());
            const HandLandmarks upright = model.detect(film);
            QVERIFY2(upright.handFound, qPrintable(id));
            // A hand near upright is read upright (kTurnMargin). sample-1402's lies at 55 degrees: its
            // first reading may win on a quarter turn; the second reading puts it upright either way.
            const bool nearUpright = std::abs(upright.pose.angleDegrees) < 30;
            if (nearUpright) QCOMPARE(upright.readTurnDegrees, 0);
            const double w = film.width(), h = film.height();
            for (const auto& [framing, readOn] : {std::pair<Framing, int>{Framing::Turned90, 270}, {Framing::Turned180, 180}}) {
                const HandLandmarks turned = model.detect(reframe(film, framing));
                QVERIFY2(turned.handFound, qPrintable(id + ": " + toString(framing)));
                // A hand within 30 degrees of upright is found on the turn that undoes the framing.
                // sample-1402's hand lies at 55 degrees: turned by 90 it is nearer upright after a half
                // turn (-35 degrees) than after three quarters (+55), and is found there. Either way the
                // second reading, on the hand cut from the film and turned upright, gives the same
                // keypoints up to resampling (on 100 held-out films: median 1-2 % of the hand scale,
                // 90th percentile 2.5 %; docs/landmarks.md).
                if (nearUpright) QCOMPARE(turned.readTurnDegrees, readOn);
                std::vector<double> moved;
                for (int k = 0; k < kHandKeypointCount; ++k) {
                    // Back onto the film: turned 90 clockwise (x, y) -> (h - y, x); 180: (w - x, h - y).
                    const auto& p = turned.points[k];
                    const cv::Point2d back = framing == Framing::Turned90 ? cv::Point2d(p.y, h - p.x) : cv::Point2d(w - p.x, h - p.y);
                    moved.push_back(std::hypot(back.x - upright.points[k].x, back.y - upright.points[k].y) / upright.pose.scale);
                }
                std::sort(moved.begin(), moved.end());
                const double median = moved[moved.size() / 2], limit = 0.04;
                QVERIFY2(median < limit, qPrintable(QString("%1 %2: keypoints moved by %3 of the hand scale (median)").arg(id, toString(framing)).arg(median)));
            }
        }
    }

    // An inverted export (the negative, nothing in the file to say so): the first reading finds the
    // hand in the inverted picture, the film is read inverted from there on (asRead), and the keypoints
    // are those of the film as stored. The films as stored are never read inverted.
    void invertedExportsAreReadInverted()
    {
        const auto dir = LandmarkModel::find(BONEAGE_SOURCE_DIR "/models");
        QVERIFY2(dir, "the shipped landmark package is missing from models/");
        const LandmarkModel model = LandmarkModel::load(*dir);
        for (const QString name : {"sample-1402.dcm", "sample-1405.dcm", "sample-1491.dcm", "sample-1855.dcm", "sample-1417.png"}) {
            const Radiograph film = loadRadiograph((kSamples + "/" + name).toStdString());
            const HandLandmarks stored = model.detect(film);
            QVERIFY2(stored.handFound && !stored.readInverted, qPrintable(name));
            QVERIFY2(stored.displayedPolarityScore > stored.invertedPolarityScore, qPrintable(name));
            QVERIFY(!asRead(film, stored).metadata.readInverted);

            const Radiograph exported = reframe(film, Framing::InvertedExport);
            const HandLandmarks inverted = model.detect(exported);
            QVERIFY2(inverted.handFound && inverted.readInverted, qPrintable(name + ": the inverted export"));
            QVERIFY(inverted.invertedPolarityScore > inverted.displayedPolarityScore);
            QVERIFY(asRead(exported, inverted).metadata.readInverted);
            for (int k = 0; k < kHandKeypointCount; ++k)
                QVERIFY2(std::hypot(inverted.points[k].x - stored.points[k].x, inverted.points[k].y - stored.points[k].y) < 0.02 * stored.pose.scale,
                         qPrintable(name + ": keypoint " + QString::number(k)));
        }
    }

    // A dark, flat export (the displayed grey g becomes 70 (g/255)^2.2: another gamma and a narrow
    // window, as some PNG exports are): where the film as displayed gives no hand, its tone stretched
    // is read, and the keypoints land where they do on the film itself (within 0.04 hand scales, median).
    void aDarkExportIsReadOnItsStretchedTone()
    {
        const auto dir = LandmarkModel::find(BONEAGE_SOURCE_DIR "/models");
        QVERIFY2(dir, "the shipped landmark package is missing from models/");
        const LandmarkModel model = LandmarkModel::load(*dir);
        int stretched = 0;
        for (const QString name : {"sample-1402.dcm", "sample-1405.dcm", "sample-1491.dcm", "sample-1855.dcm", "sample-1417.png"}) {
            const Radiograph film = loadRadiograph((kSamples + "/" + name).toStdString());
            const HandLandmarks own = model.detect(film);
            QVERIFY2(own.handFound && own.toneStretchGamma == 0, qPrintable(name));
            cv::Mat lut(1, 256, CV_8U);
            for (int v = 0; v < 256; ++v) lut.at<std::uint8_t>(v) = cv::saturate_cast<std::uint8_t>(70 * std::pow(v / 255.0, 2.2));
            Radiograph dark = film;
            cv::LUT(renderDisplay8(film, film.defaultDisplay()), lut, dark.pixels);
            dark.windows.clear();
            dark.voiLuts.clear();
            dark.metadata.photometric = "MONOCHROME2";
            dark.metadata.presentationLutInverse = false;
            dark.metadata.rescaleSlope = 1;
            dark.metadata.rescaleIntercept = 0;
            const HandLandmarks read = model.detect(dark);
            QVERIFY2(read.handFound, qPrintable(name + ": " + QString::fromStdString(read.problem)));
            QVERIFY(!read.readInverted);
            if (read.toneStretchGamma > 0) ++stretched;
            std::vector<double> moved;
            for (int k = 0; k < kHandKeypointCount; ++k)
                moved.push_back(std::hypot(read.points[k].x - own.points[k].x, read.points[k].y - own.points[k].y) / own.pose.scale);
            std::nth_element(moved.begin(), moved.begin() + moved.size() / 2, moved.end());
            qInfo("%s darkened: confidence %.2f (the film's %.2f), tone stretch gamma %.1f, keypoints moved %.3f hand scales (median)",
                  qPrintable(name), read.confidence, own.confidence, read.toneStretchGamma, moved[moved.size() / 2]);
            QVERIFY2(moved[moved.size() / 2] < 0.04,   // as for the turned films above
                     qPrintable(QString("%1: keypoints moved by %2 hand scales (median)").arg(name).arg(moved[moved.size() / 2])));
        }
        qInfo("%d of 5 dark exports found on the stretched tone only", stretched);
        QVERIFY2(stretched >= 1, "no dark export needed the stretched reading: the test no longer exercises it");
    }

    // A film of both hands (the film beside its mirror image, as a right hand): the whole film mixes
    // the two hands, so the halves are read, and the left hand, the standards' hand, is the one read.
    void aFilmOfBothHandsIsReadOnTheLeftHand()
    {
        const auto dir = LandmarkModel::find(BONEAGE_SOURCE_DIR "/models");
        QVERIFY2(dir, "the shipped landmark package is missing from models/");
        const LandmarkModel model = LandmarkModel::load(*dir);
        for (const QString name : {"sample-1402.dcm", "sample-1491.dcm", "sample-1855.dcm", "sample-1417.png"}) {
            const Radiograph film = loadRadiograph((kSamples + "/" + name).toStdString());
            const HandLandmarks own = model.detect(film);
            QVERIFY2(own.handFound && own.readRegion == "film" && own.pose.side == 'L', qPrintable(name));
            Radiograph both = film;
            cv::Mat mirrored;
            cv::flip(film.pixels, mirrored, 1);
            cv::hconcat(std::vector<cv::Mat>{mirrored, film.pixels}, both.pixels);
            const HandLandmarks read = model.detect(both);
            QVERIFY2(read.handFound, qPrintable(name + ": " + QString::fromStdString(read.problem)));
            QCOMPARE(read.readRegion, std::string("right half"));
            QCOMPARE(read.pose.side, 'L');
            std::vector<double> moved;
            for (int k = 0; k < kHandKeypointCount; ++k)
                moved.push_back(std::hypot(read.points[k].x - film.width() - own.points[k].x, read.points[k].y - own.points[k].y) / own.pose.scale);
            std::nth_element(moved.begin(), moved.begin() + moved.size() / 2, moved.end());
            qInfo("%s beside its mirror image: confidence %.2f (the film's %.2f), keypoints moved %.3f hand scales (median)",
                  qPrintable(name), read.confidence, own.confidence, moved[moved.size() / 2]);
            QVERIFY(moved[moved.size() / 2] < 0.04);
        }
    }

    // `train-landmarks --init PACKAGE` (issue 16, what a workspace's landmark job runs): wrong starts are
    // refused; a fine-tune starts from the package, keeps the frozen blocks exactly, measures the
    // monitor cache every epoch, prints JSON progress, records started_from, and resumes.
    void fineTuneALandmarkPackage()
    {
        const QString base = BONEAGE_SOURCE_DIR "/models/hand-landmarks-128px", kp = dir.filePath("kp128"), ft = dir.filePath("ft");
        QFile csv(dir.filePath("labels128.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("id,boneage,male\nsample-1402,24,False\nsample-1491,48,True\nsample-1405,120,False\nsample-1855,186,True\n");
        csv.close();
        QByteArray out, err;
        QCOMPARE(run(BONEAGE_EXE, {"prepare", "--images", kSamples, "--labels", csv.fileName(), "--recipe", "whole-stretch-128",
                                   "--keypoints", kSamples + "/keypoints.json", "--out", kp}, &out, &err), 0);
        const QStringList common = {"--data", kp, "--val", kp, "--out", ft, "--batch-size", "4", "--threads", "2"};
        QCOMPARE(run(BONEAGE_EXE, QStringList{"train-landmarks", "--init", BONEAGE_SOURCE_DIR "/models/2mnet-compact-w50-male"} + common,
                     &out, &err), 2);
        QVERIFY2(err.contains("is not a hand landmark package"), err.constData());
        QCOMPARE(run(BONEAGE_EXE, {"train-landmarks", "--init", base, "--data", dir.filePath("kp"), "--val", dir.filePath("kp"), "--out", ft},
                     &out, &err), 2);
        QVERIFY2(err.contains("prepare it with --recipe whole-stretch-128"), err.constData());
        QCOMPARE(run(BONEAGE_EXE, QStringList{"train-landmarks", "--freeze", "encoder.conv1"} + common, &out, &err), 2);
        QVERIFY2(err.contains("--freeze needs --init"), err.constData());
        // The refinement stage's options (issue 18): each wrong use refused, nothing written.
        QCOMPARE(run(BONEAGE_EXE, QStringList{"train-landmarks", "--new-view", "--input-size", "256"} + common, &out, &err), 2);
        QVERIFY2(err.contains("--new-view needs --init"), err.constData());
        QCOMPARE(run(BONEAGE_EXE, QStringList{"train-landmarks", "--init", base, "--new-view"} + common, &out, &err), 2);
        QVERIFY2(err.contains("--new-view needs --input-size"), err.constData());
        for (const auto& [option, value, says] : {std::tuple{"--scale", "0.9", "--scale must be 0-0.5"},
                                                  std::tuple{"--shift", "-0.1", "--shift must be 0-0.5"},
                                                  std::tuple{"--flip", "2", "--flip must be a probability"}}) {
            QCOMPARE(run(BONEAGE_EXE, QStringList{"train-landmarks", option, value} + common, &out, &err), 2);
            QVERIFY2(err.contains(says), err.constData());
        }
        QVERIFY(!QFile::exists(ft + "/model.json"));
        QCOMPARE(run(BONEAGE_EXE, {"landmarks-check", "--images", kSamples}, &out, &err), 2);
        QVERIFY2(err.contains("one of --rois or --keypoints"), err.constData());
        QCOMPARE(run(BONEAGE_EXE, {"landmarks-check", "--images", kSamples, "--rois", kSamples, "--keypoints", kSamples + "/keypoints.json"},
                     &out, &err), 2);
        QVERIFY2(err.contains("one of --rois or --keypoints"), err.constData());
        QCOMPARE(run(BONEAGE_EXE, QStringList{"train-landmarks", "--init", base, "--freeze", "backbone.layer1", "--epochs", "1"} + common,
                     &out, &err), 1);
        QVERIFY2(err.contains("encoder.layer1"), err.constData());   // the names there are
        QVERIFY(!QFile::exists(ft + "/model.json"));

        const QStringList fine = QStringList{"train-landmarks", "--init", base, "--freeze", "encoder.conv1,encoder.bn1,encoder.layer1",
                                             "--monitor", kp, "--minutes", "5", "--progress", "json"} + common;
        QCOMPARE(run(BONEAGE_EXE, fine + QStringList{"--epochs", "1"}, &out, &err), 0);
        bool epochSeen = false;
        for (const QByteArray& line : out.split('\n')) {
            const QJsonObject j = QJsonDocument::fromJson(line).object();
            if (j["event"].toString() == "epoch") epochSeen = j["monitor_error"].toDouble() > 0 && j["validation_error"].toDouble() > 0;
        }
        QVERIFY2(epochSeen, out.constData());
        QCOMPARE(run(BONEAGE_EXE, fine + QStringList{"--epochs", "2", "--resume", ft + "/checkpoint.pt"}, &out, &err), 0);
        QFile curves(ft + "/curves.csv");
        QVERIFY(curves.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = curves.readAll().trimmed().split('\n');
        QVERIFY(rows.first().endsWith("monitor_mean_error"));
        QCOMPARE(rows.size(), 3);   // the header, the first run's epoch, the resumed one's
        QVERIFY(!rows.last().endsWith(","));
        QFile card(ft + "/model.json"), baseCard(base + "/model.json");
        QVERIFY(card.open(QIODevice::ReadOnly) && baseCard.open(QIODevice::ReadOnly));
        const QJsonObject c = QJsonDocument::fromJson(card.readAll()).object(), b = QJsonDocument::fromJson(baseCard.readAll()).object();
        QCOMPARE(c["started_from"]["weights_sha256"].toString(), b["weights"]["sha256"].toString());
        QCOMPARE(c["training"]["frozen"].toArray().size(), 3);
        QCOMPARE(c["input"]["size"].toInt(), 128);
        // The frozen blocks are exactly the base's; the head learned.
        const auto load = [](const QString& package, bool half) {
            nn::HandLandmarkNet net(nn::HandLandmarkOptions().inputSize(128).widthMultiplier(0.5));
            nn::loadCheckedWeightsFile(*net, (package + "/weights.pt").toStdString(), half ? torch::kHalf : torch::kFloat);
            return net;
        };
        const auto before = load(base, true), after = load(ft, c["weights"]["dtype"].toString() == "float16");
        const auto a = after->named_parameters();
        for (const auto& p : before->named_parameters()) {
            const bool frozen = p.key().rfind("encoder.layer1", 0) == 0 || p.key().rfind("encoder.conv1", 0) == 0;
            if (frozen) QVERIFY2(torch::equal(p.value(), a[p.key()]), p.key().c_str());
            if (p.key() == "head.weight") QVERIFY(!torch::equal(p.value(), a[p.key()]));
        }
    }

    // Wrong landmark options and a recipe that needs a model nobody installed: a clear message each.
    void badLandmarkInputIsRefused()
    {
        QByteArray out, err;
        QCOMPARE(run(BONEAGE_EXE, {"train-landmarks", "--data", dir.filePath("none"), "--val", dir.filePath("none"), "--out",
                                   dir.filePath("lm-out"), "--rotation", "200"}, &out, &err), 2);
        QVERIFY2(err.contains("--rotation must be 0-180 degrees"), err.constData());
        QVERIFY(!QFile::exists(dir.filePath("lm-out")));
        QVERIFY(QDir().mkpath(dir.filePath("no-models")));
        QCOMPARE(run(BONEAGE_EXE, {"recipes", "--prepare", kSamples + "/sample-1491.dcm", "--recipe", "hand-aligned-256", "--out",
                                   dir.filePath("aligned.png"), "--models", dir.filePath("no-models")}, &out, &err), 1);
        QVERIFY2(err.contains("no hand landmark model is installed"), err.constData());
        QVERIFY(!QFile::exists(dir.filePath("aligned.png")));
    }
};

QTEST_APPLESS_MAIN(TestLandmarks)
#include "tst_landmarks.moc"
