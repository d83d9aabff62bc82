#include "AnnotationActions.h"

#include "AnnotationEditor.h"
#include "AnnotationTool.h"

#include <QAction>
#include <QActionGroup>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QMenu>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace boneage::ui {

AnnotationActions::AnnotationActions(AnnotationEditor* editor, AnnotationTool* tool, QWidget* window)
    : QObject(window), editor_(editor), tool_(tool), window_(window), stageMenu_(new QMenu(tr("TW3 S&tage"), window))
{
    annotate_ = new QAction(tr("&Annotate"), this);
    annotate_->setShortcut(QKeySequence(Qt::Key_E));
    annotate_->setCheckable(true);
    annotate_->setStatusTip(tr("Edit the hand keypoints and TW3 boxes on the film"));
    connect(annotate_, &QAction::toggled, tool_, &AnnotationTool::setActive);

    auto* tools = new QActionGroup(this);
    const auto makeTool = [&](const QString& text, Qt::Key key, AnnotationTool::Tool t) {
        QAction* a = new QAction(text, tools);
        a->setShortcut(QKeySequence(key));
        a->setCheckable(true);
        a->setChecked(tool_->tool() == t);
        connect(a, &QAction::triggered, tool_, [this, t] { tool_->setTool(t); });
        return a;
    };
    select_ = makeTool(tr("&Select and Move"), Qt::Key_M, AnnotationTool::Tool::Select);
    keypoints_ = makeTool(tr("&Keypoints Only"), Qt::Key_K, AnnotationTool::Tool::Keypoints);
    boxes_ = makeTool(tr("TW3 &Boxes Only"), Qt::Key_B, AnnotationTool::Tool::Boxes);
    connect(tool_, &AnnotationTool::toolChanged, this, [this](AnnotationTool::Tool t) {
        (t == AnnotationTool::Tool::Select ? select_ : t == AnnotationTool::Tool::Keypoints ? keypoints_ : boxes_)->setChecked(true);
    });

    next_ = new QAction(tr("&Next Item"), this);
    next_->setShortcut(QKeySequence(Qt::Key_N));
    connect(next_, &QAction::triggered, tool_, [this] { tool_->selectNext(1); });
    previous_ = new QAction(tr("&Previous Item"), this);
    previous_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_N));
    connect(previous_, &QAction::triggered, tool_, [this] { tool_->selectNext(-1); });

    confirm_ = make(tr("&Confirm Item"), QKeySequence(Qt::Key_C), &AnnotationActions::confirmSelected);
    confirmAll_ = make(tr("Confirm All Proposed &Items"), QKeySequence(Qt::SHIFT | Qt::Key_C), &AnnotationActions::confirmAll);
    skip_ = make(tr("Skip or &Restore Item"), QKeySequence(Qt::Key_S), &AnnotationActions::toggleSkipped);
    lock_ = make(tr("&Lock or Unlock Item"), QKeySequence(Qt::Key_L), &AnnotationActions::toggleLocked);
    clear_ = make(tr("Cl&ear Item"), QKeySequence(Qt::Key_Delete), &AnnotationActions::clearSelected);

    for (char s = 'A'; s <= 'I'; ++s) {
        QAction* a = stageMenu_->addAction(tr("Stage %1").arg(QChar::fromLatin1(s)));
        a->setShortcut(QKeySequence(Qt::SHIFT | (Qt::Key_A + (s - 'A'))));
        connect(a, &QAction::triggered, this, [this, s] { setStage(s); });
        stages_ << a;
    }
    stageMenu_->addSeparator();
    QAction* none = stageMenu_->addAction(tr("&No Stage"));
    none->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Delete));
    connect(none, &QAction::triggered, this, [this] { setStage(0); });
    stages_ << none;

    shortcuts_ = new QAction(tr("Annotation S&hortcuts…"), this);
    shortcuts_->setShortcut(QKeySequence(Qt::Key_F1));
    connect(shortcuts_, &QAction::triggered, this, &AnnotationActions::showShortcuts);

    // Shortcuts work without the menu being open: the actions belong to the window.
    window_->addActions(tools->actions());
    window_->addActions({annotate_, next_, previous_, confirm_, confirmAll_, skip_, lock_, clear_, shortcuts_});
    window_->addActions(stages_);

    connect(editor_, &AnnotationEditor::annotationChanged, this, &AnnotationActions::updateEnabled);
    connect(tool_, &AnnotationTool::selectionChanged, this, &AnnotationActions::updateEnabled);
    connect(annotate_, &QAction::toggled, this, &AnnotationActions::updateEnabled);
    updateEnabled();
}

QAction* AnnotationActions::make(const QString& text, const QKeySequence& key, void (AnnotationActions::*slot)())
{
    auto* a = new QAction(text, this);
    a->setShortcut(key);
    connect(a, &QAction::triggered, this, slot);
    return a;
}

void AnnotationActions::fillMenu(QMenu* menu) const
{
    menu->addAction(annotate_);
    menu->addSeparator();
    menu->addActions({select_, keypoints_, boxes_});
    menu->addSeparator();
    menu->addActions({next_, previous_});
    menu->addSeparator();
    menu->addActions({confirm_, confirmAll_, skip_, lock_, clear_});
    menu->addMenu(stageMenu_);
    menu->addSeparator();
    menu->addAction(shortcuts_);
}

void AnnotationActions::updateEnabled()
{
    const bool on = annotate_->isChecked() && editor_->hasAnnotation();
    const AnnotationItem* item = on ? editor_->item(tool_->selectedIndex()) : nullptr;
    for (QAction* a : {select_, keypoints_, boxes_, next_, previous_, confirmAll_}) a->setEnabled(on);
    for (QAction* a : {confirm_, skip_, lock_, clear_}) a->setEnabled(item != nullptr);
    const bool roi = item && item->kind == ItemKind::Roi;
    stageMenu_->setEnabled(roi);
    for (QAction* a : stages_) a->setEnabled(roi);
}

void AnnotationActions::onItemAction(bool done)
{
    if (done) return;
    const AnnotationItem* item = editor_->item(tool_->selectedIndex());
    if (!item) return;
    const QString name = AnnotationEditor::displayName(*item);
    emit message(item->locked ? tr("%1 is locked: unlock it (L) first.").arg(name) : tr("%1: nothing to change.").arg(name));
}

void AnnotationActions::confirmSelected() { onItemAction(editor_->confirmItem(tool_->selectedIndex())); }
void AnnotationActions::toggleSkipped() { onItemAction(editor_->toggleSkipped(tool_->selectedIndex())); }
void AnnotationActions::toggleLocked() { onItemAction(editor_->toggleLocked(tool_->selectedIndex())); }
void AnnotationActions::clearSelected() { onItemAction(editor_->clearItem(tool_->selectedIndex())); }
void AnnotationActions::setStage(char stage) { onItemAction(editor_->setStage(tool_->selectedIndex(), stage)); }

void AnnotationActions::confirmAll()
{
    if (!editor_->confirmAllProposed()) emit message(tr("No proposed items left to confirm."));
}

QList<QPair<QString, QString>> AnnotationActions::shortcutRows() const
{
    const auto row = [](const QAction* a) {
        QStringList keys;
        for (const QKeySequence& k : a->shortcuts()) keys << k.toString(QKeySequence::NativeText);
        // "&Annotate" and "标注(&A)" both read without their accelerator.
        QString text = a->text();
        text.remove(QRegularExpression(QStringLiteral("\\(&[^)]\\)"))).remove(QLatin1Char('&'));
        return qMakePair(text, keys.join(tr(" or ")));
    };
    QList<QPair<QString, QString>> rows;
    for (const QAction* a : {annotate_, select_, keypoints_, boxes_, next_, previous_, confirm_, confirmAll_, skip_, lock_, clear_})
        rows << row(a);
    rows << qMakePair(tr("TW3 stage A … I of the selected box"), tr("Shift+A … Shift+I"));
    rows << row(stages_.last());
    rows << qMakePair(tr("Undo"), QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText));
    rows << qMakePair(tr("Redo"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z).toString(QKeySequence::NativeText) + tr(" or ") +
                                      QKeySequence(Qt::CTRL | Qt::Key_Y).toString(QKeySequence::NativeText));
    rows << qMakePair(tr("Select an item"), tr("Click it"));
    rows << qMakePair(tr("Move a keypoint or a box"), tr("Drag it"));
    rows << qMakePair(tr("Resize a box"), tr("Drag a corner, or an edge of the selected box"));
    rows << qMakePair(tr("Place a cleared item"), tr("Select it (N), then click or drag on the film"));
    rows << qMakePair(tr("Pan / window and level"), tr("Drag empty film / right-drag"));
    rows << row(shortcuts_);
    return rows;
}

QDialog* AnnotationActions::showShortcuts()
{
    if (!dialog_) {
        dialog_ = new QDialog(window_);
        dialog_->setObjectName(QStringLiteral("annotationShortcuts"));
        dialog_->setWindowTitle(tr("Annotation Shortcuts"));
        auto* layout = new QVBoxLayout(dialog_);
        auto* table = new QTableWidget(0, 2);
        table->setHorizontalHeaderLabels({tr("Action"), tr("Key or mouse")});
        table->verticalHeader()->hide();
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSelectionMode(QAbstractItemView::NoSelection);
        const auto rows = shortcutRows();
        table->setRowCount(static_cast<int>(rows.size()));
        for (int r = 0; r < rows.size(); ++r) {
            table->setItem(r, 0, new QTableWidgetItem(rows[r].first));
            table->setItem(r, 1, new QTableWidgetItem(rows[r].second));
        }
        table->resizeColumnsToContents();
        table->horizontalHeader()->setStretchLastSection(true);
        layout->addWidget(table);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
        connect(buttons, &QDialogButtonBox::rejected, dialog_, &QDialog::close);
        layout->addWidget(buttons);
        dialog_->resize(620, 560);
    }
    dialog_->show();
    dialog_->raise();
    return dialog_;
}

} // namespace boneage::ui
