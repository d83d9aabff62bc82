// No confident answer without a hand and a plausible result (issue 14): pictures that are not hands
// get no bone age from `boneage assess` (exit 3, the JSON says why) unless the reader forces it, and
// then the result still says "review required"; a chronological age outside 0-20 years, or a study
// dated before the birth, gives no SDS. Real films and the shipped packages, through the real command.
#include "../cli/BoneageCommand.h"

#include "anatomy/GpStandards.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <limits>

namespace {

const QString kSamples = QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples");
const QString kModels = QStringLiteral(BONEAGE_SOURCE_DIR "/models");

QJsonObject json(const QByteArray& out) { return QJsonDocument::fromJson(out).object(); }

// A colour "photograph": sky, ground, a sun and a house, with sensor noise.
cv::Mat photograph()
{
    cv::Mat p(480, 640, CV_8UC3, cv::Scalar(235, 190, 120));
    p.rowRange(300, 480).setTo(cv::Scalar(60, 140, 70));
    cv::circle(p, {520, 90}, 50, cv::Scalar(60, 220, 250), cv::FILLED);
    cv::rectangle(p, {150, 200}, {330, 360}, cv::Scalar(40, 60, 170), cv::FILLED);
    cv::fillConvexPoly(p, std::vector<cv::Point>{{130, 200}, {350, 200}, {240, 120}}, cv::Scalar(30, 30, 90));
    cv::Mat noise(p.size(), p.type());
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(12));
    p += noise;
    return p;
}

} // namespace

class TestNoConfidentAnswer : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    QString write(const char* name, const cv::Mat& image)
    {
        const QString path = dir.filePath(name);
        cv::imwrite(path.toStdString(), image);
        return path;
    }

    // A DICOM copy of a sample with other dates (export-dicom keeps the pixels).
    QString withDates(const char* name, const char* birth, const char* study)
    {
        const QString out = dir.filePath(name);
        const CommandResult r = runBoneage({"export-dicom", kSamples + "/sample-1855.dcm", out, "--birth-date", birth,
                                            "--study-date", study, "--sex", "M"});
        return r.status == 0 ? out : QString();
    }

private slots:
    void plausibleRanges()
    {
        QVERIFY(boneage::chronologicalAgeProblem(126.0).empty());
        QVERIFY(boneage::chronologicalAgeProblem(0.0).empty());
        QVERIFY(boneage::chronologicalAgeProblem(240.0).empty());
        QVERIFY(!boneage::chronologicalAgeProblem(-0.5).empty());
        QVERIFY(!boneage::chronologicalAgeProblem(2690.0).empty());   // born 1800
        QVERIFY(!boneage::chronologicalAgeProblem(std::numeric_limits<double>::quiet_NaN()).empty());
        QVERIFY(boneage::boneAgeEstimateProblem(12.0).empty());
        QVERIFY(!boneage::boneAgeEstimateProblem(-3.0).empty());
        QVERIFY(!boneage::boneAgeEstimateProblem(900.0).empty());
        QVERIFY(!boneage::boneAgeEstimateProblem(std::numeric_limits<double>::infinity()).empty());
    }

    void nonHandPicturesGetNoBoneAge_data()
    {
        QTest::addColumn<QString>("file");
        cv::Mat blank(600, 500, CV_8U, cv::Scalar(0)), white(600, 500, CV_8U, cv::Scalar(255)), gradient(600, 500, CV_8U),
            onePixel(1, 1, CV_8U, cv::Scalar(128)), noise(512, 512, CV_16U);
        for (int y = 0; y < gradient.rows; ++y) gradient.row(y).setTo(255 * y / gradient.rows);
        cv::randu(noise, 0, 65535);
        QTest::newRow("blank") << write("blank.png", blank);
        QTest::newRow("white") << write("white.png", white);
        QTest::newRow("one pixel") << write("one-pixel.png", onePixel);
        QTest::newRow("gradient") << write("gradient.png", gradient);
        QTest::newRow("photograph") << write("photograph.jpg", photograph());
        QTest::newRow("16-bit noise") << write("noise.tif", noise);
    }

    void nonHandPicturesGetNoBoneAge()
    {
        QFETCH(QString, file);
        QVERIFY(QFile::exists(file));
        const CommandResult r = runBoneage({"assess", "--models", kModels, "--sex", "M", "--json", file});
        QVERIFY2(r.status == 3, r.err.constData());
        const QJsonObject j = json(r.out);
        QVERIFY2(j["withheld"].toBool() && j["review_required"].toBool(), r.out.constData());
        QCOMPARE(j["models"].toArray().size(), 0);
        QVERIFY(!j.contains("ensemble"));
        QVERIFY(!r.out.contains("bone_age_months"));
        QCOMPARE(j["hand"].toObject()["found"].toBool(), false);
        QCOMPARE(j["review"].toArray().first().toObject()["code"].toString(), QString("no_hand"));
        QVERIFY(j["notice"].toString().contains("not a certified medical device"));
        // The text form says so too, and how to force it.
        const CommandResult text = runBoneage({"assess", "--models", kModels, "--sex", "M", file});
        QCOMPARE(text.status, 3);
        QVERIFY2(text.out.contains("REVIEW REQUIRED, no bone age reported") && text.out.contains("--force"), text.out.constData());
        QVERIFY(!text.out.contains("months ("));
    }

    void forcingGivesAnEstimateMarkedForReview()
    {
        cv::Mat gradient(600, 500, CV_8U);
        for (int y = 0; y < gradient.rows; ++y) gradient.row(y).setTo(255 * y / gradient.rows);
        const QString file = write("gradient-forced.png", gradient);
        const CommandResult r = runBoneage({"assess", "--models", kModels, "--sex", "F", "--force", "--json", file});
        QVERIFY2(r.status == 0 || r.status == 3, r.err.constData());
        const QJsonObject j = json(r.out);
        QVERIFY(j["review_required"].toBool());
        QVERIFY(j["forced"].toBool());
        QCOMPARE(j["review"].toArray().first().toObject()["code"].toString(), QString("no_hand"));
        // Either a number (marked) or, if the network's output left 0-20 years, a refusal: never an unmarked age.
        if (r.status == 0) QVERIFY(!j["models"].toArray().isEmpty());
        else QVERIFY(j.contains("refused_estimates"));
    }

    void realFilmsAreReportedAsBefore()
    {
        for (const char* name : {"sample-1855.dcm", "sample-1402.dcm"}) {
            const CommandResult r = runBoneage({"assess", "--models", kModels, "--json", kSamples + "/" + name});
            QVERIFY2(r.status == 0, r.err.constData());
            const QJsonObject j = json(r.out);
            QVERIFY2(!j["review_required"].toBool() && !j["withheld"].toBool(), r.out.constData());
            QVERIFY(j["hand"].toObject()["found"].toBool());
            const QJsonObject model = j["models"].toArray().first().toObject();
            const double months = model["bone_age_months"].toDouble();
            QVERIFY(months > 0 && months < 240);
            QVERIFY(model.contains("sds"));   // the samples carry birth and study dates
        }
    }

    void implausibleChronologicalAgesGiveNoSds_data()
    {
        QTest::addColumn<QString>("birth");
        QTest::addColumn<QString>("study");
        QTest::addColumn<QString>("expected");
        QTest::newRow("born 1800") << "1800-01-01" << "2024-03-01" << "outside the 0 to 20 years";
        QTest::newRow("study before birth") << "2030-05-01" << "2024-03-01" << "before the birth date";
    }

    void implausibleChronologicalAgesGiveNoSds()
    {
        QFETCH(QString, birth);
        QFETCH(QString, study);
        QFETCH(QString, expected);
        const QString file = withDates(qPrintable(QString("dates-%1.dcm").arg(QTest::currentDataTag()).replace(' ', '-')),
                                       qPrintable(birth), qPrintable(study));
        QVERIFY(!file.isEmpty());
        const CommandResult r = runBoneage({"assess", "--models", kModels, "--json", file});
        QVERIFY2(r.status == 0, r.err.constData());
        const QJsonObject j = json(r.out);
        QVERIFY2(j["chronological_age_problem"].toString().contains(expected), r.out.constData());
        const QJsonObject model = j["models"].toArray().first().toObject();
        QVERIFY(model.contains("bone_age_months"));   // the film itself is fine: its bone age stands
        QVERIFY(!model.contains("sds") && !model.contains("maturity"));
        const CommandResult text = runBoneage({"assess", "--models", kModels, file});
        QVERIFY2(text.out.contains("no SDS: ") && !text.out.contains("SDS +") && !text.out.contains("SDS -"), text.out.constData());
        // Given by hand on a PNG, the same rule.
        const CommandResult png = runBoneage({"assess", "--models", kModels, "--sex", "M", "--age-months", "5000", "--json",
                                              kSamples + "/sample-1417.png"});
        QVERIFY2(png.status == 0, png.err.constData());
        QVERIFY(json(png.out)["chronological_age_problem"].toString().contains("outside the 0 to 20 years"));
    }
};

QTEST_APPLESS_MAIN(TestNoConfidentAnswer)
#include "tst_no_confident_answer.moc"
