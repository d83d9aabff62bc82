#pragma once
// The framings clinics send (issue 17): the same film cropped close to the hand, with a wide margin,
// turned by 90 or 180 degrees, stored inverted as MONOCHROME1, or exported inverted (the pixels
// inverted with nothing in the file to say so, as a PNG or JPEG export can be). A model's estimate
// must not move with them; `boneage evaluate --framing` measures how far it does. Plain OpenCV, no
// torch, no Qt.
#include "Radiograph.h"

#include <optional>
#include <string>
#include <vector>

namespace boneage {

// Beyond the list, what else differs between exports of one film: the film laid askew
// (Tilted15: turned by 15 degrees about its centre on a canvas that holds it all, the corners in the
// background value), another tone curve (Gamma07, Gamma14: the displayed grey g in 0..1 becomes g^0.7,
// lighter mid-greys, or g^1.4, darker; the range's ends stay), and half the pixels (HalfSize: each
// side halved, INTER_AREA, the pixel spacing doubled), as a smaller export would be. BothHands: the
// film beside its mirror image (on its left), as a film of both hands whose left hand is the film's.
// Mirrored: flipped left to right, as a right hand is (or a film exported flipped). Turned270: a quarter
// turn the other way. JpegExport: the film as displayed by default, 8 bits, saved as a JPEG of quality
// 40 and read back (a screen or teleradiology export: the window burnt in, block artefacts, no DICOM
// window left).
enum class Framing {
    HandCrop, WideMargin, Turned90, Turned180, Monochrome1, InvertedExport, Tilted15, Gamma07, Gamma14, HalfSize, BothHands,
    Mirrored, Turned270, JpegExport
};

const std::vector<Framing>& allFramings();
// "hand-crop", "wide-margin", "turned-90", "turned-180", "monochrome1", "inverted-export", "tilted-15",
// "gamma-0.7", "gamma-1.4", "half-size", "both-hands", "mirrored", "turned-270", "jpeg-export"
const char* toString(Framing framing);
std::optional<Framing> framingFromString(const std::string& name);

// The film reframed; metadata kept (MONOCHROME1: the pixels inverted within their range and the
// photometric interpretation set, so a correct reader shows the same picture; InvertedExport: the
// same pixels with the photometric interpretation left as it was, so the file shows bone dark).
// HandCrop: the hand found on the default display (findHand, 4 % margin); the whole film when none is
// found. WideMargin: 30 % of the film's size on every side, in the film's background value (its
// darkest as displayed).
Radiograph reframe(const Radiograph& radiograph, Framing framing);

} // namespace boneage
