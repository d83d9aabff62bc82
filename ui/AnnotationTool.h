#pragma once
// The mouse on the radiograph while annotating: a press near a keypoint or on a TW3 box picks it
// (a corner or, on the selected box, an edge resizes it; the body moves it), the drag is previewed
// in the annotation layer and becomes one undoable edit on release; a click selects. A press on
// empty film places the selected item when it has no position yet, and otherwise pans as usual.
// Works on the view's events (an event filter), in widget coordinates mapped through the view,
// so picking follows zoom, pan, rotation and flips.
#include "workspace/CaseAnnotation.h"

#include <QObject>
#include <QPointF>

#include <optional>

class QMouseEvent;

namespace boneage::ui {

class AnnotationEditor;
class AnnotationLayer;
class RadiographView;

class AnnotationTool : public QObject {
    Q_OBJECT
public:
    // Select picks keypoints and boxes; Keypoints and Boxes only their kind (where they overlap).
    enum class Tool { Select, Keypoints, Boxes };
    // The sides of a box a drag moves (film coordinates): all four move the whole box.
    enum Side { NoSide = 0, Left = 1, Right = 2, Top = 4, Bottom = 8, Body = Left | Right | Top | Bottom };
    struct Hit {
        int index = -1;
        int sides = NoSide;       // keypoints: Body
        double distance = 1e30;   // widget pixels to the point or handle; 0 inside a box's body
    };

    AnnotationTool(RadiographView* view, AnnotationEditor* editor, AnnotationLayer* layer, QObject* parent = nullptr);

    // Off: the view's own mouse handling only, and the annotation layer hidden.
    void setActive(bool active);
    bool isActive() const { return active_; }
    void setTool(Tool tool);
    Tool tool() const { return tool_; }

    int selectedIndex() const { return selected_; }
    void select(int index);             // -1: none
    void selectNext(int step);          // through the items the tool picks, wrapping around
    Hit hitAt(QPointF widgetPos) const; // what a press there would take
    bool isDragging() const { return dragIndex_ >= 0 && moved_; }

    // Picking distances, widget pixels.
    static constexpr double kPickRadius = 9, kEdgeReach = 6, kDragThreshold = 3;

signals:
    void selectionChanged(int index);
    void toolChanged(boneage::ui::AnnotationTool::Tool tool);
    void message(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool picks(const AnnotationItem& item) const;
    bool press(QMouseEvent* event);
    void drag(QPointF widgetPos);
    void release();
    void hover(QPointF widgetPos);
    void redraw();
    void cancelDrag();

    RadiographView* view_;
    AnnotationEditor* editor_;
    AnnotationLayer* layer_;
    bool active_ = false;
    Tool tool_ = Tool::Select;
    int selected_ = -1;

    // The gesture in progress (from a left press on an item, or placing the selected item).
    int dragIndex_ = -1;
    int dragSides_ = NoSide;
    bool placing_ = false, moved_ = false;
    QPointF pressWidget_, pressFilm_;
    AnnotationItem original_;
    std::optional<AnnotationItem> preview_;
};

} // namespace boneage::ui
