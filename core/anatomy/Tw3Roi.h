#pragma once
// The 18 TW3 regions of interest (13 RUS bones + capitate, hamate, triquetral, lunate, scaphoid), their
// schema (resources/anatomy/tw3-rois.json, compiled in), their placement from the 21 hand keypoints,
// and patch extraction at any size (64 x 64 for the global-local network).
#include "anatomy/HandKeypoints.h"

#include <opencv2/core.hpp>

#include <array>

#include <string>
#include <vector>

namespace boneage {

// How one ROI is placed: centre = anchor + s * (along * axis + lateral * thumbward); s = wrist -> middle
// MCP distance, axis = unit(anchor -> toward), thumbward = across the hand toward the thumb. The box is a
// square turned with the bone (its "up" is the bone's distal direction), sized from the bone it holds:
// side = sizePerLength * |anchor -> toward| (the phalanx or metacarpal the keypoints span; for the wrist
// ROIs that distance is s), kept within 0.7-1.4 x size * s so that one misplaced keypoint cannot blow a
// box up; size * s alone where a keypoint is missing.
struct Tw3RoiSpec {
    std::string name;       // "DP1", ..., "Scaphoid"
    std::string group;      // "RUS" or "carpal"
    std::string region;     // "finger" or "wrist"
    std::string bone;       // what the box holds
    int anchor = 0, toward = 0;   // keypoint indices
    double along = 0, lateral = 0, size = 0.2;
    double sizePerLength = 0;     // 0: side = size * s
};

// The shipped schema (18 entries, in the order of the JSON file).
const std::vector<Tw3RoiSpec>& tw3RoiSchema();
// Parses a schema file's text; throws std::runtime_error naming what is wrong.
std::vector<Tw3RoiSpec> parseTw3RoiSchema(const std::string& jsonText);

// One placed ROI. x0..y1 is the enclosing axis-aligned box in image pixels (x1/y1 exclusive); with an
// angle the ROI itself is the square of side side() centred in that box and turned by `angleDegrees`
// (clockwise on screen: the direction the box's top faces, 0 = up). `mirrored`: the hand is a right
// hand, so its patch is mirrored to read as a left hand (thumb toward the patch's right).
struct Tw3Roi {
    std::string name, group;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    double angleDegrees = 0;
    bool mirrored = false;
    double cx() const { return 0.5 * (x0 + x1); }
    double cy() const { return 0.5 * (y0 + y1); }
    // The turned square's side (angle 0: the box's mean side).
    double side() const;
    // The four corners in image pixels, clockwise from the top left of the (turned) square.
    std::array<cv::Point2d, 4> corners() const;
    // Inside the turned square (angle 0: inside x0..y1).
    bool contains(double x, double y) const;
    // The axis-aligned ROI whose enclosing box is x0..y1 turned by `angle` about its centre: the
    // enclosing box of a square of `side` centred at (cx, cy).
    static Tw3Roi turned(std::string name, std::string group, double cx, double cy, double side, double angleDegrees,
                         bool mirrored = false);
};

// Places every ROI of the schema; empty when the hand's pose cannot be derived (no wrist or middle MCP).
std::vector<Tw3Roi> placeTw3Rois(const HandKeypoints& points, const std::vector<Tw3RoiSpec>& schema = tw3RoiSchema());

// The ROI's square cut out of `image`, turned upright (the box's top at the patch's top), mirrored when
// the ROI is, and resized to size x size (smoothed first when shrinking); parts outside the image are
// black.
cv::Mat extractRoiPatch(const cv::Mat& image, const Tw3Roi& roi, int size);
// The map from image pixels to the patch's pixels (what extractRoiPatch samples through).
cv::Matx23d roiPatchTransform(const Tw3Roi& roi, int size);

} // namespace boneage
