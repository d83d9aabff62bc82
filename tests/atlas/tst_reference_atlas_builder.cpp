// The reference atlas builder: plates from the bundled samples (known RSNA bone ages in
// resources/samples/samples.csv), the typical case chosen over outliers on synthetic films, the
// nearest-age fallback, and the thumbnail that "typical" is measured on.
#include "atlas/AtlasError.h"
#include "atlas/HandThumbnail.h"
#include "atlas/ReferenceAtlasBuilder.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace boneage;

namespace {

QString samples() { return QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples"); }

// The samples with their RSNA bone ages, read from samples.csv (file,rsna_id,boneage_months,sex,...).
std::vector<LabelledCase> sampleCases()
{
    std::vector<LabelledCase> cases;
    QFile f(samples() + "/samples.csv");
    if (!f.open(QIODevice::ReadOnly)) return cases;
    f.readLine();
    while (!f.atEnd()) {
        const QStringList cols = QString::fromUtf8(f.readLine()).trimmed().split(',');
        if (cols.size() < 4) continue;
        LabelledCase c;
        c.id = cols[1].toStdString();
        c.boneAgeMonths = cols[2].toDouble();
        c.sex = cols[3] == "M" ? Sex::Male : Sex::Female;
        c.imagePath = (samples() + "/" + cols[0]).toStdString();
        cases.push_back(c);
    }
    return cases;
}

// A crude hand: palm and five fingers, bright on dark, with noise; `fingerLength` varies it.
cv::Mat syntheticHand(int seed, double fingerLength, int brightness = 200)
{
    std::mt19937 rng(seed);
    cv::Mat img(400, 320, CV_8U, cv::Scalar(20));
    cv::rectangle(img, cv::Rect(80, 200, 150, 140), cv::Scalar(brightness), cv::FILLED);
    const int len = static_cast<int>(fingerLength);
    for (int i = 0; i < 4; ++i) cv::rectangle(img, cv::Rect(85 + i * 38, 200 - len, 24, len), cv::Scalar(brightness), cv::FILLED);
    cv::rectangle(img, cv::Rect(232, 230, 50, 24), cv::Scalar(brightness), cv::FILLED);   // thumb
    cv::Mat noise(img.size(), CV_8U);
    cv::randn(noise, 0, 6 + seed % 3);
    cv::Mat out;
    cv::add(img, noise, out);
    return out;
}

} // namespace

class TestReferenceAtlasBuilder : public QObject {
    Q_OBJECT

private slots:
    void buildsPlatesFromTheSamples()
    {
        const auto cases = sampleCases();
        QCOMPARE(cases.size(), size_t(5));
        QTemporaryDir dir;
        const QString out = dir.filePath("atlas");
        ReferenceAtlasOptions options;
        options.maxSide = 256;
        options.sourceTemplate = "RSNA case {id}";
        const ReferenceAtlasReport report = buildReferenceAtlas(cases, out.toStdString(), options);
        QCOMPARE(report.casesRead, 5);
        QVERIFY(report.problems.empty());
        // Every sample has a GP plate age within 6 months of its bone age (24 F, 48 M, 120 F, 162 M,
        // 186 M) and each case stands for one plate only; other ages are too far or already used.
        const AtlasPack pack = AtlasPack::load(out.toStdString());
        const auto m = pack.plates(Sex::Male);
        const auto f = pack.plates(Sex::Female);
        QCOMPARE(m.size(), size_t(3));
        QCOMPARE(f.size(), size_t(2));
        QCOMPARE(m[0].ageMonths, 48.0);
        QCOMPARE(m[0].reference->id, std::string("1491"));
        QCOMPARE(m[0].reference->boneAgeMonths, 48.0);
        QCOMPARE(m[0].reference->chosenBy, std::string("typical"));
        QCOMPARE(m[0].source, std::string("RSNA case 1491"));
        QCOMPARE(m[1].ageMonths, 162.0);
        QCOMPARE(m[2].ageMonths, 186.0);
        QCOMPARE(f[0].ageMonths, 24.0);
        QCOMPARE(f[1].ageMonths, 120.0);
        QCOMPARE(f[1].reference->id, std::string("1405"));
        QVERIFY(!report.skippedPlates.empty());   // e.g. M 0 months: no case within 9 months
        for (const auto& p : pack.allPlates()) {
            QVERIFY2(p.imageFile.find('/') == std::string::npos, p.imageFile.c_str());
            const cv::Mat img = cv::imread(pack.imagePath(p), cv::IMREAD_UNCHANGED);
            QVERIFY2(!img.empty(), p.imageFile.c_str());
            QCOMPARE(img.type(), CV_8UC1);
            QVERIFY(std::max(img.cols, img.rows) <= 256);
            // A hand, not a blank picture.
            cv::Scalar mean, sd;
            cv::meanStdDev(img, mean, sd);
            QVERIFY2(sd[0] > 15, qPrintable(QString("%1: grey SD %2").arg(p.imageFile.c_str()).arg(sd[0])));
        }
        // No temporary left behind, only the plates and the manifest.
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 6);
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 1);
    }

    void choosesTheTypicalCaseNotAnOutlier()
    {
        QTemporaryDir dir;
        std::vector<LabelledCase> cases;
        const auto add = [&](const std::string& id, const cv::Mat& img, double age) {
            const std::string path = dir.filePath(QString::fromStdString(id) + ".png").toStdString();
            QVERIFY(cv::imwrite(path, img));
            cases.push_back({id, age, Sex::Male, path});
        };
        // Five ordinary hands around 90 months, and three outliers with ages closer to the plate.
        for (int i = 0; i < 5; ++i) add("normal" + std::to_string(i), syntheticHand(i, 120 + 6 * (i - 2)), 88 + i);
        cv::Mat rotated;
        cv::rotate(syntheticHand(7, 120), rotated, cv::ROTATE_90_CLOCKWISE);
        add("rotated", rotated, 90);
        add("dim", syntheticHand(8, 120, 45), 90);
        cv::Mat labelled = syntheticHand(9, 120);
        cv::rectangle(labelled, cv::Rect(10, 10, 300, 120), cv::Scalar(255), cv::FILLED);
        add("label", labelled, 90);

        ReferenceAtlasOptions options;
        options.maleAges = {90};
        options.femaleAges = {90};
        const auto report = buildReferenceAtlas(cases, dir.filePath("atlas").toStdString(), options);
        const auto plates = report.pack.plates(Sex::Male);
        QCOMPARE(plates.size(), size_t(1));
        const ReferenceCase& chosen = *plates[0].reference;
        QVERIFY2(chosen.id.rfind("normal", 0) == 0, chosen.id.c_str());
        QCOMPARE(chosen.candidates, 8);
        QCOMPARE(chosen.chosenBy, std::string("typical"));
        QVERIFY(report.pack.plates(Sex::Female).empty());
        QCOMPARE(report.skippedPlates.size(), size_t(1));   // F 90: no female case
    }

    void fallsBackToTheNearestAge()
    {
        auto cases = sampleCases();
        QTemporaryDir dir;
        ReferenceAtlasOptions options;
        options.maleAges = {48, 170};   // 162 and 186 lie outside ±6 months of 170
        options.femaleAges = {60};      // 24 and 120: both more than 9 months away
        const auto report = buildReferenceAtlas(cases, dir.filePath("atlas").toStdString(), options);
        const auto m = report.pack.plates(Sex::Male);
        QCOMPARE(m.size(), size_t(2));
        QCOMPARE(m[1].reference->id, std::string("1417"));   // 162: 8 months from 170, nearer than 186
        QCOMPARE(m[1].reference->chosenBy, std::string("nearest age"));
        QVERIFY(report.pack.plates(Sex::Female).empty());
        QCOMPARE(report.skippedPlates.size(), size_t(1));
        QVERIFY(QString::fromStdString(report.skippedPlates[0]).contains("F 5 y 0 m"));
    }

    void unreadableFilmsAreReportedAndSkipped()
    {
        auto cases = sampleCases();
        cases.push_back({"ghost", 48, Sex::Male, "/nonexistent/ghost.png"});
        QTemporaryDir dir;
        const auto report = buildReferenceAtlas(cases, dir.filePath("atlas").toStdString());
        QCOMPARE(report.casesRead, 5);
        QCOMPARE(report.problems.size(), size_t(1));
        QVERIFY(QString::fromStdString(report.problems[0]).contains("ghost"));

        bool threw = false;
        try {
            buildReferenceAtlas({{"ghost", 48, Sex::Male, "/nonexistent/ghost.png"}}, dir.filePath("none").toStdString());
        } catch (const AtlasError& e) {
            threw = QString(e.what()).contains("could be read");
        }
        QVERIFY(threw);
        QVERIFY(!QDir(dir.filePath("none")).exists());
    }

    void thumbnailIsNormalised()
    {
        const cv::Mat t = handThumbnail(syntheticHand(1, 120));
        QCOMPARE(t.rows, kHandThumbnailSize);
        QCOMPARE(t.cols, kHandThumbnailSize);
        QCOMPARE(t.type(), CV_32F);
        cv::Scalar mean, sd;
        cv::meanStdDev(t, mean, sd);
        QVERIFY(std::abs(mean[0]) < 1e-3);
        QVERIFY(std::abs(sd[0] - 1) < 1e-3);
        // A brighter copy of the same hand is (nearly) the same thumbnail; a rotated one is not.
        cv::Mat brighter;
        syntheticHand(1, 120).convertTo(brighter, CV_8U, 1.1, 5);
        cv::Mat rotated;
        cv::rotate(syntheticHand(1, 120), rotated, cv::ROTATE_90_CLOCKWISE);
        const double same = thumbnailDistance(t, handThumbnail(brighter));
        const double turned = thumbnailDistance(t, handThumbnail(rotated));
        QVERIFY2(same < 0.5 * turned, qPrintable(QString("same %1, turned %2").arg(same).arg(turned)));
    }

    void medianIsElementWise()
    {
        std::vector<cv::Mat> m = {cv::Mat(2, 2, CV_32F, cv::Scalar(1)), cv::Mat(2, 2, CV_32F, cv::Scalar(5)),
                                  cv::Mat(2, 2, CV_32F, cv::Scalar(2))};
        m[1].at<float>(0, 0) = -10;
        const cv::Mat med = medianThumbnail(m);
        QCOMPARE(med.at<float>(0, 0), 1.0f);
        QCOMPARE(med.at<float>(1, 1), 2.0f);
        m.pop_back();
        QCOMPARE(medianThumbnail(m).at<float>(1, 1), 3.0f);
    }
};

QTEST_GUILESS_MAIN(TestReferenceAtlasBuilder)
#include "tst_reference_atlas_builder.moc"
