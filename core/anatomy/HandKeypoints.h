#pragma once
// The 21 hand keypoints of the shared COCO annotations (../shared/data/annotations/hand-keypoints):
// wrist, then thumb1..4, forefinger1..4, middle_finger1..4, ring_finger1..4, pinky_finger1..4
// (1 = base joint, CMC for the thumb; 4 = tip). Plain C++.
#include <array>
#include <string>
#include <vector>

namespace boneage {

constexpr int kHandKeypointCount = 21;

const std::array<std::string, kHandKeypointCount>& handKeypointNames();
int handKeypointIndex(const std::string& name);   // -1 when unknown

struct HandKeypoint {
    double x = 0, y = 0;   // image pixels (x right, y down; pixel i covers [i, i+1))
    double score = 0;      // model confidence in [0,1]; 1 for annotations
    bool visible = false;
};
using HandKeypoints = std::array<HandKeypoint, kHandKeypointCount>;

// One annotated hand: the film's size as annotated and the points in that film's pixels.
struct AnnotatedHand {
    std::string id;
    int width = 0, height = 0;
    char side = 0;   // 'L' or 'R' as the annotators marked it
    HandKeypoints points;
};

// Reads a COCO keypoint file of that dataset (lefthand_kpts / righthand_kpts with *_valid flags).
// Throws std::runtime_error naming the file and what is wrong.
std::vector<AnnotatedHand> readCocoHandKeypoints(const std::string& path);

// Where the hand lies, from its keypoints.
struct HandPose {
    bool valid = false;
    double scale = 0;            // wrist -> middle_finger1 distance, pixels
    double angleDegrees = 0;     // direction of wrist -> middle MCP, clockwise from "fingers up"
    char side = 0;               // 'L' / 'R' for a PA film (thumb right of the middle finger axis: left hand)
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;   // hand box: keypoints plus a margin of scale * 0.25
};
HandPose handPose(const HandKeypoints& points);

} // namespace boneage
