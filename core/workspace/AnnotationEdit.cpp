#include "AnnotationEdit.h"

#include <algorithm>

namespace boneage {

namespace {

bool movable(const AnnotationItem& item) { return !item.locked && item.placed && item.state != ItemState::Skipped; }

double clampTo(double v, double lo, double hi) { return hi > lo ? std::clamp(v, lo, hi) : lo; }

// Keeps a keypoint on the film and a box inside it (as far as its size allows).
void keepOnFilm(AnnotationItem& item, FilmBounds bounds)
{
    if (bounds.width <= 0 || bounds.height <= 0) return;
    if (item.kind == ItemKind::Keypoint) {
        item.x = std::clamp(item.x, 0.0, bounds.width);
        item.y = std::clamp(item.y, 0.0, bounds.height);
        return;
    }
    item.w = std::min(item.w, bounds.width);
    item.h = std::min(item.h, bounds.height);
    item.x = clampTo(item.x, 0.0, bounds.width - item.w);
    item.y = clampTo(item.y, 0.0, bounds.height - item.h);
}

} // namespace

std::optional<AnnotationItem> movedItem(const AnnotationItem& item, double x, double y, FilmBounds bounds)
{
    if (!movable(item)) return std::nullopt;
    AnnotationItem out = item;
    out.x = x;
    out.y = y;
    keepOnFilm(out, bounds);
    out.state = ItemState::Corrected;
    return out;
}

std::optional<AnnotationItem> resizedItem(const AnnotationItem& item, double x, double y, double w, double h,
                                          FilmBounds bounds)
{
    if (item.kind != ItemKind::Roi || !movable(item)) return std::nullopt;
    if (w < 0) x += w, w = -w;
    if (h < 0) y += h, h = -h;
    AnnotationItem out = item;
    out.x = x;
    out.y = y;
    out.w = std::max(w, kMinRoiSize);
    out.h = std::max(h, kMinRoiSize);
    keepOnFilm(out, bounds);
    out.state = ItemState::Corrected;
    return out;
}

std::optional<AnnotationItem> placedItem(const AnnotationItem& item, double x, double y, double w, double h,
                                         FilmBounds bounds)
{
    if (item.locked || item.placed) return std::nullopt;
    AnnotationItem out = item;
    out.placed = true;
    out.x = x;
    out.y = y;
    if (item.kind == ItemKind::Roi) {
        if (w < 0) out.x += w, w = -w;
        if (h < 0) out.y += h, h = -h;
        out.w = std::max(w, kMinRoiSize);
        out.h = std::max(h, kMinRoiSize);
    }
    keepOnFilm(out, bounds);
    out.state = ItemState::Corrected;
    return out;
}

std::optional<AnnotationItem> skippedItem(const AnnotationItem& item)
{
    if (item.locked || item.state == ItemState::Skipped) return std::nullopt;
    AnnotationItem out = item;
    out.state = ItemState::Skipped;
    return out;
}

std::optional<AnnotationItem> restoredItem(const AnnotationItem& item)
{
    if (item.locked || item.state != ItemState::Skipped) return std::nullopt;
    AnnotationItem out = item;
    out.state = ItemState::Proposed;
    return out;
}

std::optional<AnnotationItem> clearedItem(const AnnotationItem& item)
{
    if (item.locked || (!item.placed && item.state == ItemState::Proposed && item.stage == 0)) return std::nullopt;
    AnnotationItem out = item;
    out.placed = false;
    out.x = out.y = out.w = out.h = 0;
    out.state = ItemState::Proposed;
    out.stage = 0;
    return out;
}

std::optional<AnnotationItem> lockedItem(const AnnotationItem& item, bool locked)
{
    if (item.locked == locked) return std::nullopt;
    AnnotationItem out = item;
    out.locked = locked;
    return out;
}

std::optional<AnnotationItem> stagedItem(const AnnotationItem& item, char stage)
{
    if (item.kind != ItemKind::Roi || (stage != 0 && !isTw3Stage(stage)) || item.stage == stage) return std::nullopt;
    AnnotationItem out = item;
    out.stage = stage;
    return out;
}

std::optional<AnnotationItem> confirmedItem(const AnnotationItem& item)
{
    if (!item.placed || item.state != ItemState::Proposed) return std::nullopt;
    AnnotationItem out = item;
    out.state = ItemState::Confirmed;
    return out;
}

} // namespace boneage
