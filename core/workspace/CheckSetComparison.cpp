#include "CheckSetComparison.h"

#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
#include "inference/LandmarkModel.h"
#include "inference/ModelCard.h"
#include "workspace/WorkspaceError.h"

#include <cmath>
#include <map>
#include <stdexcept>

namespace boneage {

namespace {

double round2(double v) { return std::round(v * 100) / 100; }

} // namespace

CheckSetComparisonPlan planCheckSetComparison(Workspace& ws, ModelRegistry& registry, int candidate, const std::string& installed)
{
    const auto v = registry.version(candidate);
    if (!v) throw WorkspaceError(WorkspaceError::Reason::InvalidValue, ws.dir() + " has no model version " + std::to_string(candidate));
    if (v->state != "done" || v->what != "bone-age")
        throw WorkspaceError(WorkspaceError::Reason::InvalidValue,
                             "model version " + std::to_string(candidate) + " is not a finished bone-age model (" + v->state + ")");
    CheckSetComparisonPlan plan;
    plan.candidateVersion = candidate;
    plan.activeVersion = registry.activeVersion("bone-age");
    plan.activePackages = findModelPackages(plan.activeVersion ? registry.packageFolder(*plan.activeVersion) : installed);
    plan.candidatePackages = findModelPackages(registry.packageFolder(candidate));
    if (plan.activePackages.empty() || plan.candidatePackages.empty()) throw std::runtime_error("a model version without packages");
    if (const auto landmarks = LandmarkModel::find(installed)) plan.landmarkPackage = *landmarks;
    const std::vector<std::string> checkSet = registry.ensureCheckSet();
    std::map<std::string, CaseSummary> cases;
    for (const CaseSummary& c : ws.listCases()) cases[c.record.id] = c;
    for (const std::string& id : checkSet) {
        const CaseSummary& c = cases.at(id);
        plan.films.push_back({id, ws.filmPath(c.record), c.record.sex, *c.meanReadingMonths});
    }
    return plan;
}

CheckSetComparison runCheckSetComparison(const CheckSetComparisonPlan& plan, const std::function<void(int, int)>& progress,
                                         const std::atomic<bool>* cancel)
{
    AssessmentOptions options;
    options.forceWithoutHand = true;   // the same films for both: a film without a found hand is still compared
    options.landmarkPackage = plan.landmarkPackage;
    CheckSetComparison run;
    run.activeVersion = plan.activeVersion;
    run.candidateVersion = plan.candidateVersion;
    const int total = static_cast<int>(plan.films.size());
    for (int i = 0; i < total; ++i) {
        if (cancel && cancel->load()) {
            run.cancelled = true;
            return run;
        }
        const CheckSetFilm& f = plan.films[static_cast<size_t>(i)];
        try {
            LoadOptions load;
            load.sex = f.sex;
            const Radiograph r = loadRadiograph(f.film, load);
            const auto a = assessRadiograph(r, f.sex, plan.activePackages, options).boneAgeMonths();
            const auto b = assessRadiograph(r, f.sex, plan.candidatePackages, options).boneAgeMonths();
            if (!a || !b) throw InputError(InputError::Reason::NoHand, "no estimate from one of the models");
            run.cases.push_back({f.referenceMonths, *a, *b});
            run.caseIds.push_back(f.caseId);
        } catch (const InputError& e) {
            ++run.skipped;
            run.skippedWhy.push_back(f.caseId + ": " + e.what());
        }
        if (progress) progress(i + 1, total);
    }
    if (run.cases.empty()) throw std::runtime_error("no case of the check set could be assessed by both models");
    run.result = comparePaired(run.cases);
    return run;
}

nlohmann::json comparisonJson(const CheckSetComparison& run)
{
    const PairedComparison& c = run.result;
    auto side = [](const ModelOnCheckSet& m) { return nlohmann::json{{"mae", round2(m.mae)}, {"bias", round2(m.bias)}, {"n", m.n}}; };
    nlohmann::json bands = nlohmann::json::array();
    for (const AgeBandComparison& b : c.byAgeBand)
        bands.push_back({{"years", std::to_string(b.fromYears) + "-" + std::to_string(b.toYears)},
                         {"active", side(b.active)}, {"candidate", side(b.candidate)}});
    nlohmann::json out = {{"active", side(c.active)},
                          {"candidate", side(c.candidate)},
                          {"difference", {{"mean", round2(c.meanDifference)}, {"lower", round2(c.lower)}, {"upper", round2(c.upper)},
                                          {"level", 0.95}, {"resamples", c.resamples}, {"what", "candidate MAE - active MAE, months"}}},
                          {"promotable", c.candidateIsBetter()},
                          {"by_age_band", bands},
                          {"skipped", run.skipped}};
    out["active"]["version"] = run.activeVersion ? nlohmann::json(*run.activeVersion) : nlohmann::json("installed");
    out["candidate"]["version"] = run.candidateVersion;
    return out;
}

void recordComparison(ModelRegistry& registry, const CheckSetComparison& run, const nlohmann::json& json)
{
    ModelVersion v = registry.version(run.candidateVersion).value();
    nlohmann::json metrics = nlohmann::json::parse(v.metricsJson, nullptr, false);
    if (metrics.is_discarded() || !metrics.is_object()) metrics = nlohmann::json::object();
    metrics["check_set_comparison"] = json;
    metrics["candidate"] = json["candidate"];
    v.metricsJson = metrics.dump();
    registry.updateVersion(v);
}

std::string promoteCandidate(ModelRegistry& registry, const CheckSetComparison& run, const std::optional<std::string>& overrideReason)
{
    using Reason = WorkspaceError::Reason;
    if (run.cancelled || run.result.active.n == 0) throw WorkspaceError(Reason::InvalidValue, "the comparison did not finish");
    if (registry.activeVersion("bone-age") != run.activeVersion)
        throw WorkspaceError(Reason::InvalidValue,
                             "the model in use has changed since the comparison; compare version " +
                                 std::to_string(run.candidateVersion) + " again");
    const bool written = overrideReason && overrideReason->find_first_not_of(" \t\r\n") != std::string::npos;
    if (!run.result.candidateIsBetter() && !written)
        throw WorkspaceError(Reason::InvalidValue,
                             "version " + std::to_string(run.candidateVersion) +
                                 " is not shown to be better than the model in use on the check set; an override needs a written reason");
    const std::string reason = run.result.candidateIsBetter() ? "promoted: better on the check set" : "override: " + *overrideReason;
    registry.activate("bone-age", run.candidateVersion, reason, comparisonJson(run).dump());
    return reason;
}

} // namespace boneage
