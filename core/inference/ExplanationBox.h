#pragma once
// Boxes a model reports about where it looked (PRSNet's selected anchors with their scores, AG-CNN's
// attention crop), already placed on the SOURCE radiograph: x right, y down, pixel i covers [i, i+1),
// x1/y1 exclusive. Torch-free, so the workstation's UI and `boneage assess` can carry them.
#include <optional>
#include <string>

namespace boneage {

struct ExplanationBox {
    std::string label;              // "part 1", "AG-CNN crop", ...
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;   // source pixels (bounding box of the mapped input box)
    std::optional<double> score;    // PRSNet's anchor score; none for a crop

    double width() const { return x1 - x0; }
    double height() const { return y1 - y0; }
};

} // namespace boneage
