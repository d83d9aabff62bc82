#pragma once
// One reader's annotation of the shown case, edited through a QUndoStack: every change the reader
// makes (move, resize, place, skip, restore, clear, lock, stage, confirm) is one QUndoCommand holding
// the items before and after, so undo and redo restore state and provenance exactly. Loading an
// annotation is the baseline, not an edit: it empties the history.
//
// Storage stays outside: each applied change (edit, undo or redo) is announced by itemChanged, one
// signal per item, then annotationChanged once; whoever stores the annotation writes those items.
#include "workspace/AnnotationEdit.h"
#include "workspace/CaseAnnotation.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <vector>

class QUndoStack;

namespace boneage::ui {

class AnnotationEditor : public QObject {
    Q_OBJECT
public:
    explicit AnnotationEditor(QObject* parent = nullptr);
    ~AnnotationEditor() override;

    // Replaces the annotation (from the model's proposal or from storage) and clears the undo history.
    void setAnnotation(const CaseAnnotation& annotation);
    const CaseAnnotation& annotation() const { return annotation_; }
    bool hasAnnotation() const { return !annotation_.items.empty(); }
    // The reader the annotation belongs to; also written into the current annotation (not an edit).
    void setReader(const QString& reader);
    QString reader() const { return reader_; }
    // The film's size: moves and resizes keep items on it.
    void setFilmBounds(FilmBounds bounds) { bounds_ = bounds; }
    FilmBounds filmBounds() const { return bounds_; }

    QUndoStack* undoStack() const { return stack_; }

    int itemCount() const { return static_cast<int>(annotation_.items.size()); }
    const AnnotationItem* item(int index) const;
    int indexOf(ItemKind kind, const std::string& name) const;   // -1 when absent
    // The name shown for an item: the template's name (DP3, Scaphoid, middle_finger1, ...).
    static QString displayName(const AnnotationItem& item);
    // "proposed", "corrected, stage E, locked", ... translated, for the status bar.
    static QString stateText(const AnnotationItem& item);

    // The edits: each pushes one undo command and returns true, or returns false and changes nothing
    // when the rules of workspace/AnnotationEdit.h refuse it (locked, unplaced, nothing to change).
    bool moveItem(int index, double x, double y);
    bool setRoiBox(int index, double x, double y, double w, double h);
    bool placeItem(int index, double x, double y, double w = 0, double h = 0);
    bool skipItem(int index);
    bool restoreItem(int index);
    bool toggleSkipped(int index);
    bool clearItem(int index);
    bool setLocked(int index, bool locked);
    bool toggleLocked(int index);
    bool setStage(int index, char stage);   // 'A'..'I', 0 clears
    bool confirmItem(int index);
    bool confirmAllProposed();               // one command for all of them

    // Used by the undo commands: sets the items and announces them.
    struct Change {
        int index;
        AnnotationItem before, after;
    };
    void apply(const std::vector<Change>& changes, bool forward);

signals:
    void itemChanged(const boneage::AnnotationItem& item);
    void annotationChanged();    // after every edit, undo and redo, once per step
    void annotationReplaced();   // setAnnotation: a new baseline

private:
    bool push(int index, const std::optional<AnnotationItem>& after, const QString& text);

    CaseAnnotation annotation_;
    QString reader_;
    FilmBounds bounds_;
    QUndoStack* stack_;
};

} // namespace boneage::ui

Q_DECLARE_METATYPE(boneage::AnnotationItem)
