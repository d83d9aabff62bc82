#pragma once
// The 18 TW3 regions of interest (13 RUS bones + capitate, hamate, triquetral, lunate, scaphoid), their
// schema (resources/anatomy/tw3-rois.json, compiled in), their placement from the 21 hand keypoints,
// and patch extraction at any size (64 x 64 for the global-local network).
#include "anatomy/HandKeypoints.h"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace boneage {

// How one ROI is placed: centre = anchor + s * (along * axis + lateral * thumbward), a square of side
// size * s; s = wrist -> middle MCP distance, axis = unit(anchor -> toward), thumbward = across the hand
// toward the thumb.
struct Tw3RoiSpec {
    std::string name;       // "DP1", ..., "Scaphoid"
    std::string group;      // "RUS" or "carpal"
    std::string region;     // "finger" or "wrist"
    std::string bone;       // what the box holds
    int anchor = 0, toward = 0;   // keypoint indices
    double along = 0, lateral = 0, size = 0.2;
};

// The shipped schema (18 entries, in the order of the JSON file).
const std::vector<Tw3RoiSpec>& tw3RoiSchema();
// Parses a schema file's text; throws std::runtime_error naming what is wrong.
std::vector<Tw3RoiSpec> parseTw3RoiSchema(const std::string& jsonText);

struct Tw3Roi {
    std::string name, group;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;   // image pixels, x1/y1 exclusive
    double cx() const { return 0.5 * (x0 + x1); }
    double cy() const { return 0.5 * (y0 + y1); }
    bool contains(double x, double y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
};

// Places every ROI of the schema; empty when the hand's pose cannot be derived (no wrist or middle MCP).
std::vector<Tw3Roi> placeTw3Rois(const HandKeypoints& points, const std::vector<Tw3RoiSpec>& schema = tw3RoiSchema());

// The ROI's square cut out of `image` and resized to size x size (area interpolation when shrinking);
// parts outside the image are black.
cv::Mat extractRoiPatch(const cv::Mat& image, const Tw3Roi& roi, int size);

} // namespace boneage
