// The atlas comparison as the reader sees it: the two plates bracketing a known age for the sex
// (their ages and their drawn pictures), previous/next moving both, zoom and pan linked across the
// three views, and messages (not crashes) for a missing pack or an unknown sex.
#include "UiTestSupport.h"

#include "AtlasView.h"
#include "MainWindow.h"

#include "atlas/AtlasPack.h"
#include "imaging/RadiographLoader.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QSettings>
#include <QTemporaryDir>
#include <QWheelEvent>

#include <cmath>

using namespace boneage;
using namespace boneage::test;
using boneage::ui::AtlasPane;
using boneage::ui::AtlasView;

namespace {

QString sample(const char* name) { return QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/") + name; }

// A plate whose hand's brightness encodes its age (80 + age), so a test can tell the plates apart.
cv::Mat platePicture(double age)
{
    cv::Mat img(300, 240, CV_8U, cv::Scalar(15));
    const int g = 80 + static_cast<int>(age);
    cv::rectangle(img, cv::Rect(50, 150, 120, 110), cv::Scalar(g), cv::FILLED);
    for (int i = 0; i < 4; ++i) cv::rectangle(img, cv::Rect(55 + i * 30, 50, 20, 100), cv::Scalar(g), cv::FILLED);
    return img;
}

// M: 24, 36, 48, 60 months; F: 30.
QString writePack(const QTemporaryDir& dir)
{
    AtlasPack pack;
    pack.name = "test pack";
    const auto add = [&](Sex sex, double age) {
        AtlasPlate p;
        p.sex = sex;
        p.ageMonths = age;
        p.imageFile = std::string(toString(sex)) + "-" + std::to_string(static_cast<int>(age)) + ".png";
        p.source = "synthetic";
        p.reference = ReferenceCase{"case" + std::to_string(static_cast<int>(age)), age, 0.5, "typical", 3};
        cv::imwrite(dir.filePath(QString::fromStdString(p.imageFile)).toStdString(), platePicture(age));
        pack.addPlate(p);
    };
    for (double a : {24, 36, 48, 60}) add(Sex::Male, a);
    add(Sex::Female, 30);
    pack.save(dir.path().toStdString());
    return dir.path();
}

double greySd(const QImage& frame)
{
    double sum = 0, sumSq = 0, n = 0;
    for (int y = 0; y < frame.height(); y += 2)
        for (int x = 0; x < frame.width(); x += 2) {
            const int g = qGreen(frame.pixel(x, y));
            sum += g, sumSq += double(g) * g, ++n;
        }
    return n ? std::sqrt(std::max(0.0, sumSq / n - (sum / n) * (sum / n))) : 0;
}

// The brightest grey drawn: the plate's hand, whose grey is 80 + its age.
int brightest(const QImage& frame)
{
    int best = 0;
    for (int y = 0; y < frame.height(); ++y)
        for (int x = 0; x < frame.width(); ++x) best = std::max(best, qGreen(frame.pixel(x, y)));
    return best;
}

void wheel(QWidget* w, int angle)
{
    const QPointF pos(w->width() / 2.0, w->height() / 2.0);
    QWheelEvent e(pos, w->mapToGlobal(pos), QPoint(), QPoint(0, angle), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &e);
}

} // namespace

class TestAtlasView : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<AtlasView> view_;
    std::shared_ptr<const Radiograph> film_;

    AtlasView& freshView()
    {
        view_ = std::make_unique<AtlasView>();
        view_->resize(1200, 600);
        view_->show();
        if (!QTest::qWaitForWindowExposed(view_.get())) qWarning("the atlas view was not exposed");
        return *view_;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        writePack(dir_);
        film_ = std::make_shared<Radiograph>(loadRadiograph(sample("sample-1491.dcm").toStdString()));
    }

    void showsTheTwoBracketingPlates()
    {
        AtlasView& view = freshView();
        QVERIFY2(view.setAtlasFolder(dir_.path()), qPrintable(view.message()));
        view.setCase(film_, Sex::Male, 40.0, 50.0);
        QVERIFY(view.lowerPlate() && view.upperPlate());
        QCOMPARE(view.lowerPlate()->ageMonths, 36.0);
        QCOMPARE(view.upperPlate()->ageMonths, 48.0);
        QCOMPARE(view.lowerPlate()->reference->id, std::string("case36"));
        QVERIFY2(view.lowerCaption().contains("M 3 y 0 m (36 months)") && view.lowerCaption().contains("reference case case36"),
                 qPrintable(view.lowerCaption()));
        QVERIFY2(view.upperCaption().contains("48 months"), qPrintable(view.upperCaption()));
        QVERIFY2(view.message().contains("between plates M 3 y 0 m (36 months) and M 4 y 0 m (48 months)"), qPrintable(view.message()));

        // Their pictures are drawn, are not blank, and are the right plates (hand grey = 80 + age).
        const QImage lower = drawnFrame(*view.lowerView());
        const QImage upper = drawnFrame(*view.upperView());
        const QImage film = drawnFrame(*view.caseView());
        QVERIFY(!lower.isNull() && !upper.isNull() && !film.isNull());
        QVERIFY2(greySd(lower) > 20, qPrintable(QString("lower plate grey SD %1").arg(greySd(lower))));
        QVERIFY2(greySd(upper) > 20, qPrintable(QString("upper plate grey SD %1").arg(greySd(upper))));
        QVERIFY2(greySd(film) > 20, qPrintable(QString("film grey SD %1").arg(greySd(film))));
        QVERIFY2(std::abs(brightest(lower) - (80 + 36)) <= 3, qPrintable(QString::number(brightest(lower))));
        QVERIFY2(std::abs(brightest(upper) - (80 + 48)) <= 3, qPrintable(QString::number(brightest(upper))));
    }

    void exactAgeAndOutsideTheRange()
    {
        AtlasView& view = freshView();
        view.setAtlasFolder(dir_.path());
        view.setCase(film_, Sex::Male, 48.0, std::nullopt);   // at a plate: that plate and the next older
        QCOMPARE(view.lowerPlate()->ageMonths, 48.0);
        QCOMPARE(view.upperPlate()->ageMonths, 60.0);
        QVERIFY(view.message().contains("at plate M 4 y 0 m"));
        view.setCase(film_, Sex::Male, 60.0, std::nullopt);   // the oldest plate: it and the one before
        QCOMPARE(view.lowerPlate()->ageMonths, 48.0);
        QCOMPARE(view.upperPlate()->ageMonths, 60.0);
        view.setCase(film_, Sex::Male, 200.0, std::nullopt);
        QCOMPARE(view.upperPlate()->ageMonths, 60.0);
        QVERIFY(view.message().contains("older than the oldest plate"));
        view.setCase(film_, Sex::Male, 5.0, std::nullopt);
        QCOMPARE(view.lowerPlate()->ageMonths, 24.0);
        QVERIFY(view.message().contains("younger than the youngest plate"));
        // One plate only for F: shown alone.
        view.setCase(film_, Sex::Female, 31.0, std::nullopt);
        QCOMPARE(view.lowerPlate()->ageMonths, 30.0);
        QVERIFY(!view.upperPlate());
        QVERIFY(!view.upperView()->radiograph());
    }

    void withoutAnEstimateItBracketsTheChronologicalAge()
    {
        AtlasView& view = freshView();
        view.setAtlasFolder(dir_.path());
        view.setCase(film_, Sex::Male, std::nullopt, 50.56);
        QCOMPARE(view.lowerPlate()->ageMonths, 48.0);
        QCOMPARE(view.upperPlate()->ageMonths, 60.0);
        QVERIFY2(view.message().contains("No bone age estimate yet") && view.message().contains("chronological age"),
                 qPrintable(view.message()));
    }

    void previousAndNextMoveBoth()
    {
        AtlasView& view = freshView();
        view.setAtlasFolder(dir_.path());
        view.setCase(film_, Sex::Male, 40.0, std::nullopt);
        QVERIFY(view.canShowNext() && view.canShowPrevious());
        view.showNext();
        QCOMPARE(view.lowerPlate()->ageMonths, 48.0);
        QCOMPARE(view.upperPlate()->ageMonths, 60.0);
        QVERIFY(!view.canShowNext());
        QVERIFY2(std::abs(brightest(drawnFrame(*view.upperView())) - (80 + 60)) <= 3, "the upper view shows the 60-month plate");
        view.showNext();   // at the end: nothing moves
        QCOMPARE(view.upperPlate()->ageMonths, 60.0);
        view.showPrevious();
        view.showPrevious();
        QCOMPARE(view.lowerPlate()->ageMonths, 24.0);
        QCOMPARE(view.upperPlate()->ageMonths, 36.0);
        QVERIFY(!view.canShowPrevious());
        QVERIFY2(std::abs(brightest(drawnFrame(*view.lowerView())) - (80 + 24)) <= 3, "the lower view shows the 24-month plate");
        QVERIFY(view.lowerCaption().contains("24 months"));
    }

    void zoomAndPanAreLinked()
    {
        AtlasView& view = freshView();
        view.setAtlasFolder(dir_.path());
        view.setCase(film_, Sex::Male, 40.0, std::nullopt);
        AtlasPane* panes[3] = {view.caseView(), view.lowerView(), view.upperView()};
        double before[3];
        for (int i = 0; i < 3; ++i) {
            before[i] = panes[i]->zoom();
            QVERIFY(std::abs(panes[i]->framing().relativeZoom - 1) < 1e-6);
        }
        wheel(view.lowerView(), 240);   // two notches in: 1.44x
        for (int i = 0; i < 3; ++i) {
            const double ratio = panes[i]->zoom() / before[i];
            QVERIFY2(std::abs(ratio - 1.44) < 1e-3, qPrintable(QString("view %1 zoomed by %2").arg(i).arg(ratio)));
            QVERIFY(std::abs(panes[i]->framing().relativeZoom - 1.44) < 1e-3);
        }
        // Panning the film moves the plates to the same relative place.
        drag(view.caseView(), QPointF(300, 300), QPointF(250, 220), 1);
        const auto f = view.caseView()->framing();
        QVERIFY(std::abs(f.centre.x() - 0.5) > 0.01 && std::abs(f.centre.y() - 0.5) > 0.01);
        for (AtlasPane* p : {view.lowerView(), view.upperView()}) {
            QVERIFY(std::abs(p->framing().centre.x() - f.centre.x()) < 1e-3);
            QVERIFY(std::abs(p->framing().centre.y() - f.centre.y()) < 1e-3);
            QVERIFY(std::abs(p->framing().relativeZoom - 1.44) < 1e-3);
        }
        // New plates keep the framing.
        view.showNext();
        QVERIFY(std::abs(view.upperView()->framing().relativeZoom - 1.44) < 1e-3);
    }

    void problemsAreMessagesNotCrashes()
    {
        AtlasView& view = freshView();
        QVERIFY(!view.setAtlasFolder(dir_.filePath("no-such-pack")));
        view.setCase(film_, Sex::Male, 40.0, std::nullopt);
        QVERIFY2(view.message().contains("no such atlas folder"), qPrintable(view.message()));
        QVERIFY(!view.lowerPlate() && !view.lowerView()->radiograph());

        view.setAtlasFolder(dir_.path());
        view.setCase(film_, Sex::Unknown, 40.0, std::nullopt);
        QVERIFY2(view.message().contains("sex is not recorded"), qPrintable(view.message()));
        QVERIFY(!view.lowerPlate());
        view.showNext();   // nothing to step through: no crash
    }

    void theShippedReferenceAtlasLoads()
    {
        const QString shipped = QStringLiteral(BONEAGE_SOURCE_DIR "/resources/atlas/rsna-reference");
        AtlasView& view = freshView();
        QVERIFY2(view.setAtlasFolder(shipped), qPrintable(view.message()));
        view.setCase(film_, Sex::Male, 50.0, std::nullopt);
        QVERIFY(view.lowerPlate() && view.upperPlate());
        QVERIFY(view.lowerPlate()->ageMonths <= 50 && view.upperPlate()->ageMonths >= 50);
        QVERIFY(greySd(drawnFrame(*view.lowerView())) > 10);
        QVERIFY(greySd(drawnFrame(*view.upperView())) > 10);
    }

    void mainWindowOpensTheShippedAtlasForTheCase()
    {
        // Default folder: the shipped reference, found above the executable like models/.
        QSettings().remove(QStringLiteral("atlas/folder"));
        QVERIFY2(AtlasView::configuredAtlasFolder().endsWith("resources/atlas/rsna-reference"),
                 qPrintable(AtlasView::configuredAtlasFolder()));
        ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.resize(1200, 800);
        window.show();
        QCOMPARE(window.openPaths({sample("sample-1491.dcm")}), 1);
        window.showAtlas();   // not assessed: the chronological age from the DICOM dates (50.6 months)
        AtlasView* atlas = window.atlasView();
        QVERIFY(atlas && atlas->isVisible());
        QVERIFY2(atlas->message().contains("chronological age"), qPrintable(atlas->message()));
        QVERIFY(atlas->lowerPlate() && atlas->upperPlate());
        QCOMPARE(atlas->lowerPlate()->ageMonths, 48.0);
        QCOMPARE(atlas->upperPlate()->ageMonths, 54.0);
        QVERIFY(atlas->lowerPlate()->sex == Sex::Male);
        QVERIFY(greySd(drawnFrame(*atlas->upperView())) > 10);
    }
};

BONEAGE_UI_TEST_MAIN(TestAtlasView)
#include "tst_atlas_view.moc"
