#pragma once
// Window/level (or VOI LUT) to 8-bit grey levels, for the screen and for models trained on 8-bit films.
#include "Radiograph.h"

namespace boneage {

// Maps one modality value to an output grey level in [0, 1] (before inversion).
double windowLevel(double value, double center, double width);

// Renders the whole image to CV_8U with the given transform; MONOCHROME1 inversion is in `t.invert`.
cv::Mat renderDisplay8(const Radiograph& radiograph, const DisplayTransform& t);

} // namespace boneage
