// The workstation's training on a workspace (issue 16), with real jobs: the 50 reframed sample films
// (tests/workspace/ReframedSamples.h: 30 in the check set, 20 to train on), the shipped per-sex pair
// as the base, and the `boneage` program as the job's child process. A short job from the panel
// draws its curves while the event loop runs and registers a version; a job is cancelled, resumed
// from its checkpoint and cancelled again; a job killed with SIGKILL is recorded failed while the
// window lives on; queued jobs wait their turn; closing the workspace stops the job and records it;
// a job interrupted while no program followed it is reported when the workspace opens; kill -9 of
// a second workstation process during its job leaves a version this window resumes to the end. Then the trained version against the model in use (the paired comparison in the window's
// worker), promoted through the gate or an override with its reason, used by the assessment (which
// names it), and rolled back: the installed models give the earlier result again.
#include "UiTestSupport.h"

#include "AssessmentPanel.h"
#include "ComparisonView.h"
#include "MainWindow.h"
#include "ModelVersionsView.h"
#include "TrainingCurves.h"
#include "TrainingJobRunner.h"
#include "TrainingPanel.h"
#include "Worklist.h"

#include "../workspace/ReframedSamples.h"

#include "inference/ModelCard.h"
#include "workspace/ModelRegistry.h"
#include "workspace/TrainingJob.h"

#include "inference/Assessment.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QStandardItemModel>
#include <QTextBrowser>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <csignal>

using namespace boneage;
using namespace boneage::test;
using boneage::ui::MainWindow;

namespace {

const QString kSamples = QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples");
const QString kModels = QStringLiteral(BONEAGE_SOURCE_DIR "/models");
constexpr int kJobLimitMs = 15 * 60 * 1000;   // generous: the machine may be busy; no timing is asserted

} // namespace

class TestTrainingPanel : public QObject {
    Q_OBJECT

    QTemporaryDir home_, root_;
    QString dir_;
    std::unique_ptr<MainWindow> window_;
    QString caseId_;   // a boy's film (sample 1491, as imported) for the assessments

    MainWindow& w() { return *window_; }
    ui::TrainingPanel& panel() { return *window_->trainingPanel(); }
    ui::TrainingJobRunner& runner() { return *window_->trainingRunner(); }
    std::optional<ModelVersion> version(int n) { return ModelRegistry(*window_->workspace()).version(n); }

    // Fills the panel's form and presses Start.
    void startJob(double minutes, int epochs)
    {
        QCOMPARE(panel().baseField()->currentData().toString(), w().modelsDirectory());   // the installed models
        panel().minutesField()->setValue(minutes);
        panel().epochsField()->setValue(epochs);
        QVERIFY(panel().startButton()->isEnabled());
        QTest::mouseClick(panel().startButton(), Qt::LeftButton);
    }

    // Waits for the running job's first event of `kind` (the job started and trains).
    void waitForEvent(int versionNumber, JobEvent::Kind kind)
    {
        bool seen = false;
        const auto c = connect(&runner(), &ui::TrainingJobRunner::jobEvent, this,
                               [&](int v, const JobEvent& e) { seen = seen || (v == versionNumber && e.kind == kind); });
        QTRY_VERIFY_WITH_TIMEOUT(seen || !runner().isRunning(), kJobLimitMs);
        disconnect(c);
        QVERIFY2(seen, "the job ended before the expected event");
    }

    double assessShownCase()
    {
        if (!w().worklist()->selectCase(caseId_)) qWarning("the case is not in the worklist");
        if (!w().assessCurrentCase()) qWarning("the assessment did not start");
        if (!QTest::qWaitFor([&] { return !w().worker()->isRunning(); }, kJobLimitMs)) qWarning("the assessment did not finish");
        const auto c = w().currentCase();
        if (c && !(c->assessment && c->assessment->boneAgeMonths()))
            qWarning("no bone age: status %d, error '%s', withheld %d", int(c->status), qPrintable(c->error),
                     c->assessment ? int(c->assessment->withheld) : -1);
        return c && c->assessment && c->assessment->boneAgeMonths() ? *c->assessment->boneAgeMonths() : -1;
    }

private slots:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", home_.path().toUtf8());
        // The job's child is this build's `boneage` (the workstation finds it beside itself; a test
        // program lives elsewhere).
        qputenv("BONEAGE_COMMAND", BONEAGE_EXE);
        dir_ = root_.filePath("ws");
        Workspace::init(dir_.toStdString());
        {
            auto ws = Workspace::open(dir_.toStdString(), Workspace::Access::ReadWrite);
            QCOMPARE(importReframedSamples(*ws, kSamples.toStdString(), root_.filePath("films").toStdString()), 50);
            const auto named = ws->casesNamed("1491-0");
            QCOMPARE(named.size(), size_t(1));
            caseId_ = QString::fromStdString(named.front());
        }
        window_ = std::make_unique<MainWindow>(kModels);
        w().setErrorDialogsEnabled(false);
        w().modelVersionsView()->setConfirmationsEnabled(false);
        w().resize(1400, 900);
        w().show();
        QVERIFY(QTest::qWaitForWindowExposed(&w()));
        QVERIFY(w().openWorkspace(dir_));
        w().showTrainingPanel();
        QVERIFY(QTest::qWaitForWindowExposed(&panel()));
    }

    void panelOffersWhatCanBeTrained()
    {
        // Bone age and landmarks; CUDA only when LibTorch sees a GPU.
        auto* what = qobject_cast<QStandardItemModel*>(panel().whatField()->model());
        QVERIFY(what);
        QCOMPARE(what->rowCount(), 2);
        QVERIFY(what->item(0)->isEnabled());
        QVERIFY(what->item(1)->isEnabled());
        QVERIFY(!what->item(1)->toolTip().isEmpty());
        // Landmarks: the bases are landmark packages; a queued job is refused by its plan (no hand here
        // has keypoints a reader corrected) with the reason, and nothing is recorded.
        panel().whatField()->setCurrentIndex(1);
        QCOMPARE(panel().baseField()->count(), 1);
        QVERIFY(panel().baseField()->currentData().toString().endsWith(QStringLiteral("hand-landmarks-128px")));
        QSignalSpy refused(&runner(), &ui::TrainingJobRunner::jobRefused);
        QVERIFY(panel().startButton()->isEnabled());
        QTest::mouseClick(panel().startButton(), Qt::LeftButton);
        QTRY_COMPARE(refused.count(), 1);
        QVERIFY2(refused.first().at(1).toString().contains(QStringLiteral("too few hands")), qPrintable(refused.first().at(1).toString()));
        QVERIFY(ModelRegistry(*w().workspace()).versions().empty());
        panel().whatField()->setCurrentIndex(0);
        auto* device = qobject_cast<QStandardItemModel*>(panel().deviceField()->model());
        QCOMPARE(device->item(1)->isEnabled(), inferenceDevice() == "cuda");
        QCOMPARE(panel().deviceField()->currentData().toString(), QStringLiteral("cpu"));
        QCOMPARE(panel().baseField()->count(), 1);   // the installed models; no version yet
        QVERIFY(!panel().cancelButton()->isEnabled());
        QVERIFY(!panel().resumeButton()->isEnabled());
    }

    void shortJobDrawsCurvesAndRegistersAVersion()
    {
        int ticks = 0, epochs = 0, epochsWhileRunning = 0, ticksAtFirstEpoch = -1;
        QTimer timer;
        connect(&timer, &QTimer::timeout, this, [&] { ++ticks; });
        timer.start(20);
        connect(&runner(), &ui::TrainingJobRunner::jobEvent, this, [&](int, const JobEvent& e) {
            if (e.kind != JobEvent::Kind::Epoch) return;
            ++epochs;
            if (runner().isRunning()) ++epochsWhileRunning;
            if (ticksAtFirstEpoch < 0) ticksAtFirstEpoch = ticks;
        });
        QSignalSpy finished(&runner(), &ui::TrainingJobRunner::jobFinished);
        startJob(0.3, 2);
        QTRY_VERIFY_WITH_TIMEOUT(runner().isRunning(), 30000);
        QCOMPARE(runner().runningVersion(), 1);
        QVERIFY(panel().cancelButton()->isEnabled());
        QCOMPARE(version(1)->state, std::string("running"));
        // The curve receives points while the job runs and the window's event loop keeps turning.
        QTRY_VERIFY_WITH_TIMEOUT(panel().curves()->lossPoints() > 0, kJobLimitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!runner().isRunning(), kJobLimitMs);
        runner().disconnect(this);
        QCOMPARE(finished.count(), 1);
        QVERIFY(epochsWhileRunning > 0);
        QVERIFY2(ticks > ticksAtFirstEpoch && ticksAtFirstEpoch > 0, "the GUI timer did not run during the job");
        QCOMPARE(panel().curves()->lossPoints(), epochs);
        QVERIFY(panel().curves()->checkPoints() > 0);   // the check set is measured every epoch
        QCOMPARE(panel().curves()->packages().size(), 2);   // the boys' and the girls' model
        QVERIFY(panel().progressBar()->value() == 1000);
        QVERIFY(panel().log()->toPlainText().contains(QStringLiteral("epoch")));
        if (const QString shots = qEnvironmentVariable("BONEAGE_SCREENSHOT_DIR"); !shots.isEmpty()) {
            QTest::qWait(200);
            panel().grab().toImage().convertToFormat(QImage::Format_Indexed8, Qt::ThresholdDither | Qt::AvoidDither).save(shots + "/training-panel.png");
        }

        const auto v = version(1);
        QVERIFY(v);
        QCOMPARE(v->state, std::string("done"));
        QCOMPARE(v->dataCases, 20);
        QVERIFY(QString::fromStdString(v->command).contains(QStringLiteral("--minutes 0.3")));
        QCOMPARE(findModelPackages(ModelRegistry(*w().workspace()).packageFolder(1)).size(), size_t(2));
        QVERIFY(!ModelRegistry(*w().workspace()).activeVersion("bone-age"));   // nothing is promoted by itself
        QCOMPARE(panel().baseField()->count(), 2);   // the new version is a base now
        // The versions view lists it, with its lineage and stored curves.
        ui::ModelVersionsView& view = *w().modelVersionsView();
        QVERIFY(view.select(1));
        QVERIFY(view.lineage()->toPlainText().contains(QStringLiteral("Training cases: 20")));
        QCOMPARE(view.curves()->lossPoints(), epochs);
        QVERIFY(view.compareButton()->isEnabled());
        QVERIFY(!view.promoteButton()->isEnabled());   // not compared yet
        QVERIFY(!view.rollbackButton()->isEnabled());  // never in use
    }

    void trainedVersionIsComparedPromotedUsedAndRolledBack()
    {
        const double installed = assessShownCase();
        QVERIFY(installed > 0);
        QCOMPARE(w().currentCase()->producedBy, ui::ComparisonView::versionName(std::nullopt));
        QVERIFY(w().assessmentPanel()->resultText().contains(ui::ComparisonView::versionName(std::nullopt)));

        // The paired comparison in the view's worker thread, on the real check set.
        ui::ModelVersionsView& view = *w().modelVersionsView();
        w().showModelVersions();
        QVERIFY(view.select(1));
        QSignalSpy done(&view, &ui::ModelVersionsView::comparisonFinished);
        QTest::mouseClick(view.compareButton(), Qt::LeftButton);
        QVERIFY(view.isComparing());
        QVERIFY(!view.compareButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, kJobLimitMs);
        QVERIFY(view.comparison());
        const CheckSetComparison& c = *view.comparison();
        QCOMPARE(c.candidateVersion, 1);
        QVERIFY(!c.activeVersion);
        QCOMPARE(c.result.active.n + c.skipped, 30);
        QCOMPARE(view.comparisonView()->plottedCases(false), c.result.active.n);
        QCOMPARE(view.comparisonView()->plottedCases(true), c.result.candidate.n);
        QCOMPARE(view.promoteButton()->isEnabled(), c.result.candidateIsBetter());
        QCOMPARE(view.overrideButton()->isEnabled(), !c.result.candidateIsBetter());
        if (const QString shots = qEnvironmentVariable("BONEAGE_SCREENSHOT_DIR"); !shots.isEmpty()) {
            QTest::qWait(200);   // the layout follows the new texts in the event loop
            view.grab().toImage().convertToFormat(QImage::Format_Indexed8, Qt::ThresholdDither | Qt::AvoidDither).save(shots + "/model-versions.png");
        }
        // The comparison is kept with the candidate, as `boneage workspace compare` keeps it.
        QVERIFY(QString::fromStdString(version(1)->metricsJson).contains(QStringLiteral("check_set_comparison")));

        // Promoted through the gate when better, else only with a written reason.
        const QString reason = QStringLiteral("two epochs on the reframed samples, for the test");
        if (c.result.candidateIsBetter()) {
            QTest::mouseClick(view.promoteButton(), Qt::LeftButton);
        } else {
            QVERIFY(!view.promoteSelected());
            QVERIFY(!view.overrideSelected(QStringLiteral("  ")));
            QVERIFY(!ModelRegistry(*w().workspace()).activeVersion("bone-age"));
            QVERIFY(view.overrideSelected(reason));
        }
        QCOMPARE(ModelRegistry(*w().workspace()).activeVersion("bone-age"), std::optional<int>(1));
        const Activation last = ModelRegistry(*w().workspace()).activations().back();
        QCOMPARE(QString::fromStdString(last.reason),
                 c.result.candidateIsBetter() ? QStringLiteral("promoted: better on the check set") : QStringLiteral("override: ") + reason);
        QVERIFY(QString::fromStdString(last.comparisonJson).contains(QStringLiteral("\"promotable\"")));

        // The assessment now runs version 1 and names it, in the panel and in the store.
        QVERIFY(assessShownCase() > 0);
        QCOMPARE(w().currentCase()->producedBy, ui::ComparisonView::versionName(1));
        QVERIFY(w().assessmentPanel()->resultText().contains(ui::ComparisonView::versionName(1)));
        const auto stored = w().workspace()->assessments(caseId_.toStdString());
        QVERIFY(QString::fromStdString(stored.back().packageId).startsWith(QStringLiteral("v1 ")));
        for (const auto& m : w().currentCase()->assessment->models)
            QVERIFY2(QString::fromStdString(m.package).contains(QStringLiteral("/models/v1/")), m.package.c_str());

        // Rollback to the installed models: the earlier result comes back, named as such.
        QVERIFY(view.select(0));
        QVERIFY(view.rollbackButton()->isEnabled());
        QTest::mouseClick(view.rollbackButton(), Qt::LeftButton);   // confirmations are off in this test
        QVERIFY(!ModelRegistry(*w().workspace()).activeVersion("bone-age"));
        QCOMPARE(QString::fromStdString(ModelRegistry(*w().workspace()).activations().back().reason), QStringLiteral("rollback"));
        QCOMPARE(assessShownCase(), installed);
        QCOMPARE(w().currentCase()->producedBy, ui::ComparisonView::versionName(std::nullopt));
        // Version 1 was in use: it can be rolled back to as well.
        QVERIFY(view.select(1));
        QVERIFY(view.rollbackButton()->isEnabled());
    }

    void cancelledJobResumesFromItsCheckpoint()
    {
        startJob(5, 100);
        QTRY_VERIFY_WITH_TIMEOUT(runner().isRunning(), 30000);
        QCOMPARE(runner().runningVersion(), 2);
        waitForEvent(2, JobEvent::Kind::Epoch);   // one epoch done: a checkpoint exists
        QTest::mouseClick(panel().cancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!runner().isRunning(), kJobLimitMs);
        QCOMPARE(version(2)->state, std::string("cancelled"));
        QVERIFY(ui::TrainingPanel::canResume(*w().workspace(), *version(2)));
        QCOMPARE(panel().resumeField()->currentData().toInt(), 2);
        QVERIFY(panel().resumeButton()->isEnabled());

        QTest::mouseClick(panel().resumeButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(runner().isRunning(), 30000);
        QCOMPARE(runner().runningVersion(), 2);
        QCOMPARE(version(2)->state, std::string("running"));
        waitForEvent(2, JobEvent::Kind::Step);
        runner().cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!runner().isRunning(), kJobLimitMs);
        QCOMPARE(version(2)->state, std::string("cancelled"));
        QVERIFY(!ModelRegistry(*w().workspace()).activeVersion("bone-age"));
    }

    void killedJobIsRecordedFailedAndTheWindowLives()
    {
        startJob(5, 100);
        QTRY_VERIFY_WITH_TIMEOUT(runner().isRunning(), 30000);
        QCOMPARE(runner().runningVersion(), 3);
        waitForEvent(3, JobEvent::Kind::Step);
        QVERIFY(runner().processId() > 0);
        QCOMPARE(::kill(static_cast<pid_t>(runner().processId()), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!runner().isRunning(), 60000);
        const auto v = version(3);
        QCOMPARE(v->state, std::string("failed"));
        QVERIFY2(QString::fromStdString(v->message).contains(QStringLiteral("killed")), v->message.c_str());
        QVERIFY(!ModelRegistry(*w().workspace()).activeVersion("bone-age"));
        QVERIFY(w().isVisible());
    }

    void queuedJobsRunOneAfterTheOther()
    {
        // Two jobs queued at once: the second waits and is removed from the queue before it starts.
        startJob(5, 100);
        startJob(5, 100);
        QCOMPARE(runner().queued().size() + (runner().isRunning() ? 1 : 0), size_t(2));
        QTRY_VERIFY_WITH_TIMEOUT(runner().isRunning(), 30000);
        QCOMPARE(runner().queued().size(), size_t(1));
        panel().queueList()->setCurrentRow(1);   // row 0: the running job
        QVERIFY(panel().removeButton()->isEnabled());
        QTest::mouseClick(panel().removeButton(), Qt::LeftButton);
        QCOMPARE(runner().queued().size(), size_t(0));
        runner().cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!runner().isRunning(), kJobLimitMs);
        QVERIFY2(version(4)->state == "cancelled", (version(4)->state + ": " + version(4)->message).c_str());
        QVERIFY(!version(5));
    }

    void closingTheWorkspaceStopsAndRecordsTheJob()
    {
        startJob(5, 100);
        QTRY_VERIFY_WITH_TIMEOUT(runner().isRunning(), 30000);
        QCOMPARE(runner().runningVersion(), 5);
        waitForEvent(5, JobEvent::Kind::Step);
        w().closeWorkspace();   // the reader agreed (dialogs are off): the job stops and is recorded
        QVERIFY(!w().workspace());
        QVERIFY(!runner().isRunning());
        const auto v = ModelRegistry(*Workspace::open(dir_.toStdString(), Workspace::Access::ReadOnly)).version(5);
        QVERIFY2(v->state == "cancelled", (v->state + ": " + v->message).c_str());
        QVERIFY(w().openWorkspace(dir_));
    }

    void interruptedJobIsReportedWhenTheWorkspaceOpens()
    {
        // A job planned while no program follows it (as after a crash of the machine): its version
        // stays "running" in the registry until the workspace is opened again.
        w().closeWorkspace();
        {
            auto ws = Workspace::open(dir_.toStdString(), Workspace::Access::ReadWrite);
            ModelRegistry registry(*ws);
            TrainingRequest r;
            r.base = kModels.toStdString();
            r.minutes = 1;
            QCOMPARE(planTrainingJob(*ws, registry, r).version, 6);
        }
        QSignalSpy notice(&w(), &MainWindow::trainingNotice);
        QVERIFY(w().openWorkspace(dir_));
        QCOMPARE(notice.count(), 1);
        QVERIFY2(notice.at(0).at(0).toString().contains(QStringLiteral("version(s) 6 ")), qPrintable(notice.at(0).at(0).toString()));
        QCOMPARE(version(6)->state, std::string("failed"));
        QVERIFY(!ui::TrainingPanel::canResume(*w().workspace(), *version(6)));   // it never trained: no checkpoint
    }

    // kill -9 of the workstation itself during a job: a second workstation process (this program in
    // its --hold-training mode: a MainWindow that opens the workspace and starts a job from the
    // panel) is killed with SIGKILL after the job's first checkpoint. The job notices that its parent
    // died (PDEATHSIG), stops after its step and leaves its checkpoint; this window, opening the
    // workspace again, reports the version interrupted, and the panel resumes it to the end.
    void killedWorkstationLeavesAResumableJob()
    {
        w().closeWorkspace();
        const int number = 7;
        const QString jobDir = dir_ + QStringLiteral("/jobs/v%1").arg(number);
        QProcess holder;
        holder.setProcessChannelMode(QProcess::MergedChannels);
        holder.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--hold-training"), dir_});
        QVERIFY(holder.waitForStarted());
        const auto checkpointWritten = [&] {
            const QDir out(jobDir + QStringLiteral("/out"));
            for (const QString& p : out.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
                if (QFileInfo::exists(out.filePath(p + QStringLiteral("/checkpoint.pt")))) return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(checkpointWritten() || holder.state() == QProcess::NotRunning, kJobLimitMs);
        QVERIFY2(holder.state() == QProcess::Running, holder.readAll().constData());
        QVERIFY(jobIsRunning(jobDir.toStdString()));
        QCOMPARE(::kill(static_cast<pid_t>(holder.processId()), SIGKILL), 0);
        QVERIFY(holder.waitForFinished(30000));
        QCOMPARE(holder.exitStatus(), QProcess::CrashExit);
        QTRY_VERIFY_WITH_TIMEOUT(!jobIsRunning(jobDir.toStdString()), 120000);   // the job stopped by itself
        QVERIFY(!QDir(dir_ + QStringLiteral("/models/v%1").arg(number)).exists());

        QSignalSpy notice(&w(), &MainWindow::trainingNotice);
        QVERIFY(w().openWorkspace(dir_));
        QCOMPARE(notice.count(), 1);
        QVERIFY2(notice.at(0).at(0).toString().contains(QStringLiteral("%1").arg(number)), qPrintable(notice.at(0).at(0).toString()));
        // "failed" (the job saw its workstation die: its own PDEATHSIG signal). Under a heavily loaded
        // machine the fresh-clone runs have also seen "cancelled" here before that signal was separated
        // from the reader's cancel; both are resumable, which is what this test is about.
        const std::string state = version(number)->state;
        QVERIFY2(state == "failed" || state == "cancelled", (state + ": " + version(number)->message).c_str());
        if (state != "failed") qWarning("recorded %s: %s", state.c_str(), version(number)->message.c_str());
        QVERIFY(ui::TrainingPanel::canResume(*w().workspace(), *version(number)));
        QCOMPARE(panel().resumeField()->findData(number) >= 0, true);
        panel().resumeField()->setCurrentIndex(panel().resumeField()->findData(number));
        QTest::mouseClick(panel().resumeButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(runner().isRunning(), 30000);
        QCOMPARE(runner().runningVersion(), number);
        QTRY_VERIFY_WITH_TIMEOUT(!runner().isRunning(), kJobLimitMs);
        QCOMPARE(version(number)->state, std::string("done"));
        QVERIFY(QFile::exists(dir_ + QStringLiteral("/models/v%1/2mnet-compact-w50-male/model.json").arg(number)));
    }

    void cleanupTestCase() { window_.reset(); }
};

// --hold-training WORKSPACE: the workstation that killedWorkstationLeavesAResumableJob kills. It opens
// the workspace, starts a job from the panel (0.5 minutes, 40 epochs at most) and runs until killed.
int main(int argc, char** argv)
{
    boneage::test::useVtkSurfaceFormat();
    QApplication app(argc, argv);
    if (argc == 3 && QByteArray(argv[1]) == "--hold-training") {
        qputenv("BONEAGE_COMMAND", BONEAGE_EXE);
        MainWindow window(kModels);
        window.setErrorDialogsEnabled(false);
        window.show();
        if (!window.openWorkspace(QString::fromLocal8Bit(argv[2]))) return 1;
        window.showTrainingPanel();
        window.trainingPanel()->minutesField()->setValue(0.5);
        window.trainingPanel()->epochsField()->setValue(40);
        QTest::mouseClick(window.trainingPanel()->startButton(), Qt::LeftButton);
        return app.exec();
    }
    TestTrainingPanel test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_training_panel.moc"
