#pragma once
// The hand keypoints the readers of a workspace vouched for (issue 16, the landmark branch): what a
// workspace's landmark model version is trained on and judged by. A keypoint counts when a reader
// confirmed or corrected it; a model's proposal nobody looked at does not (training on it would
// teach the model its own output), nor does a skipped one. Several readers: the mean of those who
// reviewed that keypoint, as a case's reference bone age is the mean of its readers' readings.
// Torch-free and Qt-free.
#include "CaseAnnotation.h"
#include "Workspace.h"

#include <optional>
#include <string>

namespace boneage {

// A hand counts for training or judging when its wrist and middle-finger MCP (the hand scale every
// error is measured in) are reviewed and at least this many of its 21 keypoints are. Our choice: at
// least half, so that a hand where a reader fixed one point and left the rest as proposed does not
// count as a corrected hand.
inline constexpr int kMinimumReviewedKeypoints = 11;

struct CorrectedHand {
    std::string caseId;
    HandKeypoints points;   // film pixels; visible: reviewed by at least one reader (mean over them)
    int reviewed = 0;       // visible keypoints
    int readers = 0;        // readers who reviewed at least one keypoint
};

// The case's reviewed keypoints when the hand counts (above), else none.
std::optional<CorrectedHand> correctedHand(const Workspace& workspace, const std::string& caseId);

// The annotation a COCO export of the hand writes: the reviewed keypoints, state corrected; the
// others not placed. Reader `reader`.
CaseAnnotation correctedAnnotation(const CorrectedHand& hand, const std::string& reader);

// The mean keypoint error of `predicted` against the hand, over its visible keypoints, as a fraction
// of its wrist -> middle-finger MCP distance (docs/landmarks.md's unit). A predicted keypoint that is
// not visible counts at its position all the same (a model always places all 21).
double meanKeypointError(const HandKeypoints& predicted, const CorrectedHand& reference);

// SHA-256 of the hands' case ids and keypoints (the data snapshot of a landmark version's lineage).
std::string correctedHandsDigest(const std::vector<CorrectedHand>& hands);

} // namespace boneage
