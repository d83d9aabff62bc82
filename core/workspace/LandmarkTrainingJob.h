#pragma once
// The landmark branch of a workspace's training job (issue 16): planTrainingJob hands a request with
// what = "landmarks" here. The hands are the read cases whose keypoints readers confirmed or
// corrected (CorrectedKeypoints.h); those in the check set are only measured (the curves, then the
// promotion gate), the others are trained on, a seeded tenth of them choosing the epoch. The job
// folder receives the hands as COCO keypoints (keypoints.json) and the labels of the three groups,
// which `workspace run-job` prepares with the base package's recipe (`boneage prepare --keypoints`).
// Torch-free.
#include "TrainingJob.h"

#include <string>

namespace boneage {

inline constexpr int kMinimumLandmarkTrainingHands = 10;
inline constexpr int kMinimumLandmarkCheckHands = 5;

// The landmark packages fine-tuned (ours: the stem and first stage of the ResNet-18 encoder, as the
// bone-age fine-tune freezes 2M-Net's; docs/training-in-the-workspace.md).
inline constexpr const char* kLandmarkFrozenForFineTuning = "encoder.conv1,encoder.bn1,encoder.layer1";

// The hand landmark package of `base`: the package itself, or the first landmark package directly
// in a folder (the installed models, a version's folder). Throws WorkspaceError (InvalidValue)
// naming what to give instead when it is a bone age package or holds none.
std::string landmarkBasePackage(const std::string& base);

// Called by planTrainingJob after the checks every job shares (recipe, device, budget, one job at
// a time). Refuses too few corrected hands before anything is recorded.
PlannedJob planLandmarkTrainingJob(Workspace& workspace, ModelRegistry& registry, const TrainingRequest& request);

} // namespace boneage
