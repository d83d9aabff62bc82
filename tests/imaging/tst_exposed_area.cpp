// core/imaging/ExposedArea: the first landmark reading sees the film's exposure, not a flat margin
// around it (issue 17's wide-margin framing lost the hand of one held-out film in 106).
#include "imaging/Display.h"
#include "imaging/ExposedArea.h"
#include "imaging/Framing.h"
#include "imaging/RadiographLoader.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <QtTest>

using namespace boneage;

namespace {

QString describe(const cv::Rect& r)
{
    return QString("(%1, %2) %3 x %4").arg(r.x).arg(r.y).arg(r.width).arg(r.height);
}

// A film-like picture: noisy grey, every line has structure (no flat edge).
cv::Mat texturedFilm(int w, int h, int seed)
{
    cv::Mat m(h, w, CV_8UC1);
    cv::RNG rng(seed);
    rng.fill(m, cv::RNG::UNIFORM, 40, 200);
    cv::GaussianBlur(m, m, cv::Size(3, 3), 0);
    return m;
}

bool near(const cv::Rect& a, const cv::Rect& b, int pixels)
{
    return std::abs(a.x - b.x) <= pixels && std::abs(a.y - b.y) <= pixels && std::abs(a.br().x - b.br().x) <= pixels &&
           std::abs(a.br().y - b.br().y) <= pixels;
}

} // namespace

class TestExposedArea : public QObject {
    Q_OBJECT

private slots:
    void aFilmWithoutAFlatEdgeIsItsOwnArea()
    {
        const cv::Mat film = texturedFilm(300, 400, 1);
        QCOMPARE(exposedArea(film), cv::Rect(0, 0, 300, 400));
    }

    // A padded film ends on the film, whatever the pad's value and however uneven the pads.
    void aFlatMarginIsCut_data()
    {
        QTest::addColumn<int>("value");
        QTest::addColumn<int>("left");
        QTest::addColumn<int>("top");
        QTest::addColumn<int>("right");
        QTest::addColumn<int>("bottom");
        QTest::newRow("black, even") << 0 << 90 << 120 << 90 << 120;
        QTest::newRow("white, uneven") << 255 << 10 << 300 << 200 << 0;
        QTest::newRow("black, one side") << 0 << 0 << 0 << 0 << 250;
    }
    void aFlatMarginIsCut()
    {
        QFETCH(int, value);
        QFETCH(int, left);
        QFETCH(int, top);
        QFETCH(int, right);
        QFETCH(int, bottom);
        const cv::Mat film = texturedFilm(300, 400, 2);
        cv::Mat padded;
        cv::copyMakeBorder(film, padded, top, bottom, left, right, cv::BORDER_CONSTANT, cv::Scalar(value));
        const cv::Rect area = exposedArea(padded);
        // The 512 px working copy rounds to a few pixels of the padded film.
        const int slack = 2 + padded.cols / 256;
        QVERIFY2(near(area, cv::Rect(left, top, 300, 400), slack), qPrintable(describe(area)));
    }

    // Film grain in the margin is still a flat margin; a lead marker in it is not cut through.
    void noiseIsFlatAMarkerIsNot()
    {
        cv::Mat padded(800, 700, CV_8UC1);
        cv::RNG rng(3);
        rng.fill(padded, cv::RNG::NORMAL, 20, 3);   // grain about a dark background
        texturedFilm(300, 400, 4).copyTo(padded(cv::Rect(200, 200, 300, 400)));
        QVERIFY2(near(exposedArea(padded), cv::Rect(200, 200, 300, 400), 4), qPrintable(describe(exposedArea(padded))));
        cv::rectangle(padded, cv::Rect(40, 650, 60, 80), cv::Scalar(250), cv::FILLED);   // an "L" marker, bottom left
        const cv::Rect area = exposedArea(padded);
        QVERIFY2(area.x <= 40 && area.br().y >= 730, qPrintable(describe(area)));   // the marker is inside
        QVERIFY2(area.y >= 196 && area.br().x <= 504, qPrintable(describe(area)));  // the other sides are cut
    }

    // A flat grey band is not cut: on a low-contrast thumbnail it may hold the soft tissue of a finger.
    void aFlatGreyBandIsKept()
    {
        const cv::Mat film = texturedFilm(300, 400, 5);
        cv::Mat padded;
        cv::copyMakeBorder(film, padded, 0, 250, 60, 0, cv::BORDER_CONSTANT, cv::Scalar(120));
        QCOMPARE(exposedArea(padded), cv::Rect(0, 0, padded.cols, padded.rows));
    }

    // Nothing to find: the whole picture, never an empty or tiny rectangle.
    void flatOrTinyPicturesAreTheirOwnArea()
    {
        for (const cv::Mat& m : {cv::Mat(cv::Mat::zeros(200, 300, CV_8UC1)), cv::Mat(200, 300, CV_8UC1, cv::Scalar(255)),
                                 cv::Mat(8, 3000, CV_8UC1, cv::Scalar(7)), cv::Mat(3000, 2, CV_8UC1, cv::Scalar(7))})
            QCOMPARE(exposedArea(m), cv::Rect(0, 0, m.cols, m.rows));
        cv::Mat speck = cv::Mat::zeros(400, 400, CV_8UC1);
        speck(cv::Rect(190, 190, 20, 20)) = 200;   // 5 % of each side: below kExposedAreaMinimum
        QCOMPARE(exposedArea(speck), cv::Rect(0, 0, 400, 400));
        QCOMPARE(exposedArea(cv::Mat()), cv::Rect());
    }

    // The bundled films: the pad of their wide-margin framing (core/imaging/Framing) goes, and nothing
    // of the film's own area. (The film's own band of its darkest grey may stay: in the padded copy the
    // pad is the darkest.)
    void theWideMarginFramingOfTheSamplesLosesItsPad_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* f : {"sample-1402.dcm", "sample-1491.dcm", "sample-1417.png"}) QTest::newRow(f) << QString(f);
    }
    void theWideMarginFramingOfTheSamplesLosesItsPad()
    {
        QFETCH(QString, file);
        const Radiograph r = loadRadiograph(BONEAGE_SOURCE_DIR "/resources/samples/" + file.toStdString());
        const Radiograph wide = reframe(r, Framing::WideMargin);
        const cv::Rect own = exposedArea(renderDisplay8(r, r.defaultDisplay()));
        cv::Rect framed = exposedArea(renderDisplay8(wide, wide.defaultDisplay()));
        framed -= cv::Point(r.width() * 3 / 10, r.height() * 3 / 10);   // back into the film's pixels
        const int slack = 3 + wide.width() / 256;
        const cv::Rect film(-slack, -slack, r.width() + 2 * slack, r.height() + 2 * slack);
        const cv::Rect shrunk(own.x + slack, own.y + slack, own.width - 2 * slack, own.height - 2 * slack);
        QVERIFY2((framed & film) == framed, qPrintable("the pad stayed: " + describe(framed)));
        QVERIFY2((shrunk & framed) == shrunk, qPrintable(describe(own) + " is not inside " + describe(framed)));
    }
};

QTEST_GUILESS_MAIN(TestExposedArea)
#include "tst_exposed_area.moc"
