#include "LandmarkComparison.h"

#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"
#include "inference/LandmarkModel.h"
#include "workspace/LandmarkTrainingJob.h"
#include "workspace/WorkspaceError.h"

#include <cmath>
#include <filesystem>
#include <map>
#include <stdexcept>

namespace fs = std::filesystem;

namespace boneage {

namespace {
using Reason = WorkspaceError::Reason;
double round4(double v) { return std::round(v * 10000) / 10000; }
} // namespace

std::optional<std::string> landmarkPackageIn(const std::string& folder)
{
    try {
        return landmarkBasePackage(folder);
    } catch (const WorkspaceError&) {
        return std::nullopt;
    }
}

LandmarkComparisonPlan planLandmarkComparison(Workspace& ws, ModelRegistry& registry, int candidate, const std::string& installed)
{
    const auto v = registry.version(candidate);
    if (!v) throw WorkspaceError(Reason::InvalidValue, ws.dir() + " has no model version " + std::to_string(candidate));
    if (v->state != "done" || v->what != "landmarks")
        throw WorkspaceError(Reason::InvalidValue,
                             "model version " + std::to_string(candidate) + " is not a finished landmark model (" + v->what + ", " + v->state + ")");
    LandmarkComparisonPlan plan;
    plan.candidateVersion = candidate;
    plan.activeVersion = registry.activeVersion("landmarks");
    const std::string activeFolder = plan.activeVersion ? registry.packageFolder(*plan.activeVersion) : installed;
    const auto active = landmarkPackageIn(activeFolder), candidatePackage = landmarkPackageIn(registry.packageFolder(candidate));
    if (!active) throw std::runtime_error("no hand landmark package in " + activeFolder + " (the landmark model in use)");
    if (!candidatePackage) throw std::runtime_error("model version " + std::to_string(candidate) + " holds no landmark package");
    plan.activePackage = *active;
    plan.candidatePackage = *candidatePackage;
    std::map<std::string, CaseRecord> records;
    for (const CaseSummary& c : ws.listCases()) records[c.record.id] = c.record;
    for (const std::string& id : registry.ensureCheckSet())
        if (const auto hand = correctedHand(ws, id)) plan.hands.emplace_back(ws.filmPath(records.at(id)), *hand);
    if (static_cast<int>(plan.hands.size()) < kMinimumLandmarkCheckHands)
        throw WorkspaceError(Reason::InvalidValue, "only " + std::to_string(plan.hands.size()) +
                                                       " hands of the check set have keypoints a reader confirmed or corrected; at least " +
                                                       std::to_string(kMinimumLandmarkCheckHands) + " are needed to compare landmark models");
    return plan;
}

LandmarkComparison runLandmarkComparison(const LandmarkComparisonPlan& plan, const std::function<void(int, int)>& progress,
                                         const std::atomic<bool>* cancel)
{
    // The first stages alone: the refinement installed beside the active one would read only its keypoints.
    const LandmarkModel active = LandmarkModel::load(plan.activePackage, LandmarkModel::Refinement::None),
                        candidate = LandmarkModel::load(plan.candidatePackage, LandmarkModel::Refinement::None);
    LandmarkComparison run;
    run.activeVersion = plan.activeVersion;
    run.candidateVersion = plan.candidateVersion;
    std::vector<PairedCase> cases;
    const int total = static_cast<int>(plan.hands.size());
    for (int i = 0; i < total; ++i) {
        if (cancel && cancel->load()) {
            run.cancelled = true;
            return run;
        }
        const auto& [film, hand] = plan.hands[static_cast<size_t>(i)];
        try {
            const Radiograph r = loadRadiograph(film);
            // Every hand is compared, found or not: a model that loses the hand pays for it here.
            cases.push_back({0.0, meanKeypointError(active.detect(r).points, hand), meanKeypointError(candidate.detect(r).points, hand)});
            run.caseIds.push_back(hand.caseId);
        } catch (const InputError& e) {
            ++run.skipped;
            run.skippedWhy.push_back(hand.caseId + ": " + e.what());
        }
        if (progress) progress(i + 1, total);
    }
    if (cases.empty()) throw std::runtime_error("no hand of the check set could be measured with both landmark models");
    run.result = comparePaired(cases);
    return run;
}

nlohmann::json landmarkComparisonJson(const LandmarkComparison& run)
{
    const PairedComparison& c = run.result;
    auto side = [](const ModelOnCheckSet& m) { return nlohmann::json{{"mean_error", round4(m.mae)}, {"n", m.n}}; };
    nlohmann::json out = {{"what", "landmarks"},
                          {"active", side(c.active)},
                          {"candidate", side(c.candidate)},
                          {"difference", {{"mean", round4(c.meanDifference)}, {"lower", round4(c.lower)}, {"upper", round4(c.upper)},
                                          {"level", 0.95}, {"resamples", c.resamples},
                                          {"what", "candidate - active mean keypoint error per hand, fraction of the wrist to middle-finger MCP distance"}}},
                          {"promotable", c.candidateIsBetter()},
                          {"skipped", run.skipped}};
    out["active"]["version"] = run.activeVersion ? nlohmann::json(*run.activeVersion) : nlohmann::json("installed");
    out["candidate"]["version"] = run.candidateVersion;
    return out;
}

void recordLandmarkComparison(ModelRegistry& registry, const LandmarkComparison& run, const nlohmann::json& json)
{
    ModelVersion v = registry.version(run.candidateVersion).value();
    nlohmann::json metrics = nlohmann::json::parse(v.metricsJson, nullptr, false);
    if (metrics.is_discarded() || !metrics.is_object()) metrics = nlohmann::json::object();
    metrics["check_set_comparison"] = json;
    metrics["candidate"] = json["candidate"];
    v.metricsJson = metrics.dump();
    registry.updateVersion(v);
}

std::string promoteLandmarkCandidate(ModelRegistry& registry, const LandmarkComparison& run, const std::optional<std::string>& overrideReason)
{
    if (run.cancelled || run.result.active.n == 0) throw WorkspaceError(Reason::InvalidValue, "the comparison did not finish");
    if (registry.activeVersion("landmarks") != run.activeVersion)
        throw WorkspaceError(Reason::InvalidValue, "the landmark model in use has changed since the comparison; compare version " +
                                                       std::to_string(run.candidateVersion) + " again");
    const bool written = overrideReason && overrideReason->find_first_not_of(" \t\r\n") != std::string::npos;
    if (!run.result.candidateIsBetter() && !written)
        throw WorkspaceError(Reason::InvalidValue, "version " + std::to_string(run.candidateVersion) +
                                                       " is not shown to be better than the landmark model in use on the check set; an "
                                                       "override needs a written reason");
    const std::string reason = run.result.candidateIsBetter() ? "promoted: better on the check set" : "override: " + *overrideReason;
    registry.activate("landmarks", run.candidateVersion, reason, landmarkComparisonJson(run).dump());
    return reason;
}

} // namespace boneage
