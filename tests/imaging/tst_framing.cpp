// The framings of issue 17's invariance check (core/imaging/Framing), on the bundled sample films:
// each is what it says, and the MONOCHROME1 copy shows the very same picture.
#include "imaging/Display.h"
#include "imaging/Framing.h"
#include "imaging/RadiographLoader.h"

#include <opencv2/core.hpp>

#include <cmath>

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

        // Tilted by 15 degrees: a canvas that holds the whole film, corners in the background.
        const Radiograph tilted = reframe(r, Framing::Tilted15);
        const double c = std::cos(15 * CV_PI / 180), s = std::sin(15 * CV_PI / 180);
        QVERIFY(std::abs(tilted.width() - (w * c + h * s)) <= 2);
        QVERIFY(std::abs(tilted.height() - (w * s + h * c)) <= 2);
        const cv::Mat shownTilted = renderDisplay8(tilted, r.defaultDisplay());
        const cv::Mat shownWide = renderDisplay8(wide, r.defaultDisplay());   // its corner: the background
        QCOMPARE(int(shownTilted.at<std::uint8_t>(0, 0)), int(shownWide.at<std::uint8_t>(0, 0)));
        QCOMPARE(int(shownTilted.at<std::uint8_t>(tilted.height() - 1, tilted.width() - 1)), int(shownWide.at<std::uint8_t>(0, 0)));

        // Another tone curve: the mid-greys lighter with gamma 0.7, darker with 1.4, the range kept.
        const double meanGrey = cv::mean(before)[0];
        const cv::Mat lighter = renderDisplay8(reframe(r, Framing::Gamma07), r.defaultDisplay());
        const cv::Mat darker = renderDisplay8(reframe(r, Framing::Gamma14), r.defaultDisplay());
        QVERIFY2(cv::mean(lighter)[0] > meanGrey + 5 && cv::mean(darker)[0] < meanGrey - 5,
                 qPrintable(QString("mean grey %1 -> %2 (0.7), %3 (1.4)").arg(meanGrey).arg(cv::mean(lighter)[0]).arg(cv::mean(darker)[0])));
        // The curve runs over the displayed range: a DICOM film's values (its ends stay), 0-255 for an
        // 8-bit film without a window.
        const Radiograph lighterFilm = reframe(r, Framing::Gamma07);
        QCOMPARE(lighterFilm.pixels.type(), r.pixels.type());
        if (!(r.pixels.depth() == CV_8U && r.windows.empty() && r.voiLuts.empty())) {
            double lo = 0, hi = 0, lo07 = 0, hi07 = 0;
            cv::minMaxLoc(r.pixels, &lo, &hi);
            cv::minMaxLoc(lighterFilm.pixels, &lo07, &hi07);
            QVERIFY2(std::abs(lo07 - lo) <= 1 && std::abs(hi07 - hi) <= 1, qPrintable(QString("%1-%2 -> %3-%4").arg(lo).arg(hi).arg(lo07).arg(hi07)));
        }

        // Half the pixels, the spacing doubled where known.
        const Radiograph half2 = reframe(r, Framing::HalfSize);
        QCOMPARE(half2.width(), w / 2);
        QCOMPARE(half2.height(), h / 2);
        if (r.metadata.pixelSpacingRowMm) QVERIFY(std::abs(*half2.metadata.pixelSpacingRowMm - 2 * *r.metadata.pixelSpacingRowMm) < 0.01);

        // Both hands: the film beside its mirror image, the film itself on the right.
        const Radiograph both = reframe(r, Framing::BothHands);
        QCOMPARE(both.width(), 2 * w);
        QCOMPARE(both.height(), h);
        QCOMPARE(cv::norm(both.pixels.colRange(w, 2 * w), r.pixels, cv::NORM_INF), 0.0);

        // Mirrored: twice is the film again, the first column now the last.
        const Radiograph mirrored = reframe(r, Framing::Mirrored);
        QCOMPARE(cv::norm(mirrored.pixels.col(w - 1), r.pixels.col(0), cv::NORM_INF), 0.0);
        QVERIFY(cv::norm(mirrored.pixels, r.pixels, cv::NORM_INF) > 0);
        QCOMPARE(cv::norm(reframe(mirrored, Framing::Mirrored).pixels, r.pixels, cv::NORM_INF), 0.0);

        // A quarter turn either way: the other undoes it.
        const Radiograph turnedBack = reframe(r, Framing::Turned270);
        QCOMPARE(turnedBack.width(), h);
        QCOMPARE(cv::norm(reframe(turnedBack, Framing::Turned90).pixels, r.pixels, cv::NORM_INF), 0.0);

        // The JPEG export: 8 bits, no window, the displayed picture within JPEG's loss.
        const Radiograph jpeg = reframe(r, Framing::JpegExport);
        QCOMPARE(jpeg.pixels.type(), CV_8UC1);
        QCOMPARE(jpeg.width(), w);
        QVERIFY(jpeg.windows.empty() && jpeg.voiLuts.empty() && !jpeg.highValuesDark());
        const cv::Mat shownJpeg = renderDisplay8(jpeg, jpeg.defaultDisplay());
        const double jpegLoss = cv::norm(shownJpeg, before, cv::NORM_L1) / double(before.total());
        QVERIFY2(jpegLoss > 0.05 && jpegLoss < 4.0, qPrintable(QString("mean difference %1 grey levels").arg(jpegLoss)));

        for (Framing f : allFramings()) QCOMPARE(framingFromString(toString(f)), std::optional<Framing>(f));
        QCOMPARE(allFramings().size(), std::size_t(14));
        QVERIFY(!framingFromString("turned-45"));
    }
};

QTEST_GUILESS_MAIN(TestFraming)
#include "tst_framing.moc"
