#include "CorrectedKeypoints.h"

#include "common/Sha256.h"

#include <cmath>
#include <cstdio>

namespace boneage {

std::optional<CorrectedHand> correctedHand(const Workspace& ws, const std::string& caseId)
{
    CorrectedHand hand;
    hand.caseId = caseId;
    std::array<int, kHandKeypointCount> count{};
    std::array<double, kHandKeypointCount> sx{}, sy{};
    for (const std::string& reader : ws.annotators(caseId)) {
        const CaseAnnotation a = ws.annotation(caseId, reader);
        bool any = false;
        for (int k = 0; k < kHandKeypointCount; ++k) {
            const AnnotationItem* item = a.find(ItemKind::Keypoint, handKeypointNames()[k]);
            if (!item || !item->placed || (item->state != ItemState::Confirmed && item->state != ItemState::Corrected)) continue;
            sx[k] += item->x, sy[k] += item->y, ++count[k];
            any = true;
        }
        hand.readers += any ? 1 : 0;
    }
    for (int k = 0; k < kHandKeypointCount; ++k) {
        if (!count[k]) continue;
        hand.points[k] = {sx[k] / count[k], sy[k] / count[k], 1.0, true};
        ++hand.reviewed;
    }
    const int wrist = handKeypointIndex("wrist"), middle = handKeypointIndex("middle_finger1");
    if (!hand.points[wrist].visible || !hand.points[middle].visible || hand.reviewed < kMinimumReviewedKeypoints) return std::nullopt;
    if (std::hypot(hand.points[middle].x - hand.points[wrist].x, hand.points[middle].y - hand.points[wrist].y) <= 0) return std::nullopt;
    return hand;
}

CaseAnnotation correctedAnnotation(const CorrectedHand& hand, const std::string& reader)
{
    CaseAnnotation a = CaseAnnotation::emptyTemplate(hand.caseId, reader);
    for (int k = 0; k < kHandKeypointCount; ++k) {
        if (!hand.points[k].visible) continue;
        AnnotationItem* item = a.find(ItemKind::Keypoint, handKeypointNames()[k]);
        item->placed = true;
        item->x = hand.points[k].x;
        item->y = hand.points[k].y;
        item->state = ItemState::Corrected;
    }
    return a;
}

double meanKeypointError(const HandKeypoints& predicted, const CorrectedHand& reference)
{
    const HandKeypoint& wrist = reference.points[handKeypointIndex("wrist")];
    const HandKeypoint& middle = reference.points[handKeypointIndex("middle_finger1")];
    const double scale = std::hypot(middle.x - wrist.x, middle.y - wrist.y);
    double sum = 0;
    int n = 0;
    for (int k = 0; k < kHandKeypointCount; ++k) {
        if (!reference.points[k].visible) continue;
        sum += std::hypot(predicted[k].x - reference.points[k].x, predicted[k].y - reference.points[k].y) / scale;
        ++n;
    }
    return n ? sum / n : 0;
}

std::string correctedHandsDigest(const std::vector<CorrectedHand>& hands)
{
    std::string text;
    char line[64];
    for (const CorrectedHand& h : hands) {
        text += h.caseId;
        for (const HandKeypoint& p : h.points) {
            if (p.visible) std::snprintf(line, sizeof line, ",%.2f,%.2f", p.x, p.y);
            else std::snprintf(line, sizeof line, ",-,-");
            text += line;
        }
        text += "\n";
    }
    return sha256Hex(text);
}

} // namespace boneage
