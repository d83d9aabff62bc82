#pragma once
// The annotation's menu entries and their keys: annotate mode, the tools, item actions (confirm,
// skip / restore, lock, clear, TW3 stage) on the selected item, and the list of shortcuts. Single
// keys that the View menu does not use (it has F, 1, I, R, H, V, D and A): see shortcutRows().
#include <QList>
#include <QObject>
#include <QPair>

class QAction;
class QDialog;
class QMenu;
class QWidget;

namespace boneage::ui {

class AnnotationEditor;
class AnnotationTool;

class AnnotationActions : public QObject {
    Q_OBJECT
public:
    AnnotationActions(AnnotationEditor* editor, AnnotationTool* tool, QWidget* window);

    QAction* annotateAction() const { return annotate_; }   // checkable: annotate mode
    QAction* shortcutsAction() const { return shortcuts_; }
    // Tools, item actions and the stage submenu.
    void fillMenu(QMenu* menu) const;
    // Action text and key(s), one row per action or mouse gesture, translated, for the shortcut list.
    QList<QPair<QString, QString>> shortcutRows() const;
    // The list as a dialog (one per window, shown again when asked again).
    QDialog* showShortcuts();

signals:
    void message(const QString& text);

private:
    QAction* make(const QString& text, const QKeySequence& key, void (AnnotationActions::*slot)());
    void updateEnabled();
    void onItemAction(bool done);
    void confirmSelected();
    void confirmAll();
    void toggleSkipped();
    void toggleLocked();
    void clearSelected();
    void setStage(char stage);

    AnnotationEditor* editor_;
    AnnotationTool* tool_;
    QWidget* window_;
    QAction* annotate_;
    QAction *select_, *keypoints_, *boxes_;
    QAction *next_, *previous_;
    QAction *confirm_, *confirmAll_, *skip_, *lock_, *clear_;
    QList<QAction*> stages_;   // A..I, then "no stage"
    QAction* shortcuts_;
    QMenu* stageMenu_;
    QDialog* dialog_ = nullptr;
};

} // namespace boneage::ui
