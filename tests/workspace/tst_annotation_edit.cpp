// The rules of a reader's edit of one annotation item (core/workspace/AnnotationEdit), without the UI.
#include "workspace/AnnotationEdit.h"

#include <QtTest>

using namespace boneage;

namespace {
AnnotationItem keypoint(double x, double y)
{
    AnnotationItem i;
    i.kind = ItemKind::Keypoint;
    i.name = "thumb4";
    i.placed = true;
    i.x = x, i.y = y;
    return i;
}
AnnotationItem box(double x, double y, double w, double h)
{
    AnnotationItem i;
    i.kind = ItemKind::Roi;
    i.name = "Radius";
    i.placed = true;
    i.x = x, i.y = y, i.w = w, i.h = h;
    return i;
}
} // namespace

class TestAnnotationEdit : public QObject {
    Q_OBJECT
private slots:
    void moveCorrectsAndRespectsLocksAndTheFilm()
    {
        const auto moved = movedItem(keypoint(10, 10), 30, 40);
        QVERIFY(moved);
        QCOMPARE(moved->x, 30.0);
        QCOMPARE(moved->state, ItemState::Corrected);
        AnnotationItem locked = keypoint(10, 10);
        locked.locked = true;
        QVERIFY(!movedItem(locked, 30, 40));
        AnnotationItem unplaced = keypoint(0, 0);
        unplaced.placed = false;
        QVERIFY(!movedItem(unplaced, 30, 40));
        const auto clamped = movedItem(box(10, 10, 50, 50), 990, -20, {1000, 800});
        QVERIFY(clamped);
        QVERIFY(clamped->x + clamped->w <= 1000);
        QVERIFY(clamped->y >= 0);
        QCOMPARE(clamped->w, 50.0);
    }

    void resizeKeepsAMinimumBox()
    {
        const auto r = resizedItem(box(10, 10, 50, 50), 100, 100, -30, 1);   // dragged past the opposite corner
        QVERIFY(r);
        QVERIFY(r->w >= kMinRoiSize && r->h >= kMinRoiSize);
        QCOMPARE(r->state, ItemState::Corrected);
        QVERIFY(!resizedItem(keypoint(1, 1), 0, 0, 10, 10));   // a point has no size
    }

    void skipRestoreClearStageConfirm()
    {
        const auto skipped = skippedItem(box(10, 20, 30, 40));
        QVERIFY(skipped);
        QCOMPARE(skipped->state, ItemState::Skipped);
        QCOMPARE(skipped->x, 10.0);   // kept for a restore
        const auto restored = restoredItem(*skipped);
        QVERIFY(restored);
        QCOMPARE(restored->state, ItemState::Proposed);
        QCOMPARE(restored->w, 30.0);
        auto staged = stagedItem(box(1, 1, 9, 9), 'G');
        QVERIFY(staged);
        QCOMPARE(staged->stage, 'G');
        QVERIFY(!stagedItem(box(1, 1, 9, 9), 'Z'));
        QVERIFY(!stagedItem(keypoint(1, 1), 'C'));
        const auto cleared = clearedItem(*staged);
        QVERIFY(cleared);
        QVERIFY(!cleared->placed);
        QCOMPARE(cleared->stage, char(0));
        const auto confirmed = confirmedItem(box(1, 1, 9, 9));
        QVERIFY(confirmed);
        QCOMPARE(confirmed->state, ItemState::Confirmed);
        AnnotationItem locked = box(1, 1, 9, 9);
        locked.locked = true;
        QVERIFY(!skippedItem(locked));
        QVERIFY(!clearedItem(locked));
        QVERIFY(stagedItem(locked, 'B'));   // staging moves nothing
        QVERIFY(lockedItem(locked, false) && !lockedItem(locked, false)->locked);
        const auto placed = placedItem(*cleared, 5, 6, 20, 20);
        QVERIFY(placed && placed->placed);
        QCOMPARE(placed->state, ItemState::Corrected);
        QVERIFY(!placedItem(box(1, 1, 9, 9), 5, 6, 20, 20));   // already placed: move it instead
    }
};

QTEST_GUILESS_MAIN(TestAnnotationEdit)
#include "tst_annotation_edit.moc"
