#pragma once
// The framings clinics send (issue 17): the same film cropped close to the hand, with a wide margin,
// turned by 90 or 180 degrees, stored inverted as MONOCHROME1, or exported inverted (the pixels
// inverted with nothing in the file to say so, as a PNG or JPEG export can be). A model's estimate
// must not move with them; `boneage evaluate --framing` measures how far it does. Plain OpenCV, no
// torch, no Qt.
#include "Radiograph.h"

#include <string>
#include <vector>

namespace boneage {

enum class Framing { HandCrop, WideMargin, Turned90, Turned180, Monochrome1, InvertedExport };

const std::vector<Framing>& allFramings();
const char* toString(Framing framing);   // "hand-crop", "wide-margin", "turned-90", "turned-180", "monochrome1", "inverted-export"

// The film reframed; metadata kept (MONOCHROME1: the pixels inverted within their range and the
// photometric interpretation set, so a correct reader shows the same picture; InvertedExport: the
// same pixels with the photometric interpretation left as it was, so the file shows bone dark).
// HandCrop: the hand found on the default display (findHand, 4 % margin); the whole film when none is
// found. WideMargin: 30 % of the film's size on every side, in the film's background value (its
// darkest as displayed).
Radiograph reframe(const Radiograph& radiograph, Framing framing);

} // namespace boneage
