#pragma once
// What a reader's edit does to one annotation item: the rules shared by every editor (the
// workstation's undo commands, a future command line or import). Each function returns the item as
// it is after the edit, or nothing when the edit is refused (a locked item is not moved, resized,
// skipped or cleared; an item without a position cannot be moved). Plain C++.
#include "CaseAnnotation.h"

#include <optional>

namespace boneage {

// Where edits may put an item: the film's extent. Empty (0 x 0) does not clamp.
struct FilmBounds {
    double width = 0, height = 0;
};

// The smallest ROI box a resize leaves, in film pixels.
constexpr double kMinRoiSize = 4;

// Keypoint: moves the point to (x, y). ROI: moves the box's top-left corner to (x, y), keeping its size.
// A proposed or confirmed item becomes corrected. Refused for locked, unplaced and skipped items.
std::optional<AnnotationItem> movedItem(const AnnotationItem& item, double x, double y, FilmBounds bounds = {});
// ROI only: the new box (normalised, at least kMinRoiSize a side); state as for a move.
std::optional<AnnotationItem> resizedItem(const AnnotationItem& item, double x, double y, double w, double h,
                                          FilmBounds bounds = {});
// Gives an unplaced item its first position (keypoint at (x, y); ROI with the box); state corrected,
// since the reader put it there. Refused for locked or already placed items.
std::optional<AnnotationItem> placedItem(const AnnotationItem& item, double x, double y, double w, double h,
                                         FilmBounds bounds = {});
// "Cannot be placed on this film": state skipped, the position kept for a later restore.
std::optional<AnnotationItem> skippedItem(const AnnotationItem& item);
// Back from skipped: to be reviewed again (proposed), at the kept position.
std::optional<AnnotationItem> restoredItem(const AnnotationItem& item);
// Removes the position (and an ROI's stage): the item is unplaced and proposed again.
std::optional<AnnotationItem> clearedItem(const AnnotationItem& item);
std::optional<AnnotationItem> lockedItem(const AnnotationItem& item, bool locked);
// ROI only; 0 clears the stage. Allowed on locked items: a stage does not move anything.
std::optional<AnnotationItem> stagedItem(const AnnotationItem& item, char stage);
// A placed, proposed item becomes confirmed (allowed on locked items too).
std::optional<AnnotationItem> confirmedItem(const AnnotationItem& item);

} // namespace boneage
