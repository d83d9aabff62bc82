// The workstation with a workspace open (issue 15): the worklist, annotation edits stored as they are
// made (a second connection sees each drag, undo and redo), the reading form and the agreement,
// Assess All in the background with cancel, and a locked workspace reported instead of a crash.
#include "UiTestSupport.h"

#include "AnnotationEditor.h"
#include "AnnotationTool.h"
#include "AssessmentWorker.h"
#include "BatchAssessment.h"
#include "MainWindow.h"
#include "RadiographView.h"
#include "ReadingForm.h"
#include "Worklist.h"

#include "anatomy/HandKeypoints.h"
#include "imaging/RadiographLoader.h"
#include "inference/AssessmentJson.h"
#include "inference/ModelPackage.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <map>

using namespace boneage;
using namespace boneage::test;
using boneage::ui::AnnotationEditor;
using boneage::ui::MainWindow;

namespace {

const QString kSamples = QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/");
const QString kModels = QStringLiteral(BONEAGE_SOURCE_DIR "/models");

// A workspace with the films named (the PNG imported as a boy's: it records no sex).
std::map<QString, QString> makeWorkspace(const QString& dir, const QStringList& films)
{
    Workspace::init(dir.toStdString());
    auto ws = Workspace::open(dir.toStdString(), Workspace::Access::ReadWrite);
    std::map<QString, QString> ids;
    for (const QString& f : films) {
        ImportOptions options;
        if (f.endsWith(".png")) options.sex = Sex::Male;
        const ImportOutcome out = ws->importFilm((kSamples + f).toStdString(), options);
        if (out.kind != ImportOutcome::Kind::Added) qWarning("%s: %s", qPrintable(f), out.message.c_str());
        ids[f] = QString::fromStdString(out.caseId);
    }
    return ids;
}

std::unique_ptr<Workspace> secondConnection(const QString& dir)
{
    return Workspace::open(dir.toStdString(), Workspace::Access::ReadOnly);
}

QString statusOf(MainWindow& w, const QString& caseId)
{
    const int row = w.worklist()->model()->rowOf(caseId);
    return row < 0 ? QString() : w.worklist()->model()->index(row, ui::WorklistModel::Status).data().toString();
}

} // namespace

class TestWorkspaceWindow : public QObject {
    Q_OBJECT

    QTemporaryDir home_, root_;
    QString dir_;
    std::map<QString, QString> ids_;
    std::unique_ptr<MainWindow> window_;

    MainWindow& openWindow(const QString& reader, const QString& dir = {})
    {
        window_ = std::make_unique<MainWindow>(kModels);
        MainWindow& w = *window_;
        w.setErrorDialogsEnabled(false);
        w.resize(1500, 950);
        w.show();
        if (!QTest::qWaitForWindowExposed(&w)) qWarning("the window was not exposed");
        w.activateWindow();
        if (!QTest::qWaitForWindowActive(&w)) qWarning("the window did not become active");
        w.setReaderName(reader);
        if (!w.openWorkspace(dir.isEmpty() ? dir_ : dir)) qWarning("the workspace did not open");
        return w;
    }

    void select(MainWindow& w, const QString& film)
    {
        QVERIFY(w.worklist()->selectCase(ids_.at(film)));
        QVERIFY(w.currentCase() && w.currentCase()->radiograph);
        QCOMPARE(w.currentCase()->caseId, ids_.at(film));
        w.view()->setFocus();
        drawnFrame(*w.view());
    }

    AnnotationEditor& editor() { return *window_->annotationEditor(); }
    QPointF onScreen(double x, double y) { return window_->view()->widgetPointFor(QPointF(x, y)); }
    AnnotationItem stored(const QString& film, const char* reader, ItemKind kind, const char* name)
    {
        const CaseAnnotation a = secondConnection(dir_)->annotation(ids_.at(film).toStdString(), reader);
        const AnnotationItem* i = a.find(kind, name);
        return i ? *i : AnnotationItem{};
    }

private slots:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", home_.path().toUtf8());
        dir_ = root_.filePath("ws");
        ids_ = makeWorkspace(dir_, {"sample-1402.dcm", "sample-1405.dcm", "sample-1417.png", "sample-1491.dcm", "sample-1855.dcm"});
        QCOMPARE(ids_.size(), size_t(5));
        // A stored model result for sample-1491 with the hand's keypoints (the annotated ones, scaled to
        // the film), as `boneage workspace assess` stores it: the workstation shows it without running
        // a model and proposes the annotation from it.
        const auto hands = readCocoHandKeypoints((kSamples + "keypoints.json").toStdString());
        const auto hand = std::find_if(hands.begin(), hands.end(), [](const AnnotatedHand& h) { return h.id == "sample-1491"; });
        QVERIFY(hand != hands.end());
        auto ws = Workspace::open(dir_.toStdString(), Workspace::Access::ReadWrite);
        const auto record = ws->findCase(ids_.at("sample-1491.dcm").toStdString());
        QVERIFY(record);
        const Radiograph film = loadRadiograph(ws->filmPath(*record));
        Assessment a;
        a.sex = Sex::Male;
        HandLandmarks l;
        l.handFound = true;
        l.confidence = 0.9;
        l.modelId = "test-landmarks";
        l.points = hand->points;
        for (auto& p : l.points) p.x *= double(film.width()) / hand->width, p.y *= double(film.width()) / hand->width;
        a.landmarks = l;
        ModelAssessment m;
        m.estimate.modelId = "test-model";
        m.estimate.boneAgeMonths = 50.0;
        m.estimate.device = "cpu";
        a.models.push_back(m);
        StoredAssessment s;
        s.caseId = record->id;
        s.packageId = "test-model";
        s.boneAgeMonths = 50.0;
        s.resultJson = storedAssessmentJson("case " + record->id, film, a).dump();
        ws->addAssessment(s);
    }

    void cleanup() { window_.reset(); }

    void theWorklistShowsTheWorkspace()
    {
        MainWindow& w = openWindow("dr-a");
        QVERIFY(w.workspace() && w.workspace()->isWritable());
        QVERIFY2(w.windowTitle().contains(QDir::toNativeSeparators(dir_)), qPrintable(w.windowTitle()));
        QVERIFY(w.worklist()->isVisible());
        QCOMPARE(w.worklist()->caseCount(), 5);
        QCOMPARE(statusOf(w, ids_.at("sample-1491.dcm")), QStringLiteral("assessed"));
        QCOMPARE(statusOf(w, ids_.at("sample-1855.dcm")), QStringLiteral("new"));
        w.worklist()->setStatusFilter(CaseStatus::Assessed);
        QCOMPARE(w.worklist()->visibleCount(), 1);
        w.worklist()->setStatusFilter(std::nullopt);
        w.worklist()->setTextFilter(QStringLiteral("1855"));
        QCOMPARE(w.worklist()->visibleCount(), 1);
        w.worklist()->setTextFilter({});
        QCOMPARE(w.worklist()->visibleCount(), 5);
        // Sorted by the file column, then walked with the keyboard.
        w.worklist()->table()->sortByColumn(ui::WorklistModel::File, Qt::AscendingOrder);
        select(w, "sample-1402.dcm");
        QTest::keyClick(&w, Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(w.currentCase()->caseId, ids_.at("sample-1405.dcm"));
        QTest::keyClick(&w, Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(w.currentCase()->caseId, ids_.at("sample-1417.png"));
        QTest::keyClick(&w, Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(w.currentCase()->caseId, ids_.at("sample-1405.dcm"));
        // The stored result is shown, not recomputed.
        select(w, "sample-1491.dcm");
        QVERIFY(w.currentCase()->assessment);
        QCOMPARE(*w.currentCase()->assessment->boneAgeMonths(), 50.0);
        QVERIFY(!w.worker()->isRunning());
        QVERIFY(editor().hasAnnotation());   // proposed from the stored keypoints
        QCOMPARE(editor().annotation().caseId, ids_.at("sample-1491.dcm").toStdString());
        w.closeWorkspace();
        QVERIFY(!w.workspace());
        QVERIFY(!w.windowTitle().contains(QDir::toNativeSeparators(dir_)));
    }

    void aDraggedKeypointIsStoredWithEachUndoAndRedo()
    {
        MainWindow& w = openWindow("dr-a");
        select(w, "sample-1491.dcm");
        w.setAnnotating(true);
        const int index = editor().indexOf(ItemKind::Keypoint, "middle_finger3");
        const AnnotationItem before = *editor().item(index);
        QCOMPARE(stored("sample-1491.dcm", "dr-a", ItemKind::Keypoint, "middle_finger3").placed, false);   // nothing stored yet
        const QPointF from = onScreen(before.x, before.y);
        drag(w.view(), from, from + QPointF(30, 18));
        const AnnotationItem after = *editor().item(index);
        QVERIFY(std::hypot(after.x - before.x, after.y - before.y) > 10);
        AnnotationItem s = stored("sample-1491.dcm", "dr-a", ItemKind::Keypoint, "middle_finger3");
        QVERIFY(s.placed);
        QCOMPARE(s.x, after.x);
        QCOMPARE(s.y, after.y);
        QCOMPARE(s.state, ItemState::Corrected);
        // The rest of the proposal was stored with the first edit.
        QVERIFY(stored("sample-1491.dcm", "dr-a", ItemKind::Keypoint, "wrist").placed);
        QCOMPARE(statusOf(w, ids_.at("sample-1491.dcm")), QStringLiteral("annotated"));

        QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
        s = stored("sample-1491.dcm", "dr-a", ItemKind::Keypoint, "middle_finger3");
        QCOMPARE(s.x, before.x);
        QCOMPARE(s.y, before.y);
        QCOMPARE(s.state, ItemState::Proposed);
        QTest::keyClick(w.view(), Qt::Key_Y, Qt::ControlModifier);
        s = stored("sample-1491.dcm", "dr-a", ItemKind::Keypoint, "middle_finger3");
        QCOMPARE(s.x, after.x);
        QCOMPARE(s.y, after.y);

        // Another reader starts from the proposal; the first reader's edit is theirs alone.
        w.setReaderName(QStringLiteral("dr-other"));
        QCOMPARE(editor().item(index)->x, before.x);
        w.setReaderName(QStringLiteral("dr-a"));
        QCOMPARE(editor().item(index)->x, after.x);

        // Closed and opened again (a new window, a new connection): the edit is there.
        window_.reset();
        MainWindow& again = openWindow("dr-a");
        select(again, "sample-1491.dcm");
        QCOMPARE(editor().item(index)->x, after.x);
        QCOMPARE(editor().item(index)->y, after.y);
        QCOMPARE(editor().item(index)->state, ItemState::Corrected);
        QCOMPARE(editor().undoStack()->count(), 0);   // loaded, not edited
    }

    void aResizedBoxIsStored()
    {
        MainWindow& w = openWindow("dr-box");
        select(w, "sample-1491.dcm");
        w.setAnnotating(true);
        QTest::keyClick(w.view(), Qt::Key_B);
        QCOMPARE(w.annotationTool()->tool(), ui::AnnotationTool::Tool::Boxes);
        const int index = editor().indexOf(ItemKind::Roi, "Radius");
        const AnnotationItem before = *editor().item(index);
        const QPointF corner = onScreen(before.x + before.w, before.y + before.h);
        drag(w.view(), corner, corner + QPointF(24, 16));
        const AnnotationItem after = *editor().item(index);
        QVERIFY(after.w > before.w + 5 && after.h > before.h + 5);
        AnnotationItem s = stored("sample-1491.dcm", "dr-box", ItemKind::Roi, "Radius");
        QCOMPARE(s.w, after.w);
        QCOMPARE(s.h, after.h);
        QCOMPARE(s.x, before.x);
        QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
        s = stored("sample-1491.dcm", "dr-box", ItemKind::Roi, "Radius");
        QCOMPARE(s.w, before.w);
        QCOMPARE(s.h, before.h);
    }

    void readingsAreStoredAndCompared()
    {
        MainWindow& w = openWindow("dr-a");
        QVERIFY(w.readingDock()->isVisible());
        select(w, "sample-1402.dcm");
        ui::ReadingForm& form = *w.readingForm();
        QVERIFY(form.saveButton()->isEnabled());
        form.monthsField()->setValue(30);
        QCOMPARE(form.yearsPart()->value(), 2);
        QCOMPARE(form.monthsPart()->value(), 6);
        form.methodField()->setCurrentIndex(form.methodField()->findData(static_cast<int>(ReadingMethod::Tw3)));
        form.confidenceField()->setCurrentIndex(form.confidenceField()->findData(QStringLiteral("high")));
        form.commentField()->setText(QStringLiteral("carpals delayed"));
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        auto readings = secondConnection(dir_)->readings(ids_.at("sample-1402.dcm").toStdString());
        QCOMPARE(readings.size(), size_t(1));
        QCOMPARE(readings[0].reader, std::string("dr-a"));
        QCOMPARE(readings[0].boneAgeMonths, 30.0);
        QCOMPARE(readings[0].method, ReadingMethod::Tw3);
        QCOMPARE(readings[0].confidence, std::string("high"));
        QCOMPARE(readings[0].comment, std::string("carpals delayed"));
        QCOMPARE(statusOf(w, ids_.at("sample-1402.dcm")), QStringLiteral("read"));

        // A second reader, entering years and months.
        w.readerField()->setText(QStringLiteral("dr-b"));
        emit w.readerField()->editingFinished();
        QCOMPARE(w.readerName(), QStringLiteral("dr-b"));
        form.yearsPart()->setValue(3);
        form.monthsPart()->setValue(0);
        QCOMPARE(form.monthsField()->value(), 36.0);
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        readings = secondConnection(dir_)->readings(ids_.at("sample-1402.dcm").toStdString());
        QCOMPARE(readings.size(), size_t(2));
        QCOMPARE(readings[1].reader, std::string("dr-b"));
        QCOMPARE(readings[1].boneAgeMonths, 36.0);
        QCOMPARE(statusOf(w, ids_.at("sample-1402.dcm")), QStringLiteral("double-read"));
        const QString agreement = form.agreementLabel()->text();
        QVERIFY2(agreement.contains(QStringLiteral("dr-a − dr-b: -6.0 months")), qPrintable(agreement));
        QVERIFY(agreement.contains(QStringLiteral("Research use")));
        // The worklist's mean reading.
        const int row = w.worklist()->model()->rowOf(ids_.at("sample-1402.dcm"));
        QVERIFY(w.worklist()->model()->index(row, ui::WorklistModel::Reading).data().toString() == QStringLiteral("33.0"));
    }

    void aReadingOfTheModelCaseIsComparedWithTheModel()
    {
        MainWindow& w = openWindow("dr-c");
        select(w, "sample-1491.dcm");
        w.readingForm()->monthsField()->setValue(54);
        QVERIFY(w.saveReading());
        QVERIFY2(w.readingForm()->agreementLabel()->text().contains(QStringLiteral("dr-c − model: +4.0 months")),
                 qPrintable(w.readingForm()->agreementLabel()->text()));
    }

    void aLockedWorkspaceIsReported()
    {
        const auto holder = Workspace::open(dir_.toStdString(), Workspace::Access::ReadWrite);   // "another program"
        window_ = std::make_unique<MainWindow>(kModels);
        MainWindow& w = *window_;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // Dialogs on: the message box, answered with "Open Read-Only".
        QString shown;
        bool answered = false;
        QTimer poll;
        connect(&poll, &QTimer::timeout, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box || answered) return;
            shown = box->text();
            answered = true;
            for (QAbstractButton* b : box->buttons())
                if (b->text().contains(QStringLiteral("Read-Only"))) b->click();
        });
        poll.start(50);
        QVERIFY(w.openWorkspace(dir_));
        poll.stop();
        QVERIFY2(shown.contains(QStringLiteral("open in another program")), qPrintable(shown));
        QVERIFY(w.workspace() && !w.workspace()->isWritable());
        QVERIFY(w.windowTitle().contains(QStringLiteral("read-only")));
        QCOMPARE(w.worklist()->caseCount(), 5);
        select(w, "sample-1405.dcm");
        QVERIFY(!w.readingForm()->saveButton()->isEnabled());
        // Dialogs off: refused with the message, nothing open.
        window_ = std::make_unique<MainWindow>(kModels);
        window_->setErrorDialogsEnabled(false);
        QSignalSpy errors(window_.get(), &MainWindow::workspaceError);
        QVERIFY(!window_->openWorkspace(dir_));
        QVERIFY(!window_->workspace());
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("another program")));
        // Not a workspace at all.
        QVERIFY(!window_->openWorkspace(root_.path()));
        QCOMPARE(errors.count(), 2);
        QVERIFY(errors.at(1).at(0).toString().contains(QStringLiteral("not a workspace")));
    }

    void importingThroughTheWindow()
    {
        const QString dir = root_.filePath("import");
        makeWorkspace(dir, {});
        MainWindow& w = openWindow("dr-a", dir);
        QSignalSpy refused(&w, &MainWindow::caseOpenFailed);
        // A folder (PNG without sex: refused when no one can be asked) and a file twice.
        const int added = w.importIntoWorkspace({kSamples, kSamples + "sample-1402.dcm"});
        QCOMPARE(added, 4);
        QCOMPARE(w.worklist()->caseCount(), 4);
        QCOMPARE(refused.count(), 1);
        QVERIFY2(refused.at(0).at(0).toString().contains(QStringLiteral("sex")), qPrintable(refused.at(0).at(0).toString()));
        QVERIFY(!w.worklist()->currentCaseId().isEmpty());
        QVERIFY(w.currentCase() && w.currentCase()->radiograph);
    }

    void assessAllStoresEachResult()
    {
        QVERIFY2(!(findModelPackages(kModels.toStdString()).empty()), "no bone age model installed in models/");   // the shipped models are part of the repository: their absence fails
        const QString dir = root_.filePath("assess");
        const auto ids = makeWorkspace(dir, {"sample-1402.dcm", "sample-1491.dcm"});
        MainWindow& w = openWindow("dr-a", dir);
        QSignalSpy finished(w.batchAssessment(), &ui::BatchAssessment::finished);
        QSignalSpy assessed(w.batchAssessment(), &ui::BatchAssessment::caseAssessed);
        int ticks = 0;
        QTimer timer;
        connect(&timer, &QTimer::timeout, [&] { ++ticks; });
        timer.start(10);
        QVERIFY(w.assessAll());
        QVERIFY(w.batchProgress()->isVisible());
        QVERIFY(!w.assessAll());   // one at a time
        QVERIFY(finished.wait(10 * 60 * 1000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(assessed.count(), 2);
        QVERIFY2(ticks > 20, "the event loop stood still during Assess All");
        QVERIFY(!w.batchProgress()->isVisible());
        const auto second = secondConnection(dir);
        for (const auto& [film, id] : ids) {
            const auto stored = second->assessments(id.toStdString());
            QCOMPARE(stored.size(), size_t(1));
            QVERIFY(stored[0].boneAgeMonths.has_value());
            QVERIFY(nlohmann::json::parse(stored[0].resultJson).contains("models"));
            QCOMPARE(statusOf(w, id), QStringLiteral("assessed"));
        }
        QVERIFY(!w.assessAll());   // nothing left to do
        // The shown case gets its stored result.
        QVERIFY(w.worklist()->selectCase(ids.at("sample-1491.dcm")));
        QVERIFY(w.currentCase()->assessment && w.currentCase()->assessment->boneAgeMonths());
    }

    void assessAllCanBeCancelled()
    {
        QVERIFY2(!(findModelPackages(kModels.toStdString()).empty()), "no bone age model installed in models/");   // the shipped models are part of the repository: their absence fails
        const QString dir = root_.filePath("cancel");
        const auto ids = makeWorkspace(dir, {"sample-1402.dcm", "sample-1405.dcm", "sample-1491.dcm"});
        MainWindow& w = openWindow("dr-a", dir);
        QSignalSpy finished(w.batchAssessment(), &ui::BatchAssessment::finished);
        connect(w.batchAssessment(), &ui::BatchAssessment::caseAssessed, &w, [&w] { w.cancelAssessAll(); });
        QVERIFY(w.assessAll());
        QVERIFY(finished.wait(10 * 60 * 1000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        int stored = 0;
        const auto second = secondConnection(dir);
        for (const auto& [film, id] : ids) stored += static_cast<int>(second->assessments(id.toStdString()).size());
        QVERIFY2(stored >= 1 && stored < 3, qPrintable(QString::number(stored)));
        QVERIFY(!w.batchProgress()->isVisible());
        QVERIFY(w.assessAll());   // the rest can be started again
        w.cancelAssessAll();
        QVERIFY(finished.wait(10 * 60 * 1000));
    }

    // An inverted export (a PNG with bone dark) is read inverted by the models; the window shows it as
    // read, after the assessment, when the case is opened again from the workspace, and after it is
    // assessed a second time (which reads the film as stored, not as shown).
    void anInvertedExportIsShownAsReadWhenOpenedAgain()
    {
        QVERIFY2(!(findModelPackages(kModels.toStdString()).empty()), "no bone age model installed in models/");
        QImage film(kSamples + "sample-1417.png");
        QVERIFY(!film.isNull());
        film.invertPixels();
        const QString inverted = root_.filePath("inverted-1417.png");
        QVERIFY(film.save(inverted));
        const QString dir = root_.filePath("inverted");
        Workspace::init(dir.toStdString());
        QString id;
        {
            auto ws = Workspace::open(dir.toStdString(), Workspace::Access::ReadWrite);
            ImportOptions options;
            options.sex = Sex::Male;
            id = QString::fromStdString(ws->importFilm(inverted.toStdString(), options).caseId);
        }
        QVERIFY(!id.isEmpty());
        const auto assessOnce = [&](MainWindow& w) {
            QVERIFY(w.worklist()->selectCase(id));
            QVERIFY(w.currentCase() && w.currentCase()->radiograph);
            QSignalSpy finished(w.worker(), &ui::AssessmentWorker::finished);
            QVERIFY(w.assessCurrentCase());
            QVERIFY(finished.wait(5 * 60 * 1000));
            QVERIFY(w.currentCase()->assessment && w.currentCase()->assessment->boneAgeMonths());
        };
        const auto shownAsRead = [&](MainWindow& w) {
            const auto shown = w.currentCase()->radiograph;
            QVERIFY(shown->metadata.readInverted);
            QVERIFY(shown->highValuesDark() != loadRadiograph(inverted.toStdString()).highValuesDark());
            QCOMPARE(w.view()->radiograph(), shown);
        };
        {
            MainWindow& w = openWindow("dr-a", dir);
            assessOnce(w);
            QVERIFY(w.currentCase()->assessment->landmarks->readInverted);
            shownAsRead(w);
            assessOnce(w);   // again, on the film shown inverted
            QVERIFY(w.currentCase()->assessment->landmarks->readInverted);
            shownAsRead(w);
        }
        window_.reset();
        const auto stored = secondConnection(dir)->assessments(id.toStdString());
        QCOMPARE(stored.size(), size_t(2));
        for (const auto& s : stored) QVERIFY(nlohmann::json::parse(s.resultJson)["hand"]["read_inverted"].get<bool>());
        MainWindow& again = openWindow("dr-a", dir);
        QVERIFY(again.worklist()->selectCase(id));
        QVERIFY(again.currentCase()->assessment);
        QVERIFY(!again.worker()->isRunning());   // the stored result, not a new one
        shownAsRead(again);
    }

    // The window as a reader sees it with a workspace open (worklist, film, results, reading form).
    void screenshot()
    {
        MainWindow& w = openWindow("dr-a");
        select(w, "sample-1491.dcm");
        w.readingForm()->monthsField()->setValue(51);
        QTest::qWait(200);
        const QImage image = w.grabWindowImage();
        QVERIFY(!image.isNull());
        const QString out = qEnvironmentVariable("BONEAGE_SCREENSHOT", QStringLiteral("tst_workspace_window.png"));
        QVERIFY(image.save(out));
    }
};

BONEAGE_UI_TEST_MAIN(TestWorkspaceWindow)
#include "tst_workspace_window.moc"
