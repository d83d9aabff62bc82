#include "AnnotationTool.h"

#include "AnnotationEditor.h"
#include "AnnotationLayer.h"
#include "RadiographView.h"

#include "workspace/AnnotationEdit.h"

#include <QLineF>
#include <QMouseEvent>

#include <algorithm>
#include <cmath>

namespace boneage::ui {

namespace {

double distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF d = b - a;
    const double length2 = d.x() * d.x() + d.y() * d.y();
    const double t = length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, d) / length2, 0.0, 1.0) : 0.0;
    return QLineF(p, a + d * t).length();
}

} // namespace

AnnotationTool::AnnotationTool(RadiographView* view, AnnotationEditor* editor, AnnotationLayer* layer, QObject* parent)
    : QObject(parent), view_(view), editor_(editor), layer_(layer)
{
    view_->installEventFilter(this);
    layer_->setVisible(false);
    connect(editor_, &AnnotationEditor::annotationChanged, this, [this] {
        cancelDrag();
        redraw();
    });
    connect(editor_, &AnnotationEditor::annotationReplaced, this, [this] { select(-1); });
}

void AnnotationTool::setActive(bool active)
{
    if (active == active_) return;
    active_ = active;
    cancelDrag();
    layer_->setVisible(active_);
    if (!active_) view_->unsetCursor();
    redraw();
}

void AnnotationTool::setTool(Tool tool)
{
    if (tool == tool_) return;
    tool_ = tool;
    if (const AnnotationItem* i = editor_->item(selected_); i && !picks(*i)) select(-1);
    emit toolChanged(tool_);
}

bool AnnotationTool::picks(const AnnotationItem& item) const
{
    return tool_ == Tool::Select || (tool_ == Tool::Keypoints) == (item.kind == ItemKind::Keypoint);
}

void AnnotationTool::select(int index)
{
    if (!editor_->item(index)) index = -1;
    if (index == selected_) return;
    selected_ = index;
    redraw();
    emit selectionChanged(selected_);
}

void AnnotationTool::selectNext(int step)
{
    const int n = editor_->itemCount();
    if (n == 0) return;
    int i = selected_ < 0 ? (step > 0 ? -1 : n) : selected_;
    for (int k = 0; k < n; ++k) {
        i = ((i + step) % n + n) % n;
        if (picks(*editor_->item(i))) {
            select(i);
            return;
        }
    }
}

AnnotationTool::Hit AnnotationTool::hitAt(QPointF pos) const
{
    Hit best;
    Hit body;
    double bodyArea = 1e300;
    const QPointF film = view_->imagePointAt(pos);
    for (int index = 0; index < editor_->itemCount(); ++index) {
        const AnnotationItem& i = *editor_->item(index);
        if (!i.placed || !picks(i)) continue;
        // Slightly nearer for the selected item, so that its handles win over a neighbour's.
        const double bias = index == selected_ ? 1.0 : 0.0;
        const auto consider = [&](double distance, int sides, double reach) {
            if (distance <= reach && distance - bias < best.distance) best = {index, sides, distance - bias};
        };
        if (i.kind == ItemKind::Keypoint) {
            consider(QLineF(view_->widgetPointFor(QPointF(i.x, i.y)), pos).length(), Body, kPickRadius);
            continue;
        }
        const double x0 = i.x, y0 = i.y, x1 = i.x + i.w, y1 = i.y + i.h;
        const QPointF c00 = view_->widgetPointFor({x0, y0}), c10 = view_->widgetPointFor({x1, y0}),
                      c11 = view_->widgetPointFor({x1, y1}), c01 = view_->widgetPointFor({x0, y1});
        consider(QLineF(c00, pos).length(), Left | Top, kPickRadius);
        consider(QLineF(c10, pos).length(), Right | Top, kPickRadius);
        consider(QLineF(c11, pos).length(), Right | Bottom, kPickRadius);
        consider(QLineF(c01, pos).length(), Left | Bottom, kPickRadius);
        if (index == selected_) {   // edges only on the selected box: neighbouring boxes share theirs
            consider(distanceToSegment(pos, c00, c10) + 0.5, Top, kEdgeReach);
            consider(distanceToSegment(pos, c10, c11) + 0.5, Right, kEdgeReach);
            consider(distanceToSegment(pos, c01, c11) + 0.5, Bottom, kEdgeReach);
            consider(distanceToSegment(pos, c00, c01) + 0.5, Left, kEdgeReach);
        }
        if (film.x() >= x0 && film.x() <= x1 && film.y() >= y0 && film.y() <= y1) {
            // The selected box first, else the smallest: a carpal box inside a larger one stays reachable.
            const double area = index == selected_ ? -1 : i.w * i.h;
            if (area < bodyArea) {
                bodyArea = area;
                body = {index, Body, 0};
            }
        }
    }
    return best.index >= 0 ? best : body;
}

bool AnnotationTool::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != view_ || !active_ || !editor_->hasAnnotation()) return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        return e->button() == Qt::LeftButton && press(e);
    }
    case QEvent::MouseMove: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (dragIndex_ >= 0 && (e->buttons() & Qt::LeftButton)) {
            drag(e->position());
            return false;   // the view still updates the pixel readout; it pans only on its own presses
        }
        if (e->buttons() == Qt::NoButton) hover(e->position());
        return false;
    }
    case QEvent::MouseButtonRelease: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() != Qt::LeftButton || dragIndex_ < 0) return false;
        release();
        return true;
    }
    case QEvent::MouseButtonDblClick: {
        // A double click on an item is two clicks on it, not "fit to window".
        auto* e = static_cast<QMouseEvent*>(event);
        return e->button() == Qt::LeftButton && hitAt(e->position()).index >= 0;
    }
    default: return false;
    }
}

bool AnnotationTool::press(QMouseEvent* event)
{
    const QPointF pos = event->position();
    const Hit hit = hitAt(pos);
    const AnnotationItem* chosen = editor_->item(selected_);
    if (hit.index < 0 && !(chosen && !chosen->placed && picks(*chosen))) {
        select(-1);
        return false;   // empty film: the view pans
    }
    placing_ = hit.index < 0;
    dragIndex_ = placing_ ? selected_ : hit.index;
    dragSides_ = placing_ ? NoSide : hit.sides;
    moved_ = false;
    preview_.reset();
    pressWidget_ = pos;
    pressFilm_ = view_->imagePointAt(pos);
    original_ = *editor_->item(dragIndex_);
    select(dragIndex_);
    const QString name = AnnotationEditor::displayName(original_);
    if (original_.locked) emit message(tr("%1 is locked: unlock it (L) to change it.").arg(name));
    else if (original_.state == ItemState::Skipped) emit message(tr("%1 is skipped: restore it (S) to move it.").arg(name));
    else if (placing_ && original_.kind == ItemKind::Keypoint) drag(pos);   // a click places a point
    return true;
}

void AnnotationTool::drag(QPointF pos)
{
    if (!moved_ && QLineF(pos, pressWidget_).length() < kDragThreshold && !placing_) return;
    moved_ = true;
    const QPointF film = view_->imagePointAt(pos);
    const QPointF d = film - pressFilm_;
    const FilmBounds bounds = editor_->filmBounds();
    const AnnotationItem& o = original_;
    if (placing_) {
        preview_ = o.kind == ItemKind::Keypoint ? placedItem(o, film.x(), film.y(), 0, 0, bounds)
                                                : placedItem(o, pressFilm_.x(), pressFilm_.y(), d.x(), d.y(), bounds);
    } else if (o.kind == ItemKind::Keypoint || dragSides_ == Body) {
        preview_ = movedItem(o, o.x + d.x(), o.y + d.y(), bounds);
    } else {
        double x0 = o.x, y0 = o.y, x1 = o.x + o.w, y1 = o.y + o.h;
        if (dragSides_ & Left) x0 += d.x();
        if (dragSides_ & Right) x1 += d.x();
        if (dragSides_ & Top) y0 += d.y();
        if (dragSides_ & Bottom) y1 += d.y();
        preview_ = resizedItem(o, x0, y0, x1 - x0, y1 - y0, bounds);
    }
    redraw();
}

void AnnotationTool::release()
{
    const int index = dragIndex_;
    const std::optional<AnnotationItem> result = moved_ ? preview_ : std::nullopt;
    const bool placing = placing_, resize = dragSides_ != Body;
    dragIndex_ = -1;
    preview_.reset();
    if (!result || *result == original_) {
        if (placing && original_.kind == ItemKind::Roi && !original_.locked)
            emit message(tr("Drag on the film to draw the box of %1.").arg(AnnotationEditor::displayName(original_)));
        redraw();
        return;
    }
    // The editor applies the same rules to the item as it is now: the result is what was previewed.
    if (placing) editor_->placeItem(index, result->x, result->y, result->w, result->h);
    else if (result->kind == ItemKind::Roi && resize) editor_->setRoiBox(index, result->x, result->y, result->w, result->h);
    else editor_->moveItem(index, result->x, result->y);
    redraw();
}

void AnnotationTool::cancelDrag()
{
    dragIndex_ = -1;
    moved_ = false;
    preview_.reset();
}

void AnnotationTool::hover(QPointF pos)
{
    const Hit hit = hitAt(pos);
    const AnnotationItem* i = editor_->item(hit.index);
    if (!i) {
        view_->unsetCursor();
        return;
    }
    if (i->locked || i->state == ItemState::Skipped) {
        view_->setCursor(Qt::ForbiddenCursor);
        return;
    }
    if (i->kind == ItemKind::Keypoint || hit.sides == Body) {
        view_->setCursor(Qt::SizeAllCursor);
        return;
    }
    // The handle's direction on screen (rotation and flips included).
    const QPointF centre = view_->widgetPointFor(QPointF(i->x + i->w / 2, i->y + i->h / 2));
    const QPointF handle = view_->widgetPointFor(QPointF(hit.sides & Left ? i->x : hit.sides & Right ? i->x + i->w : i->x + i->w / 2,
                                                        hit.sides & Top ? i->y : hit.sides & Bottom ? i->y + i->h : i->y + i->h / 2));
    const QPointF d = handle - centre;
    const bool corner = (hit.sides & (Left | Right)) && (hit.sides & (Top | Bottom));
    if (corner) view_->setCursor(d.x() * d.y() > 0 ? Qt::SizeFDiagCursor : Qt::SizeBDiagCursor);
    else view_->setCursor(std::abs(d.x()) > std::abs(d.y()) ? Qt::SizeHorCursor : Qt::SizeVerCursor);
}

void AnnotationTool::redraw()
{
    if (!active_) return;
    if (!preview_ || dragIndex_ < 0) {
        layer_->setAnnotation(editor_->annotation(), selected_);
        return;
    }
    CaseAnnotation shown = editor_->annotation();
    shown.items[static_cast<size_t>(dragIndex_)] = *preview_;
    layer_->setAnnotation(shown, selected_);
}

} // namespace boneage::ui
