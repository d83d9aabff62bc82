#pragma once
// The candidate model version against the model in use, on the workspace's local check set, through
// the full assessment pipeline (issue 16): what `boneage workspace compare / promote` and the
// workstation's model versions view both run. Torch-free header (the models run in the .cpp, which
// is part of boneage_model_selection, built with LibTorch only).
//
// In two halves so that a program can keep the workspace's connection on one thread: the plan reads
// the database (and draws the check set the first time), the run only reads films and models and may
// take minutes on a CPU, so the workstation runs it in a worker thread.
#include "imaging/Radiograph.h"
#include "workspace/ModelRegistry.h"
#include "workspace/PairedComparison.h"
#include "workspace/Workspace.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace boneage {

struct CheckSetFilm {
    std::string caseId, film;
    Sex sex = Sex::Unknown;
    double referenceMonths = 0;   // the mean of the readers' latest readings
};

struct CheckSetComparisonPlan {
    std::optional<int> activeVersion;   // none: the installed models
    int candidateVersion = 0;
    std::vector<std::string> activePackages, candidatePackages;
    std::string landmarkPackage;        // the installed one (the hand check), may be empty
    std::vector<CheckSetFilm> films;
};

struct CheckSetComparison {
    std::optional<int> activeVersion;
    int candidateVersion = 0;
    PairedComparison result;
    // Each compared case (reference, active, candidate in months), in check-set order, with its id:
    // what a Bland-Altman plot draws.
    std::vector<PairedCase> cases;
    std::vector<std::string> caseIds;
    int skipped = 0;
    std::vector<std::string> skippedWhy;   // "CASE: reason"
    bool cancelled = false;                // stopped at the caller's request; `result` is then empty
};

// Reads the registry and the cases (on the thread that owns the workspace). Throws WorkspaceError
// (InvalidValue: no such version, not a finished bone-age model; too few read cases for a check
// set) or std::runtime_error (a version without packages).
CheckSetComparisonPlan planCheckSetComparison(Workspace& workspace, ModelRegistry& registry, int candidate,
                                              const std::string& installedModels);

// Runs both models on every film of the plan (the same films for both; test-time augmentation as
// `assess`; a film without a found hand is still compared). A film that cannot be read or assessed
// is skipped with its reason. progress(done, total) after each film; `cancel` is checked between
// films. Throws std::runtime_error when no film could be assessed by both. No database access.
CheckSetComparison runCheckSetComparison(const CheckSetComparisonPlan& plan,
                                         const std::function<void(int done, int total)>& progress = {},
                                         const std::atomic<bool>* cancel = nullptr);

inline CheckSetComparison compareOnCheckSet(Workspace& workspace, ModelRegistry& registry, int candidate,
                                            const std::string& installedModels)
{
    return runCheckSetComparison(planCheckSetComparison(workspace, registry, candidate, installedModels));
}

// The comparison as `boneage workspace compare --json` prints it (active and candidate with mae,
// bias, n and version; difference with its interval; promotable; by_age_band; skipped).
nlohmann::json comparisonJson(const CheckSetComparison& comparison);

// Keeps the latest comparison with the candidate (its metrics' check_set_comparison and candidate).
void recordComparison(ModelRegistry& registry, const CheckSetComparison& comparison, const nlohmann::json& json);

// Makes the candidate the bone-age model in use when the comparison shows it better, or when a
// written reason overrides (kept in the activation log with the comparison). Returns the reason
// recorded. Throws WorkspaceError (InvalidValue) when it is not better and no reason is given, or
// when the model in use has changed since the comparison.
std::string promoteCandidate(ModelRegistry& registry, const CheckSetComparison& comparison,
                             const std::optional<std::string>& overrideReason = std::nullopt);

} // namespace boneage
