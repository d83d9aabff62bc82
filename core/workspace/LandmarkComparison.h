#pragma once
// A candidate landmark model version against the landmark model in use, on the check-set hands whose
// keypoints readers confirmed or corrected (issue 16, the landmark branch): each film through
// LandmarkModel::detect, as `boneage landmarks` and the workstation run it; per hand the mean keypoint
// error as a fraction of the hand scale (wrist -> middle-finger MCP of the readers' keypoints); the
// difference of the means (candidate - active) with a paired bootstrap 95 % interval. The candidate is
// better only when the upper bound is below zero, as for the bone-age model. Torch-free header
// (boneage_model_selection, LibTorch builds only).
#include "workspace/CorrectedKeypoints.h"
#include "workspace/ModelRegistry.h"
#include "workspace/PairedComparison.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace boneage {

struct LandmarkComparisonPlan {
    std::optional<int> activeVersion;   // none: the installed landmark package
    int candidateVersion = 0;
    std::string activePackage, candidatePackage;
    std::vector<std::pair<std::string, CorrectedHand>> hands;   // film path, the readers' keypoints
};

struct LandmarkComparison {
    std::optional<int> activeVersion;
    int candidateVersion = 0;
    PairedComparison result;           // reference 0, active / candidate: each hand's mean keypoint error
    std::vector<std::string> caseIds;
    int skipped = 0;
    std::vector<std::string> skippedWhy;
    bool cancelled = false;
};

// The landmark package in a version folder or a models folder (the first landmark package in it).
std::optional<std::string> landmarkPackageIn(const std::string& folder);

// Reads the registry (throws WorkspaceError: no such version, not a finished landmark model, fewer
// than kMinimumLandmarkCheckHands corrected check-set hands).
LandmarkComparisonPlan planLandmarkComparison(Workspace& workspace, ModelRegistry& registry, int candidate,
                                              const std::string& installedModels);
// Runs both models on every hand (no database access). Throws std::runtime_error when no hand could
// be measured with both.
LandmarkComparison runLandmarkComparison(const LandmarkComparisonPlan& plan, const std::function<void(int, int)>& progress = {},
                                         const std::atomic<bool>* cancel = nullptr);

// As `workspace compare --json` prints it: active and candidate (mean_error, n, version),
// difference (mean, lower, upper, level, resamples, what), promotable, skipped, what: "landmarks".
nlohmann::json landmarkComparisonJson(const LandmarkComparison& comparison);

// Keeps the comparison with the candidate (metrics: check_set_comparison and candidate).
void recordLandmarkComparison(ModelRegistry& registry, const LandmarkComparison& comparison, const nlohmann::json& json);

// Makes the candidate the landmark model in use when shown better or with a written reason; throws
// WorkspaceError (InvalidValue) otherwise, or when the landmark model in use changed since.
std::string promoteLandmarkCandidate(ModelRegistry& registry, const LandmarkComparison& comparison,
                                     const std::optional<std::string>& overrideReason = std::nullopt);

} // namespace boneage
