// libFuzzer target: annotation files from arbitrary bytes, as `boneage workspace import` reads them
// (COCO keypoints and Pascal VOC, core/workspace/AnnotationFormats). Reading may only end in a
// std::runtime_error naming the file, never in a crash, another exception or a hang; what is read
// is written and read back unchanged (the export / import round trip the workspace promises).
#include "workspace/AnnotationFormats.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

void require(bool ok)
{
    if (!ok) std::abort();   // a broken property is a finding
}

bool close(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}); }

// COCO has no "skipped": a skipped keypoint comes back unplaced, so only placed, unskipped items count.
// VOC stores corners: a box's width comes back as (x + w) - x, within rounding.
bool sameItems(const boneage::CaseAnnotation& a, const boneage::CaseAnnotation& b, boneage::ItemKind kind)
{
    for (const auto& item : a.items) {
        if (item.kind != kind || !item.placed || item.state == boneage::ItemState::Skipped) continue;
        const auto* other = b.find(kind, item.name);
        if (!other || !other->placed) return false;
        if (!close(other->x, item.x) || !close(other->y, item.y)) return false;
        if (kind == boneage::ItemKind::Roi && (!close(other->w, item.w) || !close(other->h, item.h))) return false;
    }
    return true;
}

bool anyVisible(const boneage::CaseAnnotation& a)
{
    for (const auto& p : a.keypoints())
        if (p.visible) return true;
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto films = boneage::parseCocoKeypoints(text, "fuzz.json", "fuzzer");
        for (const auto& f : films) {
            require(!f.annotation.reader.empty());
            const auto again = boneage::parseCocoKeypoints(boneage::cocoKeypointsText({f}), "again.json", "");
            require(again.size() == (anyVisible(f.annotation) ? 1u : 0u));
            if (again.size() == 1) require(sameItems(f.annotation, again[0].annotation, boneage::ItemKind::Keypoint));
        }
    } catch (const std::runtime_error&) {
    }
    try {
        int ignored = 0;
        const auto f = boneage::parseVoc(text, "fuzz.xml", "case", "fuzzer", &ignored);
        require(ignored >= 0 && f.width > 0 && f.height > 0);
        const auto again = boneage::parseVoc(boneage::vocText(f), "again.xml", "case", "", nullptr);
        require(sameItems(f.annotation, again.annotation, boneage::ItemKind::Roi));
    } catch (const std::runtime_error&) {
    }
    return 0;
}
