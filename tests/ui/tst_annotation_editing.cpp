// Annotating on the film as a reader does: real mouse events on the VTK view drag keypoints and TW3
// boxes, the window's shortcuts undo and redo (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y) and act on the selected
// item (skip / restore, lock, clear, stage, confirm); every applied change is announced per item.
#include "UiTestSupport.h"

#include "AnnotationActions.h"
#include "AnnotationEditor.h"
#include "AnnotationLayer.h"
#include "AnnotationTool.h"
#include "MainWindow.h"
#include "RadiographView.h"

#include "anatomy/HandKeypoints.h"
#include "workspace/CaseAnnotation.h"

#include <QApplication>
#include <QDialog>
#include <QDockWidget>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QUndoView>

#include <algorithm>
#include <cmath>

using namespace boneage;
using namespace boneage::test;
using boneage::ui::AnnotationEditor;
using boneage::ui::AnnotationTool;
using boneage::ui::MainWindow;

namespace {

const QString kSamples = QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/");
const QString kModels = QStringLiteral(BONEAGE_SOURCE_DIR "/models");

bool isSelectionMagenta(QRgb c) { return qRed(c) > 200 && qGreen(c) < 130 && qBlue(c) > 150; }

} // namespace

class TestAnnotationEditing : public QObject {
    Q_OBJECT

    QTemporaryDir settingsHome_;
    std::unique_ptr<MainWindow> window_;
    CaseAnnotation proposal_;

    // The window with sample-1491 and the annotation proposed from its annotated keypoints, in
    // annotate mode, active (so that its shortcuts work).
    MainWindow& freshWindow()
    {
        window_ = std::make_unique<MainWindow>(kModels);
        MainWindow& w = *window_;
        w.setErrorDialogsEnabled(false);
        w.resize(1400, 950);
        w.show();
        if (!QTest::qWaitForWindowExposed(&w)) qWarning("the window was not exposed");
        w.activateWindow();
        // Under a loaded machine (CTest -j) the X server may hand over focus late: wait longer, and
        // ask once more, before the shortcuts are typed.
        if (!QTest::qWaitForWindowActive(&w, 15000)) {
            QApplication::setActiveWindow(&w);
            if (!QTest::qWaitForWindowActive(&w, 15000)) qWarning("the window did not become active");
        }
        w.openPaths({kSamples + "sample-1491.dcm"});
        w.setReaderName(QStringLiteral("dr-test"));
        w.setCaseAnnotation(proposal_);
        w.setAnnotating(true);
        w.view()->setFocus();
        drawnFrame(*w.view());
        return w;
    }

    AnnotationEditor& editor() { return *window_->annotationEditor(); }
    int indexOf(ItemKind kind, const char* name) { return editor().indexOf(kind, name); }
    AnnotationItem itemAt(int index) { return *editor().item(index); }
    QPointF onScreen(double x, double y) { return window_->view()->widgetPointFor(QPointF(x, y)); }
    // Film distance a widget move covers (the view's zoom, pan, rotation and flips).
    QPointF filmDelta(QPointF from, QPointF to) { return window_->view()->imagePointAt(to) - window_->view()->imagePointAt(from); }
    void key(int k, Qt::KeyboardModifiers m = Qt::NoModifier) { QTest::keyClick(window_->view(), Qt::Key(k), m); }

    static double loadRadiographForSize()
    {
        MainWindow probe(kModels);
        probe.setErrorDialogsEnabled(false);
        probe.openPaths({kSamples + "sample-1491.dcm"});
        return probe.currentCase()->radiograph->width();
    }

private slots:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", settingsHome_.path().toUtf8());
        const auto hands = readCocoHandKeypoints((kSamples + "keypoints.json").toStdString());
        const auto hand = std::find_if(hands.begin(), hands.end(), [](const AnnotatedHand& h) { return h.id == "sample-1491"; });
        QVERIFY(hand != hands.end());
        const auto film = loadRadiographForSize();
        HandKeypoints points = hand->points;
        const double scale = film / hand->width;
        for (auto& p : points) p.x *= scale, p.y *= scale;
        proposal_ = CaseAnnotation::fromProposal((kSamples + "sample-1491.dcm").toStdString(), "dr-test", points);
        QCOMPARE(static_cast<int>(proposal_.items.size()), 39);
        QVERIFY(std::all_of(proposal_.items.begin(), proposal_.items.end(), [](const AnnotationItem& i) { return i.placed; }));
    }

    void cleanup() { window_.reset(); }

    void draggingAKeypointCorrectsItAndUndoRedoRestore()
    {
        MainWindow& w = freshWindow();
        const int index = indexOf(ItemKind::Keypoint, "middle_finger3");
        const AnnotationItem before = itemAt(index);
        QCOMPARE(before.state, ItemState::Proposed);
        QSignalSpy changed(&editor(), &AnnotationEditor::itemChanged);
        QSignalSpy whole(&editor(), &AnnotationEditor::annotationChanged);

        const QPointF from = onScreen(before.x, before.y), to = from + QPointF(30, 18);
        drag(w.view(), from, to);
        const QPointF moved = filmDelta(from, to);
        const AnnotationItem after = itemAt(index);
        QVERIFY2(std::abs(after.x - (before.x + moved.x())) < 1.5 && std::abs(after.y - (before.y + moved.y())) < 1.5,
                 qPrintable(QString("at %1,%2; expected %3,%4").arg(after.x).arg(after.y).arg(before.x + moved.x()).arg(before.y + moved.y())));
        QVERIFY(std::hypot(moved.x(), moved.y()) > 10);   // the drag moved it for real
        QCOMPARE(after.state, ItemState::Corrected);
        QCOMPARE(editor().undoStack()->count(), 1);   // one drag, one command
        QCOMPARE(changed.count(), 1);
        QCOMPARE(whole.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<AnnotationItem>(), after);
        QVERIFY(w.currentCase()->annotation && *w.currentCase()->annotation->find(ItemKind::Keypoint, "middle_finger3") == after);

        key(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(itemAt(index), before);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(1).at(0).value<AnnotationItem>(), before);
        key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(itemAt(index), after);
        key(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(itemAt(index), before);
        key(Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(itemAt(index), after);
        QCOMPARE(changed.count(), 5);
        QCOMPARE(editor().undoStack()->count(), 1);
        QCOMPARE(editor().undoStack()->index(), 1);
    }

    void aClickSelectsWithoutAnEdit()
    {
        MainWindow& w = freshWindow();
        const int index = indexOf(ItemKind::Keypoint, "ring_finger2");
        const AnnotationItem item = itemAt(index);
        click(w.view(), onScreen(item.x, item.y) + QPointF(2, -1));
        QCOMPARE(w.annotationTool()->selectedIndex(), index);
        QCOMPARE(itemAt(index), item);
        QCOMPARE(editor().undoStack()->count(), 0);
        // The selection is drawn: magenta around the point; none once deselected (click on empty film).
        const QPoint at = onScreen(item.x, item.y).toPoint();
        const auto near = [&](const QImage& frame) {
            return boxOf(frame.copy(QRect(at - QPoint(12, 12), QSize(25, 25))), isSelectionMagenta).count;
        };
        QVERIFY2(near(drawnFrame(*w.view())) > 10, "no selection ring drawn");
        click(w.view(), QPointF(5, 5));
        QCOMPARE(w.annotationTool()->selectedIndex(), -1);
        QCOMPARE(near(drawnFrame(*w.view())), 0);
    }

    void aLockedItemDoesNotMove()
    {
        MainWindow& w = freshWindow();
        const int index = indexOf(ItemKind::Keypoint, "forefinger2");
        const AnnotationItem item = itemAt(index);
        const QPointF at = onScreen(item.x, item.y);
        click(w.view(), at);
        QSignalSpy changed(&editor(), &AnnotationEditor::itemChanged);
        key(Qt::Key_L);
        QVERIFY(itemAt(index).locked);
        QCOMPARE(changed.count(), 1);
        drag(w.view(), at, at + QPointF(40, 25));
        QCOMPARE(itemAt(index).x, item.x);
        QCOMPARE(itemAt(index).y, item.y);
        QCOMPARE(editor().undoStack()->count(), 1);   // the lock only
        QCOMPARE(changed.count(), 1);
        QVERIFY(!editor().moveItem(index, item.x + 5, item.y));   // nor by the editor's API
        key(Qt::Key_L);                                            // unlocked, it moves
        drag(w.view(), at, at + QPointF(40, 25));
        QVERIFY(std::abs(itemAt(index).x - item.x) > 5);
        QCOMPARE(editor().undoStack()->count(), 3);
    }

    void resizingABoxByItsCorner()
    {
        MainWindow& w = freshWindow();
        key(Qt::Key_B);   // boxes only: the keypoints inside them do not get in the way
        QCOMPARE(w.annotationTool()->tool(), AnnotationTool::Tool::Boxes);
        const int index = indexOf(ItemKind::Roi, "Radius");
        const AnnotationItem before = itemAt(index);
        const QPointF corner = onScreen(before.x + before.w, before.y + before.h), to = corner + QPointF(24, 16);
        drag(w.view(), corner, to);
        const QPointF d = filmDelta(corner, to);
        const AnnotationItem after = itemAt(index);
        QVERIFY2(std::abs(after.w - (before.w + d.x())) < 1.5 && std::abs(after.h - (before.h + d.y())) < 1.5,
                 qPrintable(QString("%1 x %2, expected %3 x %4").arg(after.w).arg(after.h).arg(before.w + d.x()).arg(before.h + d.y())));
        QVERIFY(d.x() > 5 && d.y() > 5);
        QCOMPARE(after.x, before.x);   // the opposite corner stays
        QCOMPARE(after.y, before.y);
        QCOMPARE(after.state, ItemState::Corrected);
        QCOMPARE(editor().undoStack()->count(), 1);
        QVERIFY(editor().undoStack()->text(0).contains("Radius"));

        // The top-left corner the other way; then the body moves the box without resizing it.
        const QPointF topLeft = onScreen(after.x, after.y);
        drag(w.view(), topLeft, topLeft + QPointF(-10, -8));
        QVERIFY(itemAt(index).x < after.x && itemAt(index).w > after.w);
        const AnnotationItem resized = itemAt(index);
        const QPointF middle = onScreen(resized.x + resized.w / 2, resized.y + resized.h / 2);
        drag(w.view(), middle, middle + QPointF(15, 0));
        QCOMPARE(itemAt(index).w, resized.w);
        QVERIFY(itemAt(index).x > resized.x + 5);
        QCOMPARE(editor().undoStack()->count(), 3);

        for (int k = 0; k < 3; ++k) key(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(itemAt(index), before);
        key(Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(itemAt(index), after);
    }

    void skipRestoreStageClear()
    {
        MainWindow& w = freshWindow();
        key(Qt::Key_B);
        const int index = indexOf(ItemKind::Roi, "MP3");
        const AnnotationItem original = itemAt(index);
        click(w.view(), onScreen(original.x + original.w / 2, original.y + original.h / 2));
        QCOMPARE(w.annotationTool()->selectedIndex(), index);
        QSignalSpy changed(&editor(), &AnnotationEditor::itemChanged);

        key(Qt::Key_S);
        QCOMPARE(itemAt(index).state, ItemState::Skipped);
        QCOMPARE(itemAt(index).x, original.x);   // skipping keeps the position
        key(Qt::Key_S);
        QCOMPARE(itemAt(index).state, ItemState::Proposed);
        key(Qt::Key_E, Qt::ShiftModifier);
        QCOMPARE(itemAt(index).stage, 'E');
        QCOMPARE(ui::AnnotationLayer::labelOf(itemAt(index)), QStringLiteral("MP3 · E"));
        key(Qt::Key_G, Qt::ShiftModifier);
        QCOMPARE(itemAt(index).stage, 'G');
        key(Qt::Key_Delete, Qt::ShiftModifier);
        QCOMPARE(itemAt(index).stage, '\0');
        key(Qt::Key_Delete);
        QVERIFY(!itemAt(index).placed);
        QCOMPARE(changed.count(), 6);
        QCOMPARE(editor().undoStack()->count(), 6);
        QCOMPARE(changed.last().at(0).value<AnnotationItem>().name, std::string("MP3"));

        // A cleared box is drawn again by dragging on the film while it is selected.
        const QPointF a = onScreen(original.x, original.y), b = onScreen(original.x + original.w, original.y + original.h);
        drag(w.view(), a, b);
        QVERIFY(itemAt(index).placed);
        QCOMPARE(itemAt(index).state, ItemState::Corrected);
        QVERIFY(std::abs(itemAt(index).w - original.w) < 1.5 && std::abs(itemAt(index).h - original.h) < 1.5);

        for (int k = 0; k < 7; ++k) key(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(itemAt(index), original);
        QVERIFY(!editor().undoStack()->canUndo());
    }

    void stagesOnlyForBoxes()
    {
        MainWindow& w = freshWindow();
        const int index = indexOf(ItemKind::Keypoint, "wrist");
        const AnnotationItem item = itemAt(index);
        click(w.view(), onScreen(item.x, item.y));
        QCOMPARE(w.annotationTool()->selectedIndex(), index);
        key(Qt::Key_E, Qt::ShiftModifier);
        QCOMPARE(itemAt(index).stage, '\0');
        QCOMPARE(editor().undoStack()->count(), 0);
    }

    void confirmingAllProposedIsOneStep()
    {
        MainWindow& w = freshWindow();
        const int skipped = indexOf(ItemKind::Roi, "Capitate");
        QVERIFY(editor().skipItem(skipped));
        QSignalSpy changed(&editor(), &AnnotationEditor::itemChanged);
        key(Qt::Key_C, Qt::ShiftModifier);
        QCOMPARE(changed.count(), 38);   // every placed, proposed item; not the skipped one
        QCOMPARE(editor().undoStack()->count(), 2);
        for (int i = 0; i < editor().itemCount(); ++i)
            QCOMPARE(itemAt(i).state, i == skipped ? ItemState::Skipped : ItemState::Confirmed);
        key(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(itemAt(0).state, ItemState::Proposed);
        QCOMPARE(changed.count(), 76);
        Q_UNUSED(w);
    }

    void aClearedKeypointIsPlacedByAClick()
    {
        MainWindow& w = freshWindow();
        key(Qt::Key_K);
        const int index = indexOf(ItemKind::Keypoint, "thumb4");
        const AnnotationItem item = itemAt(index);
        click(w.view(), onScreen(item.x, item.y));
        key(Qt::Key_Delete);
        QVERIFY(!itemAt(index).placed);
        QCOMPARE(w.annotationTool()->selectedIndex(), index);
        const QPointF at = onScreen(item.x + 20, item.y + 10);
        click(w.view(), at);
        const QPointF film = w.view()->imagePointAt(at);
        QVERIFY(itemAt(index).placed);
        QVERIFY(std::abs(itemAt(index).x - film.x()) < 1 && std::abs(itemAt(index).y - film.y()) < 1);
        QCOMPARE(editor().undoStack()->count(), 2);
    }

    void outsideAnnotateModeTheMousePans()
    {
        MainWindow& w = freshWindow();
        w.setAnnotating(false);
        QVERIFY(!w.annotationLayer()->isVisible());
        const int index = indexOf(ItemKind::Keypoint, "middle_finger3");
        const AnnotationItem item = itemAt(index);
        const QPointF at = onScreen(item.x, item.y);
        drag(w.view(), at, at + QPointF(30, 30));
        QCOMPARE(itemAt(index), item);
        QCOMPARE(editor().undoStack()->count(), 0);
        QVERIFY(std::abs(onScreen(item.x, item.y).x() - at.x()) > 20);   // the film moved instead
        key(Qt::Key_E);   // E switches annotate mode on
        QVERIFY(w.isAnnotating());
        QVERIFY(w.annotationLayer()->isVisible());
    }

    void shortcutsAreListedAndHistoryIsShown()
    {
        MainWindow& w = freshWindow();
        key(Qt::Key_F1);
        auto* dialog = w.findChild<QDialog*>(QStringLiteral("annotationShortcuts"));
        QVERIFY(dialog && dialog->isVisible());
        auto* table = dialog->findChild<QTableWidget*>();
        QVERIFY(table);
        QStringList keys;
        for (int r = 0; r < table->rowCount(); ++r) keys << table->item(r, 1)->text();
        for (const char* k : {"E", "M", "K", "B", "S", "L", "Del", "Shift+C", "Ctrl+Y", "Ctrl+Shift+Z"})
            QVERIFY2(keys.join('|').contains(QLatin1String(k)), k);
        dialog->close();

        // The edit history: a QUndoView on the editor's stack, toggled from the View menu.
        QDockWidget* dock = w.editHistoryDock();
        QVERIFY(!dock->isVisible());
        dock->toggleViewAction()->trigger();
        QVERIFY(dock->isVisible());
        auto* history = dock->findChild<QUndoView*>();
        QVERIFY(history && history->stack() == editor().undoStack());

        if (qEnvironmentVariableIsSet("BONEAGE_TEST_FRAMES")) {
            // A picture with every state: confirmed, corrected, skipped, staged and locked items.
            editor().confirmAllProposed();
            const int mp3 = indexOf(ItemKind::Roi, "MP3"), dp5 = indexOf(ItemKind::Roi, "DP5");
            editor().setStage(mp3, 'F');
            editor().setLocked(mp3, true);
            editor().skipItem(dp5);
            const AnnotationItem radius = itemAt(indexOf(ItemKind::Roi, "Radius"));
            editor().setRoiBox(indexOf(ItemKind::Roi, "Radius"), radius.x - 10, radius.y, radius.w + 30, radius.h + 10);
            const AnnotationItem tip = itemAt(indexOf(ItemKind::Keypoint, "ring_finger4"));
            editor().moveItem(indexOf(ItemKind::Keypoint, "ring_finger4"), tip.x + 15, tip.y - 10);
            w.annotationTool()->select(indexOf(ItemKind::Roi, "PP3"));
            drawnFrame(*w.view());
            w.grabWindowImage().save(QString("%1/annotate-mode.png").arg(qgetenv("BONEAGE_TEST_FRAMES")));
        }
    }
};

BONEAGE_UI_TEST_MAIN(TestAnnotationEditing)
#include "tst_annotation_editing.moc"
