// The attention overlay as the reader sees it: a known map drawn over a synthetic film, read back from
// what VTK drew. The hot part of the map must stay over the same film pixels through zoom, pan, turns
// and flips, and toggling or fading the layer must change the picture.
#include "UiTestSupport.h"

#include "AttentionLayer.h"
#include "RadiographView.h"

#include <cmath>

using namespace boneage;
using namespace boneage::test;
using boneage::ui::AttentionLayer;
using boneage::ui::RadiographView;

namespace {

// The film's bright square shows through the overlay in green (the jet map has no green at 0 or 1).
bool isBrightFilm(QRgb c) { return qGreen(c) > 50; }
// The hot part of the map: red wins over blue. Colours are interpolated between map pixel centres,
// from red to blue, so red and blue are equal on the hot block's edge.
bool isHot(QRgb c) { return qRed(c) > qBlue(c) + 3 && qRed(c) > 30; }

// A 20 x 20 map over a 400 x 300 film (a stretch: 20 x 15 source pixels per map pixel) with map
// pixels [5, 8) x [10, 13) hot: source [100, 160) x [150, 195).
AttentionMap hotBlockMap()
{
    AttentionMap a;
    a.kind = "test";
    a.map = cv::Mat::zeros(20, 20, CV_32F);
    a.map(cv::Rect(5, 10, 3, 3)).setTo(1.0f);
    a.toSource = cv::Matx23d(20, 0, 0, 0, 15, 0);
    return a;
}
const QRectF kHotSource(QPointF(100, 150), QPointF(160, 195));

} // namespace

class TestAttentionLayer : public QObject {
    Q_OBJECT

    std::unique_ptr<RadiographView> view_;

    RadiographView& freshView()
    {
        view_ = boneage::test::shownView();
        return *view_;
    }

private slots:
    void mapHasAModelChooser()
    {
        AttentionLayer layer;
        QVERIFY(layer.isEmpty());
        QCOMPARE(layer.currentModel(), -1);
        AttentionMap second = hotBlockMap();
        second.kind = "second";
        layer.setMaps({{"a", hotBlockMap()}, {"b", second}});
        QCOMPARE(layer.models(), QStringList({"a", "b"}));
        QCOMPARE(layer.currentModel(), 0);
        QVERIFY(!layer.isEmpty());
        layer.showModel(QStringLiteral("b"));
        QCOMPARE(layer.currentKind(), QStringLiteral("second"));
        // A new assessment keeps the chosen model when it is still there.
        layer.setMaps({{"a", hotBlockMap()}, {"b", second}});
        QCOMPARE(layer.currentModel(), 1);
        layer.clearMaps();
        QVERIFY(layer.isEmpty());
        // The legend's colours run from blue (low) to red (high).
        QVERIFY(AttentionLayer::colourAt(0).blue() > 100 && AttentionLayer::colourAt(0).red() == 0);
        QVERIFY(AttentionLayer::colourAt(1).red() > 100 && AttentionLayer::colourAt(1).blue() == 0);
    }

    void attentionStaysOnItsPixelsThroughZoomPanTurnAndFlip()
    {
        // A bright square in a dark film exactly under the hot part of the map.
        auto r = syntheticRadiograph(400, 300);
        r->pixels(cv::Rect(100, 150, 60, 45)).setTo(4095);
        RadiographView& view = freshView();
        view.setRadiograph(r);
        view.setWindowLevel(2048, 4096);
        AttentionLayer layer;
        layer.setMaps({{"test", hotBlockMap()}});
        layer.setVisible(true);
        layer.setOpacity(0.6);
        view.addLayer(&layer);

        const std::vector<std::pair<QString, std::function<void()>>> steps = {
            {"fit", [&] { view.fitToWindow(); }},
            {"zoom to cursor", [&] { view.zoomAt(2.0, view.widgetPointFor(QPointF(150, 160))); }},
            // The hot block to the view's centre, so that the turns keep it in view.
            {"pan", [&] { view.panBy(QPointF(view.width() / 2.0, view.height() / 2.0) - view.widgetPointFor(kHotSource.center())); }},
            {"rotate", [&] { view.rotateClockwise(); }},
            {"flip", [&] { view.flipHorizontal(); }},
            {"flip vertically and zoom out", [&] { view.flipVertical(); view.zoomAt(0.7, QPointF(100, 400)); }},
        };
        for (const auto& [name, step] : steps) {
            step();
            const QImage frame = drawnFrame(view);
            QVERIFY(!frame.isNull());
            if (qEnvironmentVariableIsSet("BONEAGE_TEST_FRAMES")) frame.save(QString("%1/attention-%2.png").arg(qgetenv("BONEAGE_TEST_FRAMES"), QString(name).replace(' ', '-')));
            const PixelBox hot = boxOf(frame, isHot), bright = boxOf(frame, isBrightFilm);
            QVERIFY2(!hot.isEmpty() && !bright.isEmpty(), qPrintable(name + ": hot area or square not visible"));
            const QPointF a = view.widgetPointFor(kHotSource.topLeft()), b = view.widgetPointFor(kHotSource.bottomRight());
            const QRectF expected = QRectF(a, b).normalized();
            const int tolerance = 4;
            const auto near = [&](int got, double want) { return std::abs(got - want) <= tolerance; };
            const QString where = QString("%1: hot %2,%3-%4,%5 square %6,%7-%8,%9 expected %10,%11-%12,%13")
                                      .arg(name).arg(hot.left).arg(hot.top).arg(hot.right).arg(hot.bottom)
                                      .arg(bright.left).arg(bright.top).arg(bright.right).arg(bright.bottom)
                                      .arg(expected.left()).arg(expected.top()).arg(expected.right()).arg(expected.bottom());
            QVERIFY2(near(hot.left, bright.left) && near(hot.right, bright.right) && near(hot.top, bright.top) &&
                         near(hot.bottom, bright.bottom),
                     qPrintable(where));
            QVERIFY2(near(hot.left, expected.left()) && near(hot.top, expected.top()) && near(hot.right, expected.right()) &&
                         near(hot.bottom, expected.bottom()),
                     qPrintable(where));
        }
    }

    void togglingTheAttentionLayerChangesThePicture()
    {
        auto r = syntheticRadiograph(400, 300, 1000);
        RadiographView& view = freshView();
        view.setRadiograph(r);
        AttentionLayer layer;
        QVERIFY(!layer.isVisible());   // off until the reader asks for it
        layer.setMaps({{"test", hotBlockMap()}});
        view.addLayer(&layer);
        const QImage hidden = drawnFrame(view);
        layer.setVisible(true);
        const QImage shown = drawnFrame(view);
        layer.setOpacity(0.15);
        const QImage faded = drawnFrame(view);
        QVERIFY(!shown.isNull() && !hidden.isNull() && !faded.isNull());
        QVERIFY(shown != hidden);
        QVERIFY(faded != shown && faded != hidden);
        const QPoint hot = view.widgetPointFor(kHotSource.center()).toPoint();
        const QPoint cold = view.widgetPointFor(QPointF(350, 40)).toPoint();
        // Hidden: the uniform film. Shown: red over the hot block, blue elsewhere. Faded: in between.
        QCOMPARE(hidden.pixel(hot), hidden.pixel(cold));
        QVERIFY(qRed(shown.pixel(hot)) > qBlue(shown.pixel(hot)) + 20);
        QVERIFY(qBlue(shown.pixel(cold)) > qRed(shown.pixel(cold)) + 20);
        const auto distance = [](QRgb x, QRgb y) {
            return std::abs(qRed(x) - qRed(y)) + std::abs(qGreen(x) - qGreen(y)) + std::abs(qBlue(x) - qBlue(y));
        };
        const int fadedOff = distance(faded.pixel(hot), hidden.pixel(hot)), shownOff = distance(shown.pixel(hot), hidden.pixel(hot));
        QVERIFY2(fadedOff > 0 && fadedOff < shownOff / 2, qPrintable(QString("faded %1, shown %2 away from the film").arg(fadedOff).arg(shownOff)));
    }
};

BONEAGE_UI_TEST_MAIN(TestAttentionLayer)
#include "tst_attention_layer.moc"
