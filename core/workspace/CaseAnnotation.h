#pragma once
// One reader's annotation of one case: the fixed template of the 21 hand keypoints and the 18 TW3
// ROI boxes (core/anatomy), each item with where it is, how it got there and what the reader said
// about it. Plain data: the workspace stores it item by item, the workstation edits it through
// QUndoCommands, the exports write it as COCO / Pascal VOC.
#include "anatomy/HandKeypoints.h"
#include "anatomy/Tw3Roi.h"

#include <optional>
#include <string>
#include <vector>

namespace boneage {

// proposed: placed by a model, not yet looked at; confirmed: the reader agrees with the proposal;
// corrected: the reader moved or resized it; skipped: the reader says the item cannot be placed
// on this film (missing finger, cut off, not visible). An item without a position has never been
// placed (no model ran, or the reader cleared it).
enum class ItemState { Proposed, Confirmed, Corrected, Skipped };
const char* toString(ItemState state);                        // "proposed", ...
std::optional<ItemState> parseItemState(const std::string& text);

enum class ItemKind { Keypoint, Roi };
const char* toString(ItemKind kind);                          // "keypoint", "roi"

struct AnnotationItem {
    ItemKind kind = ItemKind::Keypoint;
    std::string name;          // "wrist", "thumb1", ... / "DP1", ..., "Scaphoid"
    bool placed = false;       // false: no position (never placed, or cleared)
    double x = 0, y = 0;       // keypoint: the point; ROI: top-left corner (film pixels)
    double w = 0, h = 0;       // ROI only: width and height (film pixels)
    ItemState state = ItemState::Proposed;
    char stage = 0;            // TW3 stage 'A'..'I' (ROIs only); 0: not staged
    bool locked = false;       // a locked item is not moved by drags or by a new model proposal
    std::string updatedAt;     // ISO 8601 UTC of the last change, set by the workspace

    bool operator==(const AnnotationItem& o) const
    {
        return kind == o.kind && name == o.name && placed == o.placed && x == o.x && y == o.y && w == o.w &&
               h == o.h && state == o.state && stage == o.stage && locked == o.locked;
    }
    bool operator!=(const AnnotationItem& o) const { return !(*this == o); }
};

struct CaseAnnotation {
    std::string caseId, reader;
    std::vector<AnnotationItem> items;   // the template: 21 keypoints, then the 18 ROIs of the schema

    // The empty template (nothing placed).
    static CaseAnnotation emptyTemplate(const std::string& caseId, const std::string& reader);
    // The template with the model's proposal: keypoints marked visible and the ROIs placed from them
    // (state Proposed). Locked or already reviewed items of `previous` are kept as they are.
    static CaseAnnotation fromProposal(const std::string& caseId, const std::string& reader, const HandKeypoints& points,
                                       const CaseAnnotation* previous = nullptr);

    AnnotationItem* find(ItemKind kind, const std::string& name);
    const AnnotationItem* find(ItemKind kind, const std::string& name) const;

    // The keypoints as the rest of the program takes them (placed and not skipped = visible).
    HandKeypoints keypoints() const;
    // The placed, not skipped ROI boxes.
    std::vector<Tw3Roi> rois() const;
    // True when a reader has looked at any item (confirmed, corrected or skipped).
    bool isReviewed() const;
};

// Is `stage` a TW3 stage letter ('A'..'I')?
bool isTw3Stage(char stage);

} // namespace boneage
