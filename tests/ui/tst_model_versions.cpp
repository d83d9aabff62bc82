// Models > Model Versions (issue 16) where the answer is known: the gate of promotion on constructed
// check sets (a clearly better candidate may be promoted; an equal, a worse and a stale comparison
// may not, and an override needs a written reason, which the registry keeps), rollback only to what
// was in use before (or the installed models), and the assessment's packages following the version in
// use. One real comparison through the view's worker thread: the installed models registered as a
// version against themselves give a difference of exactly 0, which is not better.
#include "UiTestSupport.h"

#include "ComparisonView.h"
#include "MainWindow.h"
#include "ModelVersionsView.h"

#include "../workspace/ReframedSamples.h"

#include "inference/ModelCard.h"
#include "workspace/CheckSetComparison.h"
#include "workspace/ModelRegistry.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

#include <filesystem>

using namespace boneage;
using namespace boneage::test;
using boneage::ui::MainWindow;

namespace {

const QString kSamples = QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples");
const QString kModels = QStringLiteral(BONEAGE_SOURCE_DIR "/models");

// A comparison of `candidate` with `active` on 40 constructed cases: each model's error is
// `activeError` / `candidateError` months, alternating in sign.
CheckSetComparison constructed(std::optional<int> active, int candidate, double activeError, double candidateError)
{
    CheckSetComparison c;
    c.activeVersion = active;
    c.candidateVersion = candidate;
    for (int i = 0; i < 40; ++i) {
        const double reference = 12 + 5 * i, sign = i % 2 ? 1 : -1;
        c.cases.push_back({reference, reference + sign * activeError, reference + sign * candidateError});
        c.caseIds.push_back("case" + std::to_string(i));
    }
    c.result = comparePaired(c.cases);
    return c;
}

} // namespace

class TestModelVersions : public QObject {
    Q_OBJECT

    QTemporaryDir home_, root_;
    QString dir_;
    std::unique_ptr<MainWindow> window_;

    MainWindow& w() { return *window_; }
    ui::ModelVersionsView& view() { return *window_->modelVersionsView(); }
    ModelRegistry registry() { return ModelRegistry(*window_->workspace()); }

private slots:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", home_.path().toUtf8());
        dir_ = root_.filePath("ws");
        Workspace::init(dir_.toStdString());
        {
            auto ws = Workspace::open(dir_.toStdString(), Workspace::Access::ReadWrite);
            QCOMPARE(importReframedSamples(*ws, kSamples.toStdString(), root_.filePath("films").toStdString()), 50);
            // Versions 1-3: the installed bone-age packages registered as they are (as `models --add` does).
            ModelRegistry registry(*ws);
            for (int n = 1; n <= 3; ++n) {
                ModelVersion v;
                v.command = "test: the installed packages";
                QCOMPARE(registry.addVersion(v, [](const std::string& folder) {
                    std::filesystem::create_directories(folder);
                    for (const std::string& p : findModelPackages(kModels.toStdString()))
                        std::filesystem::copy(p, std::filesystem::path(folder) / std::filesystem::path(p).filename(),
                                              std::filesystem::copy_options::recursive);
                }), n);
            }
        }
        window_ = std::make_unique<MainWindow>(kModels);
        w().setErrorDialogsEnabled(false);
        view().setConfirmationsEnabled(false);
        w().resize(1400, 900);
        w().show();
        QVERIFY(QTest::qWaitForWindowExposed(&w()));
        QVERIFY(w().openWorkspace(dir_));
        w().showModelVersions();
        QVERIFY(QTest::qWaitForWindowExposed(&view()));
        QCOMPARE(view().table()->rowCount(), 4);   // the installed models and three versions
    }

    void identicalModelsAreNotBetter()
    {
        QVERIFY(view().select(1));
        QVERIFY(view().compareButton()->isEnabled());
        QSignalSpy done(&view(), &ui::ModelVersionsView::comparisonFinished);
        QVERIFY(view().compareSelected());
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 15 * 60 * 1000);
        QVERIFY(view().comparison());
        const CheckSetComparison& c = *view().comparison();
        QCOMPARE(c.result.active.n + c.skipped, 30);   // the check set drawn from the 50 read cases
        QCOMPARE(c.result.meanDifference, 0.0);
        QCOMPARE(c.result.lower, 0.0);
        QCOMPARE(c.result.upper, 0.0);
        QVERIFY(!c.result.candidateIsBetter());
        QVERIFY(!view().promoteButton()->isEnabled());
        QVERIFY(view().overrideButton()->isEnabled());
        QCOMPARE(view().comparisonView()->plottedCases(false), c.result.active.n);
        QCOMPARE(view().comparisonView()->plottedCases(true), c.result.active.n);
        QVERIFY(!view().promoteSelected());
        QVERIFY(!registry().activeVersion("bone-age"));
    }

    void betterCandidateMayBePromoted()
    {
        const CheckSetComparison c = constructed(std::nullopt, 1, 10, 1);
        QVERIFY(c.result.candidateIsBetter());
        view().showComparison(c);
        QCOMPARE(view().selectedVersion(), 1);
        QVERIFY(view().promoteButton()->isEnabled());
        QVERIFY(!view().overrideButton()->isEnabled());
        QCOMPARE(view().comparisonView()->plottedCases(true), 40);
        QVERIFY(view().comparisonView()->summary()->text().contains(QStringLiteral("It may be promoted")));
        QSignalSpy changed(&view(), &ui::ModelVersionsView::activeVersionChanged);
        QTest::mouseClick(view().promoteButton(), Qt::LeftButton);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(registry().activeVersion("bone-age"), std::optional<int>(1));
        const Activation a = registry().activations().back();
        QCOMPARE(a.reason, std::string("promoted: better on the check set"));
        QVERIFY(QString::fromStdString(a.comparisonJson).contains(QStringLiteral("\"promotable\":true")));
        // The window's assessment runs version 1 now.
        for (const std::string& p : w().enabledPackages())
            QVERIFY2(QString::fromStdString(p).contains(QStringLiteral("/models/v1/")), p.c_str());
        QVERIFY(!view().promoteButton()->isEnabled());   // it is in use
    }

    void equalCandidateNeedsAWrittenReason()
    {
        const CheckSetComparison c = constructed(1, 2, 5, 5);
        QVERIFY(!c.result.candidateIsBetter());
        view().showComparison(c);
        QVERIFY(!view().promoteButton()->isEnabled());
        QVERIFY(!view().promoteSelected());
        QVERIFY(view().overrideButton()->isEnabled());
        QVERIFY(!view().overrideSelected(QString()));
        QVERIFY(!view().overrideSelected(QStringLiteral(" \n ")));
        QCOMPARE(registry().activeVersion("bone-age"), std::optional<int>(1));
        QVERIFY(view().overrideSelected(QStringLiteral("same accuracy; reviewed by the site's radiologist")));
        QCOMPARE(registry().activeVersion("bone-age"), std::optional<int>(2));
        QCOMPARE(registry().activations().back().reason, std::string("override: same accuracy; reviewed by the site's radiologist"));
    }

    void worseOrStaleComparisonPromotesNothing()
    {
        const CheckSetComparison worse = constructed(2, 3, 2, 8);
        QVERIFY(!worse.result.candidateIsBetter() && worse.result.lower > 0);
        view().showComparison(worse);
        QVERIFY(!view().promoteButton()->isEnabled());
        QVERIFY(view().comparisonView()->summary()->text().contains(QStringLiteral("Not shown to be better")));
        // Better, but measured against version 1, which is no longer in use.
        const CheckSetComparison stale = constructed(1, 3, 10, 1);
        view().showComparison(stale);
        QVERIFY(!view().promoteButton()->isEnabled());
        QVERIFY(!view().overrideButton()->isEnabled());
        QVERIFY(!view().promoteSelected());
        auto r = registry();
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, promoteCandidate(r, stale));
        QCOMPARE(registry().activeVersion("bone-age"), std::optional<int>(2));
    }

    void rollbackReturnsToWhatWasInUse()
    {
        QVERIFY(view().select(3));   // never in use: reached only through the comparison
        QVERIFY(!view().rollbackButton()->isEnabled());
        QVERIFY(!view().rollbackToSelected());
        QVERIFY(view().select(1));
        QVERIFY(view().rollbackButton()->isEnabled());
        QTest::mouseClick(view().rollbackButton(), Qt::LeftButton);
        QCOMPARE(registry().activeVersion("bone-age"), std::optional<int>(1));
        QCOMPARE(registry().activations().back().reason, std::string("rollback"));
        // The table marks the one in use; the installed row says the installed landmark model is still used.
        for (int row = 0; row < view().table()->rowCount(); ++row) {
            const int number = view().table()->item(row, 0)->data(Qt::UserRole).toInt();
            const QString mark = view().table()->item(row, 1)->text();
            if (number == 0) QCOMPARE(mark, QStringLiteral("landmarks in use"));
            else QCOMPARE(!mark.isEmpty(), number == 1);
        }
        QVERIFY(view().select(0));
        QVERIFY(view().rollbackToSelected());
        QVERIFY(!registry().activeVersion("bone-age"));
        QVERIFY(!view().rollbackButton()->isEnabled());   // the installed models are in use
        QCOMPARE(w().enabledPackages().size(), findModelPackages(kModels.toStdString()).size());
        for (const std::string& p : w().enabledPackages()) QVERIFY2(p.find("/models/v") == std::string::npos, p.c_str());
        // The log keeps every step with its reason.
        QCOMPARE(registry().activations().size(), size_t(4));
    }

    // 50 read cases: the check set (30) is already more than 20 %, so growing adds nothing and says so.
    void growingTheCheckSetSaysWhatItDid()
    {
        const auto before = registry().checkSet();
        QVERIFY(!before.empty());
        QSignalSpy said(&view(), &ui::ModelVersionsView::message);
        QTest::mouseClick(view().growCheckSetButton(), Qt::LeftButton);
        QCOMPARE(said.count(), 1);
        QVERIFY2(said.at(0).at(0).toString().contains(QStringLiteral("already 20 %")), qPrintable(said.at(0).at(0).toString()));
        QCOMPARE(registry().checkSet(), before);
    }

    void cleanupTestCase() { window_.reset(); }
};

BONEAGE_UI_TEST_MAIN(TestModelVersions)
#include "tst_model_versions.moc"
