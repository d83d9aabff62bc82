// The ROI gallery (issue 18): the 18 ROIs of a synthetic hand side by side, each patch cut upright
// from the film with the main view's window/level (a mark at each ROI's centre lands in the patch's
// centre; an inverted display inverts the patches), captions with the annotation's state and stage,
// a click on a tile asking to centre the view there, the stage buttons staging the selected bone, and
// the weights of a model's ROIs ranked in the heading. In the workstation, a click on a tile centres
// the main view on that ROI.
#include "UiTestSupport.h"

#include "MainWindow.h"
#include "RadiographView.h"
#include "RoiGallery.h"

#include "anatomy/Tw3Roi.h"
#include "workspace/CaseAnnotation.h"

#include <QLabel>
#include <QSignalSpy>
#include <QToolButton>
#include <QtTest>

#include <opencv2/imgproc.hpp>

#include <cmath>

using namespace boneage;
using namespace boneage::test;

namespace {

// A left hand turned 20 degrees, wrist at (300, 420), hand scale 160 px.
HandKeypoints turnedHand()
{
    HandKeypoints p;
    const double a = 20 * std::acos(-1.0) / 180.0;
    auto set = [&](int i, double x, double y) {
        x = (x - 100) * 1.6, y = (y - 200) * 1.6;
        p[i] = {300 + x * std::cos(a) - y * std::sin(a), 420 + x * std::sin(a) + y * std::cos(a), 1.0, true};
    };
    set(0, 100, 200);
    set(1, 130, 185), set(2, 150, 160), set(3, 165, 140), set(4, 175, 125);
    for (int f = 0; f < 4; ++f) {
        const double x = 125 - 17 * f;
        set(5 + 4 * f, x, 105), set(6 + 4 * f, x, 75), set(7 + 4 * f, x, 55), set(8 + 4 * f, x, 40);
    }
    set(9, 100, 100), set(10, 100, 70), set(11, 100, 50), set(12, 100, 35);
    return p;
}

} // namespace

class TestRoiGallery : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")); }

    void patchesFollowTheFilmAndTheDisplay()
    {
        auto film = syntheticRadiograph(600, 600, 400);
        const auto rois = placeTw3Rois(turnedHand());
        QCOMPARE(int(rois.size()), 18);
        for (const auto& r : rois) cv::circle(film->pixels, cv::Point(int(std::lround(r.cx())), int(std::lround(r.cy()))), 2, cv::Scalar(3800), cv::FILLED);
        ui::RoiGallery gallery;
        gallery.setRadiograph(film);
        DisplayTransform display;
        display.center = 2048, display.width = 4096;
        gallery.setDisplay(display);
        gallery.setRois(rois);
        QCOMPARE(gallery.tileCount(), 18);
        const int mid = ui::RoiGallery::kTileSize / 2;
        for (const auto& r : rois) {
            const QImage p = gallery.patchOf(QString::fromStdString(r.name));
            QVERIFY2(!p.isNull(), r.name.c_str());
            int centre = 0;
            for (int dy = -2; dy <= 2; ++dy)
                for (int dx = -2; dx <= 2; ++dx) centre = std::max(centre, qGray(p.pixel(mid + dx, mid + dy)));
            QVERIFY2(centre > 200, qPrintable(QString("%1: centre grey %2").arg(r.name.c_str()).arg(centre)));
            QVERIFY(qGray(p.pixel(3, 3)) < 60);
        }
        // The view's window/level (here inverted) is the gallery's.
        display.invert = true;
        gallery.setDisplay(display);
        const QImage inverted = gallery.patchOf(QStringLiteral("MP3"));
        QVERIFY(qGray(inverted.pixel(mid, mid)) < 60 && qGray(inverted.pixel(3, 3)) > 180);
        // No hand: every tile empty, and the heading says why.
        gallery.setRois({});
        QVERIFY(gallery.patchOf(QStringLiteral("MP3")).isNull());
    }

    void captionsStagesAndClicks()
    {
        auto film = syntheticRadiograph(600, 600, 400);
        const HandKeypoints hand = turnedHand();
        CaseAnnotation a = CaseAnnotation::fromProposal("case", "reader", hand);
        a.find(ItemKind::Roi, "DP3")->stage = 'E';
        a.find(ItemKind::Roi, "DP3")->state = ItemState::Corrected;
        ui::RoiGallery gallery;
        gallery.resize(900, 700);
        gallery.show();
        QVERIFY(QTest::qWaitForWindowExposed(&gallery));
        gallery.setRadiograph(film);
        gallery.setRois(placeTw3Rois(hand));
        gallery.setAnnotation(&a);
        QVERIFY2(gallery.captionOf("DP3").contains("stage E") && gallery.captionOf("DP3").contains("corrected"),
                 qPrintable(gallery.captionOf("DP3")));
        QVERIFY(gallery.captionOf("MP3").contains("proposed"));

        // A click on a tile selects it and asks to centre on the ROI's centre.
        QSignalSpy activated(&gallery, &ui::RoiGallery::roiActivated);
        QSignalSpy staged(&gallery, &ui::RoiGallery::stageChosen);
        QWidget* tile = nullptr;
        for (QWidget* w : gallery.findChildren<QWidget*>())
            if (w->toolTip() == "Radius") tile = w;
        QVERIFY(tile);
        QTest::mouseClick(tile, Qt::LeftButton, {}, QPoint(20, 20));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("Radius"));
        const Tw3Roi radius = [&] {
            for (const auto& r : placeTw3Rois(hand))
                if (r.name == "Radius") return r;
            return Tw3Roi{};
        }();
        const QPointF centre = activated.at(0).at(1).toPointF();
        QVERIFY(std::abs(centre.x() - radius.cx()) < 1e-6 && std::abs(centre.y() - radius.cy()) < 1e-6);
        QCOMPARE(gallery.selectedRoi(), QStringLiteral("Radius"));

        // The stage buttons stage the selected bone.
        auto* g = gallery.findChild<QToolButton*>(QStringLiteral("stage-G"));
        QVERIFY(g && g->isEnabled());
        g->click();
        QCOMPARE(staged.count(), 1);
        QCOMPARE(staged.at(0).at(0).toString(), QStringLiteral("Radius"));
        QCOMPARE(staged.at(0).at(1).value<char>(), 'G');
        gallery.findChild<QToolButton*>(QStringLiteral("stage-clear"))->click();
        QCOMPARE(staged.at(1).at(1).value<char>(), char(0));
        // A locked ROI cannot be staged from here.
        a.find(ItemKind::Roi, "Radius")->locked = true;
        gallery.setAnnotation(&a);
        QVERIFY(!g->isEnabled());

        // The weights: in the captions, and ranked in the heading.
        gallery.setContributions({{"Radius", 4.5}, {"DP3", -1.0}, {"MC1", 0.2}}, QStringLiteral("gl-test"));
        QVERIFY(gallery.captionOf("Radius").contains("+4.5 mo"));
        QString heading;
        for (QLabel* l : gallery.findChildren<QLabel*>())
            if (l->text().contains("Weighed most")) heading = l->text();
        QVERIFY2(heading.indexOf("Radius") < heading.indexOf("DP3") && heading.indexOf("DP3") < heading.indexOf("MC1"), qPrintable(heading));
        QVERIFY(heading.contains("gl-test"));
    }

    void workstationCentresTheViewOnTheRoi()
    {
        ui::MainWindow window(QString::fromUtf8(BONEAGE_SOURCE_DIR) + "/models");
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.roiGallery() && window.roiGalleryDock());
        auto* view = window.findChild<ui::RadiographView*>();
        QVERIFY(view);
        view->setRadiograph(syntheticRadiograph(800, 600, 500));
        view->fitToWindow();
        view->zoomAt(3.0, QPointF(view->width() / 2.0, view->height() / 2.0));
        emit window.roiGallery()->roiActivated(QStringLiteral("Radius"), QPointF(650, 90));
        const QPointF at = view->widgetPointFor(QPointF(650, 90));
        QVERIFY2(std::abs(at.x() - view->width() / 2.0) < 2 && std::abs(at.y() - view->height() / 2.0) < 2,
                 qPrintable(QString("(650, 90) is drawn at (%1, %2), the view's centre is (%3, %4)")
                                .arg(at.x()).arg(at.y()).arg(view->width() / 2.0).arg(view->height() / 2.0)));
    }
};

int main(int argc, char** argv)
{
    useVtkSurfaceFormat();
    QApplication app(argc, argv);
    TestRoiGallery t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_roi_gallery.moc"
