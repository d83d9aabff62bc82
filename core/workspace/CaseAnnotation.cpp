#include "CaseAnnotation.h"

#include <algorithm>

namespace boneage {

const char* toString(ItemState state)
{
    switch (state) {
    case ItemState::Proposed: return "proposed";
    case ItemState::Confirmed: return "confirmed";
    case ItemState::Corrected: return "corrected";
    case ItemState::Skipped: return "skipped";
    }
    return "proposed";
}

std::optional<ItemState> parseItemState(const std::string& text)
{
    for (ItemState s : {ItemState::Proposed, ItemState::Confirmed, ItemState::Corrected, ItemState::Skipped})
        if (text == toString(s)) return s;
    return std::nullopt;
}

const char* toString(ItemKind kind) { return kind == ItemKind::Keypoint ? "keypoint" : "roi"; }

bool isTw3Stage(char stage) { return stage >= 'A' && stage <= 'I'; }

CaseAnnotation CaseAnnotation::emptyTemplate(const std::string& caseId, const std::string& reader)
{
    CaseAnnotation a;
    a.caseId = caseId;
    a.reader = reader;
    auto item = [](ItemKind kind, const std::string& name) {
        AnnotationItem i;
        i.kind = kind;
        i.name = name;
        return i;
    };
    for (const std::string& name : handKeypointNames()) a.items.push_back(item(ItemKind::Keypoint, name));
    for (const Tw3RoiSpec& spec : tw3RoiSchema()) a.items.push_back(item(ItemKind::Roi, spec.name));
    return a;
}

CaseAnnotation CaseAnnotation::fromProposal(const std::string& caseId, const std::string& reader,
                                            const HandKeypoints& points, const CaseAnnotation* previous)
{
    CaseAnnotation a = emptyTemplate(caseId, reader);
    for (int i = 0; i < kHandKeypointCount; ++i) {
        if (!points[i].visible) continue;
        AnnotationItem& item = a.items[static_cast<std::size_t>(i)];
        item.placed = true;
        item.x = points[i].x;
        item.y = points[i].y;
    }
    for (const Tw3Roi& roi : placeTw3Rois(points)) {
        AnnotationItem* item = a.find(ItemKind::Roi, roi.name);
        if (!item) continue;
        item->placed = true;
        item->x = roi.x0, item->y = roi.y0, item->w = roi.x1 - roi.x0, item->h = roi.y1 - roi.y0;
    }
    if (previous)
        for (AnnotationItem& item : a.items)
            if (const AnnotationItem* old = previous->find(item.kind, item.name);
                old && (old->locked || old->state != ItemState::Proposed))
                item = *old;
    return a;
}

AnnotationItem* CaseAnnotation::find(ItemKind kind, const std::string& name)
{
    auto it = std::find_if(items.begin(), items.end(), [&](const AnnotationItem& i) { return i.kind == kind && i.name == name; });
    return it == items.end() ? nullptr : &*it;
}

const AnnotationItem* CaseAnnotation::find(ItemKind kind, const std::string& name) const
{
    return const_cast<CaseAnnotation*>(this)->find(kind, name);
}

HandKeypoints CaseAnnotation::keypoints() const
{
    HandKeypoints points{};
    for (const AnnotationItem& item : items) {
        if (item.kind != ItemKind::Keypoint) continue;
        const int i = handKeypointIndex(item.name);
        if (i < 0) continue;
        points[i].x = item.x;
        points[i].y = item.y;
        points[i].score = 1;
        points[i].visible = item.placed && item.state != ItemState::Skipped;
    }
    return points;
}

std::vector<Tw3Roi> CaseAnnotation::rois() const
{
    std::vector<Tw3Roi> out;
    for (const AnnotationItem& item : items) {
        if (item.kind != ItemKind::Roi || !item.placed || item.state == ItemState::Skipped) continue;
        std::string group;
        for (const Tw3RoiSpec& spec : tw3RoiSchema())
            if (spec.name == item.name) group = spec.group;
        out.push_back({item.name, group, item.x, item.y, item.x + item.w, item.y + item.h});
    }
    return out;
}

bool CaseAnnotation::isReviewed() const
{
    return std::any_of(items.begin(), items.end(), [](const AnnotationItem& i) { return i.state != ItemState::Proposed; });
}

} // namespace boneage
