// The framings of issue 17's invariance check (core/imaging/Framing), on the bundled sample films:
// each is what it says, and the MONOCHROME1 copy shows the very same picture.
#include "imaging/Display.h"
#include "imaging/Framing.h"
#include "imaging/RadiographLoader.h"

#include <opencv2/core.hpp>

#include <QtTest>

using namespace boneage;

class TestFraming : public QObject {
    Q_OBJECT

private slots:
    void eachFramingIsWhatItSays_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* f : {"sample-1402.dcm", "sample-1491.dcm", "sample-1417.png"}) QTest::newRow(f) << QString(f);
    }
    void eachFramingIsWhatItSays()
    {
        QFETCH(QString, file);
        const Radiograph r = loadRadiograph(BONEAGE_SOURCE_DIR "/resources/samples/" + file.toStdString());
        const int w = r.width(), h = r.height();

        const Radiograph turned = reframe(r, Framing::Turned90);
        QCOMPARE(turned.width(), h);
        QCOMPARE(turned.height(), w);
        QCOMPARE(turned.pixels.type(), r.pixels.type());
        const Radiograph back = reframe(reframe(reframe(turned, Framing::Turned90), Framing::Turned90), Framing::Turned90);
        QCOMPARE(cv::norm(back.pixels, r.pixels, cv::NORM_INF), 0.0);   // four quarter turns: the film again
        const Radiograph half = reframe(r, Framing::Turned180);
        QCOMPARE(cv::norm(reframe(half, Framing::Turned180).pixels, r.pixels, cv::NORM_INF), 0.0);

        const Radiograph crop = reframe(r, Framing::HandCrop);
        QVERIFY(crop.width() <= w && crop.height() <= h);
        QVERIFY(crop.width() * crop.height() < w * h);        // the hand is smaller than the film
        QVERIFY(crop.width() * crop.height() > w * h / 10);   // and not a speck

        const Radiograph wide = reframe(r, Framing::WideMargin);
        QCOMPARE(wide.width(), w + 2 * (w * 3 / 10));
        QCOMPARE(wide.height(), h + 2 * (h * 3 / 10));

        // MONOCHROME1: other stored values, the same displayed picture.
        const Radiograph inverted = reframe(r, Framing::Monochrome1);
        QCOMPARE(inverted.metadata.photometric, std::string(r.highValuesDark() ? "MONOCHROME2" : "MONOCHROME1"));
        QVERIFY(cv::norm(inverted.pixels, r.pixels, cv::NORM_INF) > 0);
        const cv::Mat before = renderDisplay8(r, r.defaultDisplay()), after = renderDisplay8(inverted, inverted.defaultDisplay());
        // At most a grey level of rounding apart.
        const double worst = cv::norm(before, after, cv::NORM_INF), mean = cv::norm(before, after, cv::NORM_L1) / double(before.total());
        QVERIFY2(worst <= 1.0 && mean <= 0.5,
                 qPrintable(QString("the MONOCHROME1 copy displays differently: %1 grey levels at most, %2 on average").arg(worst).arg(mean)));

        // The inverted export: the negative with nothing in the file to say so (a PNG of the inverted
        // film). Displayed, it is the picture inverted; read inverted (as the landmark model decides for
        // such a film, LandmarkModel.h), the picture again.
        const Radiograph exported = reframe(r, Framing::InvertedExport);
        QCOMPARE(exported.metadata.photometric, r.metadata.photometric);
        QCOMPARE(exported.highValuesDark(), r.highValuesDark());
        const cv::Mat negative = renderDisplay8(exported, exported.defaultDisplay());
        cv::Mat expected;
        cv::subtract(cv::Scalar(255), before, expected);
        QVERIFY(cv::norm(negative, expected, cv::NORM_INF) <= 1.0);
        Radiograph read = exported;
        read.metadata.readInverted = true;
        QVERIFY(read.highValuesDark() != exported.highValuesDark());
        QVERIFY(cv::norm(renderDisplay8(read, read.defaultDisplay()), before, cv::NORM_INF) <= 1.0);
    }
};

QTEST_GUILESS_MAIN(TestFraming)
#include "tst_framing.moc"
