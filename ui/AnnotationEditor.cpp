#include "AnnotationEditor.h"

#include <QUndoCommand>
#include <QUndoStack>

#include <cmath>

namespace boneage::ui {

namespace {

// Before and after of the items one reader action changed. The edit is applied by redo(), which
// QUndoStack::push calls at once, so the command is the only way an edit reaches the annotation.
// No mergeWith: a drag is previewed by the view and pushed once, on release.
class ItemsCommand : public QUndoCommand {
public:
    ItemsCommand(AnnotationEditor* editor, std::vector<AnnotationEditor::Change> changes, const QString& text)
        : QUndoCommand(text), editor_(editor), changes_(std::move(changes))
    {
    }
    void redo() override { editor_->apply(changes_, true); }
    void undo() override { editor_->apply(changes_, false); }

private:
    AnnotationEditor* editor_;
    std::vector<AnnotationEditor::Change> changes_;
};

} // namespace

AnnotationEditor::AnnotationEditor(QObject* parent) : QObject(parent), stack_(new QUndoStack(this))
{
    qRegisterMetaType<boneage::AnnotationItem>();
}

AnnotationEditor::~AnnotationEditor()
{
    // The commands point back here: they go first.
    stack_->clear();
}

void AnnotationEditor::setAnnotation(const CaseAnnotation& annotation)
{
    stack_->clear();
    annotation_ = annotation;
    if (!reader_.isEmpty() && annotation_.reader.empty()) annotation_.reader = reader_.toStdString();
    emit annotationReplaced();
    emit annotationChanged();
}

void AnnotationEditor::setReader(const QString& reader)
{
    reader_ = reader;
    annotation_.reader = reader.toStdString();
}

const AnnotationItem* AnnotationEditor::item(int index) const
{
    return index >= 0 && index < itemCount() ? &annotation_.items[static_cast<size_t>(index)] : nullptr;
}

int AnnotationEditor::indexOf(ItemKind kind, const std::string& name) const
{
    for (int i = 0; i < itemCount(); ++i)
        if (annotation_.items[static_cast<size_t>(i)].kind == kind && annotation_.items[static_cast<size_t>(i)].name == name)
            return i;
    return -1;
}

QString AnnotationEditor::displayName(const AnnotationItem& item) { return QString::fromStdString(item.name); }

QString AnnotationEditor::stateText(const AnnotationItem& item)
{
    QStringList parts;
    if (!item.placed) parts << tr("not placed");
    switch (item.state) {
    case ItemState::Proposed: if (item.placed) parts << tr("proposed by the model"); break;
    case ItemState::Confirmed: parts << tr("confirmed"); break;
    case ItemState::Corrected: parts << tr("corrected"); break;
    case ItemState::Skipped: parts << tr("skipped"); break;
    }
    if (item.stage) parts << tr("stage %1").arg(QChar::fromLatin1(item.stage));
    if (item.locked) parts << tr("locked");
    return parts.join(QStringLiteral(", "));
}

void AnnotationEditor::apply(const std::vector<Change>& changes, bool forward)
{
    for (const Change& c : changes) {
        if (c.index < 0 || c.index >= itemCount()) continue;
        AnnotationItem& target = annotation_.items[static_cast<size_t>(c.index)];
        target = forward ? c.after : c.before;
        emit itemChanged(target);
    }
    emit annotationChanged();
}

bool AnnotationEditor::push(int index, const std::optional<AnnotationItem>& after, const QString& text)
{
    const AnnotationItem* before = item(index);
    if (!before || !after || *after == *before) return false;
    stack_->push(new ItemsCommand(this, {{index, *before, *after}}, text.arg(displayName(*before))));
    return true;
}

bool AnnotationEditor::moveItem(int index, double x, double y)
{
    const AnnotationItem* i = item(index);
    return i && push(index, movedItem(*i, x, y, bounds_), tr("Move %1"));
}

bool AnnotationEditor::setRoiBox(int index, double x, double y, double w, double h)
{
    const AnnotationItem* i = item(index);
    if (!i) return false;
    // A box of the same size somewhere else is a move, for the history's wording.
    const bool sameSize = i->w == std::abs(w) && i->h == std::abs(h);
    return push(index, resizedItem(*i, x, y, w, h, bounds_), sameSize ? tr("Move %1") : tr("Resize %1"));
}

bool AnnotationEditor::placeItem(int index, double x, double y, double w, double h)
{
    const AnnotationItem* i = item(index);
    return i && push(index, placedItem(*i, x, y, w, h, bounds_), tr("Place %1"));
}

bool AnnotationEditor::skipItem(int index)
{
    const AnnotationItem* i = item(index);
    return i && push(index, skippedItem(*i), tr("Skip %1"));
}

bool AnnotationEditor::restoreItem(int index)
{
    const AnnotationItem* i = item(index);
    return i && push(index, restoredItem(*i), tr("Restore %1"));
}

bool AnnotationEditor::toggleSkipped(int index)
{
    const AnnotationItem* i = item(index);
    return i && (i->state == ItemState::Skipped ? restoreItem(index) : skipItem(index));
}

bool AnnotationEditor::clearItem(int index)
{
    const AnnotationItem* i = item(index);
    return i && push(index, clearedItem(*i), tr("Clear %1"));
}

bool AnnotationEditor::setLocked(int index, bool locked)
{
    const AnnotationItem* i = item(index);
    return i && push(index, lockedItem(*i, locked), locked ? tr("Lock %1") : tr("Unlock %1"));
}

bool AnnotationEditor::toggleLocked(int index)
{
    const AnnotationItem* i = item(index);
    return i && setLocked(index, !i->locked);
}

bool AnnotationEditor::setStage(int index, char stage)
{
    const AnnotationItem* i = item(index);
    if (!i) return false;
    const QString text = stage ? tr("Stage %2 for %1").arg(QStringLiteral("%1"), QString(QChar::fromLatin1(stage)))
                               : tr("Clear the stage of %1");
    return push(index, stagedItem(*i, stage), text);
}

bool AnnotationEditor::confirmItem(int index)
{
    const AnnotationItem* i = item(index);
    return i && push(index, confirmedItem(*i), tr("Confirm %1"));
}

bool AnnotationEditor::confirmAllProposed()
{
    std::vector<Change> changes;
    for (int i = 0; i < itemCount(); ++i)
        if (auto after = confirmedItem(annotation_.items[static_cast<size_t>(i)]))
            changes.push_back({i, annotation_.items[static_cast<size_t>(i)], *after});
    if (changes.empty()) return false;
    const int count = static_cast<int>(changes.size());
    stack_->push(new ItemsCommand(this, std::move(changes), tr("Confirm %n proposed item(s)", nullptr, count)));
    return true;
}

} // namespace boneage::ui
