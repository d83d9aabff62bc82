// The image view as the reader sees it: real pixel values read back from what VTK drew.
#include "UiTestSupport.h"

#include "KeypointLayer.h"
#include "RadiographView.h"
#include "RoiLayer.h"

#include "imaging/Display.h"
#include "imaging/RadiographLoader.h"

#include "anatomy/HandKeypoints.h"
#include "anatomy/Tw3Roi.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

using namespace boneage;
using namespace boneage::test;
using boneage::ui::RadiographView;

namespace {

QString sample(const char* name) { return QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/") + name; }

int grey(QRgb c) { return qGreen(c); }
bool isRoiYellow(QRgb c) { return qRed(c) > 200 && qGreen(c) > 150 && qBlue(c) < 90; }
bool isBrightGrey(QRgb c) { return qRed(c) > 200 && qBlue(c) > 200 && std::abs(qRed(c) - qBlue(c)) < 30; }

} // namespace

class TestRadiographView : public QObject {
    Q_OBJECT

    std::unique_ptr<RadiographView> view_;

    RadiographView& freshView()
    {
        view_ = boneage::test::shownView();
        return *view_;
    }

private slots:
    void showsTheSample()
    {
        RadiographView& view = freshView();
        view.setRadiograph(std::make_shared<Radiograph>(loadRadiograph(sample("sample-1491.dcm").toStdString())));
        const QImage frame = drawnFrame(view);
        QVERIFY(!frame.isNull());
        // A hand film: many grey levels and real contrast, not a blank or black view.
        QSet<int> levels;
        double sum = 0, sumSq = 0;
        for (int y = 0; y < frame.height(); y += 2)
            for (int x = 0; x < frame.width(); x += 2) {
                const int g = grey(frame.pixel(x, y));
                levels.insert(g);
                sum += g, sumSq += g * g;
            }
        const double n = (frame.width() / 2.0) * (frame.height() / 2.0);
        const double sd = std::sqrt(sumSq / n - (sum / n) * (sum / n));
        QVERIFY2(levels.size() > 64, qPrintable(QString("only %1 grey levels").arg(levels.size())));
        QVERIFY2(sd > 20, qPrintable(QString("grey SD %1").arg(sd)));
    }

    void windowLevelGivesTheComputedGreys()
    {
        // Six 64-pixel blocks of known 12-bit values: each block's centre must show exactly the DICOM
        // linear window's grey (Display.h) for every window, inverted or not.
        auto r = syntheticRadiograph(6 * 64, 64);
        const int values[6] = {0, 800, 1600, 2048, 3000, 4095};
        for (int i = 0; i < 6; ++i) r->pixels(cv::Rect(i * 64, 0, 64, 64)).setTo(values[i]);
        RadiographView& view = freshView();
        view.setRadiograph(r);
        struct Case {
            double centre, width;
            bool invert;
        };
        for (const Case c : {Case{2048, 4096, false}, Case{1600, 1000, false}, Case{2500, 200, false}, Case{1600, 1000, true}}) {
            view.setWindowLevel(c.centre, c.width);
            view.setInverted(c.invert);
            const QImage frame = drawnFrame(view);
            QVERIFY(!frame.isNull());
            for (int i = 0; i < 6; ++i) {
                const QPoint at = view.widgetPointFor(QPointF(i * 64 + 32, 32)).toPoint();
                double expected = windowLevel(values[i], c.centre, c.width);
                if (c.invert) expected = 1 - expected;
                const int want = static_cast<int>(std::lround(expected * 255)), got = grey(frame.pixel(at));
                QVERIFY2(std::abs(got - want) <= 2, qPrintable(QString("value %1, window %2/%3%4: grey %5, expected %6")
                                                                   .arg(values[i]).arg(c.centre).arg(c.width)
                                                                   .arg(c.invert ? " inverted" : "").arg(got).arg(want)));
            }
        }
    }

    void voiLutPresetDrawsTheFilesLut()
    {
        // A non-linear VOI LUT (a square curve) from value 1000 over 2048 entries, and blocks below,
        // inside and above its range: the view must draw exactly what core's renderDisplay8 computes.
        auto r = syntheticRadiograph(7 * 64, 64);
        const int values[7] = {0, 1000, 1400, 2000, 2600, 3047, 4000};
        for (int i = 0; i < 7; ++i) r->pixels(cv::Rect(i * 64, 0, 64, 64)).setTo(values[i]);
        VoiLut lut;
        lut.firstMapped = 1000;
        lut.bitsPerEntry = 16;
        for (int i = 0; i < 2048; ++i) lut.data.push_back(static_cast<std::uint16_t>(65535.0 * (i / 2047.0) * (i / 2047.0)));
        r->voiLuts.push_back(lut);
        RadiographView& view = freshView();
        view.setRadiograph(r);
        DisplayTransform t;
        t.kind = DisplayTransform::Kind::Lut;
        t.lutIndex = 0;
        for (bool invert : {false, true}) {
            t.invert = invert;
            view.applyDisplay(t);
            QCOMPARE(view.voiLutIndex(), 0);
            const cv::Mat expected = renderDisplay8(*r, t);
            const QImage frame = drawnFrame(view);
            QVERIFY(!frame.isNull());
            for (int i = 0; i < 7; ++i) {
                const QPoint at = view.widgetPointFor(QPointF(i * 64 + 32, 32)).toPoint();
                const int want = expected.at<std::uint8_t>(32, i * 64 + 32), got = grey(frame.pixel(at));
                QVERIFY2(std::abs(got - want) <= 2, qPrintable(QString("value %1%2: grey %3, expected %4")
                                                                   .arg(values[i]).arg(invert ? " inverted" : "").arg(got).arg(want)));
            }
        }
        // The square curve is not a window: mid-range is dark grey (about 64), not 128.
        QVERIFY(renderDisplay8(*r, t).at<std::uint8_t>(32, 3 * 64 + 32) > 150);   // inverted: 255 - ~64
        // Dragging the window (setWindowLevel) leaves the LUT for a linear window.
        view.setWindowLevel(2048, 4096);
        QCOMPARE(view.voiLutIndex(), -1);
        view.setInverted(false);
        const QImage frame = drawnFrame(view);
        const int got = grey(frame.pixel(view.widgetPointFor(QPointF(3 * 64 + 32, 32)).toPoint()));
        QVERIFY2(std::abs(got - static_cast<int>(std::lround(windowLevel(2000, 2048, 4096) * 255))) <= 2, qPrintable(QString::number(got)));
    }

    void readoutGivesTheValueUnderTheCursor()
    {
        auto r = syntheticRadiograph(200, 100);
        r->pixels.at<std::uint16_t>(40, 150) = 3210;
        r->metadata.rescaleSlope = 2;   // stored = (value - intercept) / slope
        r->metadata.rescaleIntercept = 10;
        RadiographView& view = freshView();
        view.setRadiograph(r);
        view.zoomAt(2.5, QPointF(300, 200));
        const ui::PixelReadout p = view.readoutAt(view.widgetPointFor(QPointF(150.5, 40.5)));
        QVERIFY(p.inside);
        QCOMPARE(p.x, 150);
        QCOMPARE(p.y, 40);
        QCOMPARE(p.value, 3210.0);
        QCOMPARE(p.stored, 1600.0);
        QVERIFY(!view.readoutAt(QPointF(-500, -500)).inside);
    }

    void roiStaysOnItsPixelsThroughZoomPanTurnAndFlip()
    {
        // A bright square in a dark film, and an ROI box drawn exactly around it: after every view
        // change the yellow box must still frame the bright pixels where the view says they are.
        auto r = syntheticRadiograph(400, 300);
        r->pixels(cv::Rect(250, 60, 50, 40)).setTo(4095);
        RadiographView& view = freshView();
        view.setRadiograph(r);
        view.setWindowLevel(2048, 4096);
        ui::RoiLayer rois;
        Tw3Roi roi;
        roi.group = "RUS";   // no name: no label, so the yellow pixels are the box alone
        roi.x0 = 250, roi.y0 = 60, roi.x1 = 300, roi.y1 = 100;
        rois.setRois({roi});
        view.addLayer(&rois);

        const std::vector<std::pair<QString, std::function<void()>>> steps = {
            {"fit", [&] { view.fitToWindow(); }},
            {"zoom to cursor", [&] { view.zoomAt(2.0, QPointF(500, 150)); }},
            {"pan", [&] { view.panBy(QPointF(-60, 45)); }},
            {"rotate", [&] { view.rotateClockwise(); }},
            {"flip", [&] { view.flipHorizontal(); }},
            {"flip vertically and zoom out", [&] { view.flipVertical(); view.zoomAt(0.7, QPointF(100, 400)); }},
        };
        for (const auto& [name, step] : steps) {
            step();
            const QImage frame = drawnFrame(view);
            QVERIFY(!frame.isNull());
            if (qEnvironmentVariableIsSet("BONEAGE_TEST_FRAMES")) frame.save(QString("%1/roi-%2.png").arg(qgetenv("BONEAGE_TEST_FRAMES"), QString(name).replace(' ', '-')));
            const PixelBox box = boxOf(frame, isRoiYellow), bright = boxOf(frame, isBrightGrey);
            QVERIFY2(!box.isEmpty() && !bright.isEmpty(), qPrintable(name + ": box or square not visible"));
            // Where the view maps the square's corners.
            const QPointF a = view.widgetPointFor(QPointF(250, 60)), b = view.widgetPointFor(QPointF(300, 100));
            const QRectF expected = QRectF(a, b).normalized();
            const int tolerance = 4;
            const auto near = [&](int got, double want) { return std::abs(got - want) <= tolerance; };
            const QString where = QString("%1: box %2,%3-%4,%5 square %6,%7-%8,%9 expected %10,%11-%12,%13")
                                      .arg(name).arg(box.left).arg(box.top).arg(box.right).arg(box.bottom)
                                      .arg(bright.left).arg(bright.top).arg(bright.right).arg(bright.bottom)
                                      .arg(expected.left()).arg(expected.top()).arg(expected.right()).arg(expected.bottom());
            QVERIFY2(near(box.left, bright.left) && near(box.right, bright.right) && near(box.top, bright.top) &&
                         near(box.bottom, bright.bottom),
                     qPrintable(where));
            QVERIFY2(near(bright.left, expected.left()) && near(bright.top, expected.top()) &&
                         near(bright.right, expected.right()) && near(bright.bottom, expected.bottom()),
                     qPrintable(where));
        }
    }

    void turnedRoiStaysOnItsPixelsThroughZoomPanTurnAndFlip()
    {
        // A bright square turned by 30 degrees, and the ROI of the same square: after every view change
        // the yellow outline frames the bright pixels, and each of the ROI's four corners is drawn
        // where the view maps that corner of the film.
        auto r = syntheticRadiograph(400, 300);
        const Tw3Roi roi = Tw3Roi::turned("", "RUS", 250, 140, 60, 30);
        std::vector<cv::Point> square;
        for (const auto& c : roi.corners()) square.emplace_back(int(std::lround(c.x)), int(std::lround(c.y)));
        cv::fillConvexPoly(r->pixels, square, cv::Scalar(4095));
        RadiographView& view = freshView();
        view.setRadiograph(r);
        view.setWindowLevel(2048, 4096);
        ui::RoiLayer rois;
        rois.setRois({roi});
        view.addLayer(&rois);
        const std::vector<std::pair<QString, std::function<void()>>> steps = {
            {"fit", [&] { view.fitToWindow(); }},
            {"zoom to cursor", [&] { view.zoomAt(1.8, QPointF(450, 200)); }},
            {"pan", [&] { view.panBy(QPointF(-40, 30)); }},
            {"rotate", [&] { view.rotateClockwise(); }},
            {"flip", [&] { view.flipHorizontal(); }},
        };
        for (const auto& [name, step] : steps) {
            step();
            const QImage frame = drawnFrame(view);
            QVERIFY(!frame.isNull());
            if (qEnvironmentVariableIsSet("BONEAGE_TEST_FRAMES")) frame.save(QString("%1/turned-roi-%2.png").arg(qgetenv("BONEAGE_TEST_FRAMES"), QString(name).replace(' ', '-')));
            const PixelBox box = boxOf(frame, isRoiYellow), bright = boxOf(frame, isBrightGrey);
            QVERIFY2(!box.isEmpty() && !bright.isEmpty(), qPrintable(name + ": outline or square not visible"));
            const auto near = [](int got, int want) { return std::abs(got - want) <= 4; };
            QVERIFY2(near(box.left, bright.left) && near(box.right, bright.right) && near(box.top, bright.top) && near(box.bottom, bright.bottom),
                     qPrintable(QString("%1: outline %2,%3-%4,%5, square %6,%7-%8,%9").arg(name).arg(box.left).arg(box.top).arg(box.right)
                                    .arg(box.bottom).arg(bright.left).arg(bright.top).arg(bright.right).arg(bright.bottom)));
            for (const auto& c : roi.corners()) {
                const QPoint at = view.widgetPointFor(QPointF(c.x, c.y)).toPoint();
                bool yellow = false;
                for (int dy = -3; dy <= 3 && !yellow; ++dy)
                    for (int dx = -3; dx <= 3 && !yellow; ++dx)
                        yellow = frame.rect().contains(at + QPoint(dx, dy)) && isRoiYellow(frame.pixel(at + QPoint(dx, dy)));
                QVERIFY2(yellow, qPrintable(QString("%1: no outline at the corner (%2, %3)").arg(name).arg(c.x).arg(c.y)));
            }
        }
    }

    void annotatedHandDrawsOnTheFilm()
    {
        // The sample's annotated keypoints and the 18 ROIs placed from them, over the real film: the
        // keypoint colours land where the view maps the points (and the frame is saved for a look).
        const auto hands = readCocoHandKeypoints((QStringLiteral(BONEAGE_SOURCE_DIR) + "/resources/samples/keypoints.json").toStdString());
        const auto hand = std::find_if(hands.begin(), hands.end(), [](const AnnotatedHand& h) { return h.id == "sample-1491"; });
        QVERIFY(hand != hands.end());
        auto film = std::make_shared<Radiograph>(loadRadiograph(sample("sample-1491.dcm").toStdString()));
        // The annotations are in the original film's pixels; the bundled sample is smaller.
        HandKeypoints points = hand->points;
        const double scale = static_cast<double>(film->width()) / hand->width;
        for (auto& p : points) p.x *= scale, p.y *= scale;
        RadiographView& view = freshView();
        view.resize(700, 900);
        view.setRadiograph(film);
        ui::RoiLayer rois;
        ui::KeypointLayer keypoints;
        rois.setRois(placeTw3Rois(points));
        keypoints.setKeypoints(points);
        view.addLayer(&rois);
        view.addLayer(&keypoints);
        QCOMPARE(static_cast<int>(placeTw3Rois(points).size()), 18);
        view.flipHorizontal();
        view.fitToWindow();
        const QImage frame = drawnFrame(view);
        QVERIFY(!frame.isNull());
        if (qEnvironmentVariableIsSet("BONEAGE_TEST_FRAMES")) frame.save(QString("%1/annotated-hand.png").arg(qgetenv("BONEAGE_TEST_FRAMES")));
        int coloured = 0;
        for (const auto& p : points) {
            if (!p.visible) continue;
            const QRgb c = frame.pixel(view.widgetPointFor(QPointF(p.x, p.y)).toPoint());
            // Film is grey (r = g = b); the finger colours are not.
            if (std::max({qRed(c), qGreen(c), qBlue(c)}) - std::min({qRed(c), qGreen(c), qBlue(c)}) > 60) ++coloured;
        }
        QVERIFY2(coloured >= 18, qPrintable(QString("%1 of 21 keypoints drawn where expected").arg(coloured)));
    }

    void togglingALayerChangesThePicture()
    {
        auto r = syntheticRadiograph(300, 300, 1000);
        RadiographView& view = freshView();
        view.setRadiograph(r);
        ui::KeypointLayer keypoints;
        HandKeypoints points;
        for (int i = 0; i < kHandKeypointCount; ++i) {
            points[static_cast<size_t>(i)].x = 30 + 12 * i;
            points[static_cast<size_t>(i)].y = 40 + 10 * i;
            points[static_cast<size_t>(i)].visible = true;
        }
        keypoints.setKeypoints(points);
        view.addLayer(&keypoints);
        const QImage shown = drawnFrame(view);
        keypoints.setVisible(false);
        const QImage hidden = drawnFrame(view);
        keypoints.setVisible(true);
        keypoints.setOpacity(0.3);
        const QImage faded = drawnFrame(view);
        QVERIFY(!shown.isNull() && !hidden.isNull() && !faded.isNull());
        QVERIFY(shown != hidden);
        QVERIFY(faded != shown && faded != hidden);
        // Hidden, the film is uniform again: every pixel inside it has the same grey.
        const QPoint centre = view.widgetPointFor(QPointF(150, 150)).toPoint();
        const QRgb film = hidden.pixel(centre);
        int differing = 0;
        for (int i = 0; i < kHandKeypointCount; ++i) {
            const QPoint p = view.widgetPointFor(QPointF(points[static_cast<size_t>(i)].x, points[static_cast<size_t>(i)].y)).toPoint();
            if (hidden.pixel(p) != film) ++differing;
            QVERIFY2(shown.pixel(p) != film, qPrintable(QString("keypoint %1 not drawn").arg(i)));
        }
        QCOMPARE(differing, 0);
    }
};

BONEAGE_UI_TEST_MAIN(TestRadiographView)
#include "tst_radiograph_view.moc"
