// `boneage workspace assess DIR [CASE...]`: the installed models on the workspace's cases that have
// no assessment yet (or on the cases named), each result stored with its case as `assess --json`
// writes it. The workstation's "Assess all" stores the same.
#include "CommandLine.h"
#include "WorkspaceCommand.h"

#ifdef BONEAGE_WITH_TORCH
#include "ModelsLocation.h"
#include "OpenMpWaiting.h"

#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
#include "inference/AssessmentJson.h"
#include "inference/LandmarkModel.h"
#include "inference/ModelPackage.h"
#include "workspace/LandmarkTrainingJob.h"
#include "workspace/ModelRegistry.h"
#include "workspace/Workspace.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#endif

namespace boneage::cli {

#ifndef BONEAGE_WITH_TORCH
int runWorkspaceAssess(const std::vector<std::string>&)
{
    throw std::runtime_error("this build has no LibTorch, so it cannot run models");
}
#else

int runWorkspaceAssess(const std::vector<std::string>& args)
{
    const Arguments a(args, {"models", "threads"}, {"json", "again", "force", "no-tta"});
    if (a.positional().empty()) throw UsageError("give the workspace folder (and optionally the cases)");
    std::vector<std::string> again = {"assess"};
    again.insert(again.end(), args.begin(), args.end());
    restartWithPassiveOpenMpWaiting("boneage", "workspace", again);
    auto ws = Workspace::open(a.positional().front(), Workspace::Access::ReadWrite);
    const std::set<std::string> named(a.positional().begin() + 1, a.positional().end());

    const std::string dir = modelsDirectory(a.value("models").value_or(""));
    // The workspace's active model version when one was promoted, else the installed models.
    const ModelRegistry registry(*ws);
    const auto activeVersion = registry.activeVersion("bone-age");
    const auto activeLandmarks = registry.activeVersion("landmarks");
    const std::string packageDir = activeVersion ? registry.packageFolder(*activeVersion) : dir;
    const auto packages = findModelPackages(packageDir);
    if (packages.empty()) throw std::runtime_error("no model packages found in " + packageDir + " (use --models DIR)");
    AssessmentOptions options;
    options.testTimeAugmentation = !a.flag("no-tta");
    options.forceWithoutHand = a.flag("force");
    if (activeLandmarks) options.landmarkPackage = landmarkBasePackage(registry.packageFolder(*activeLandmarks));
    else if (const auto landmarks = LandmarkModel::find(dir)) options.landmarkPackage = *landmarks;
    // The fitted ensemble of the packages in use (it names its members: a workspace version is not one).
    if (const auto file = findEnsembleCalibration(packageDir)) {
        try {
            options.ensembleCalibration = readEnsembleCalibration(*file);
        } catch (const std::invalid_argument& e) {
            std::cerr << "warning: no interval: " << e.what() << "\n";
        }
    }

    nlohmann::json done = nlohmann::json::array(), failed = nlohmann::json::array();
    const bool json = a.flag("json");
    for (const CaseSummary& c : ws->listCases()) {
        const bool wanted = named.empty() ? (a.flag("again") || c.assessmentCount == 0)
                                          : (named.count(c.record.id) || named.count(std::filesystem::path(c.record.originalName).stem().string()));
        if (!wanted) continue;
        try {
            LoadOptions load;
            load.sex = c.record.sex;
            if (c.record.ageMonths) load.chronologicalAgeMonths = c.record.ageMonths;
            const Radiograph r = loadRadiograph(ws->filmPath(c.record), load);
            const Assessment assessment = assessRadiograph(r, c.record.sex, packages, options);
            const nlohmann::json result = storedAssessmentJson("case " + c.record.id, r, assessment);
            StoredAssessment stored;
            stored.caseId = c.record.id;
            std::tie(stored.packageId, stored.packageSha256) = assessmentIdentity(assessment);
            if (activeVersion) stored.packageId = "v" + std::to_string(*activeVersion) + " " + stored.packageId;
            if (activeLandmarks) stored.packageId += " + landmarks v" + std::to_string(*activeLandmarks);
            stored.boneAgeMonths = assessment.withheld ? std::nullopt : assessment.boneAgeMonths();
            stored.resultJson = result.dump();
            ws->addAssessment(stored);
            done.push_back({{"case", c.record.id}, {"bone_age_months", stored.boneAgeMonths ? nlohmann::json(std::round(*stored.boneAgeMonths * 10) / 10) : nlohmann::json()},
                            {"withheld", assessment.withheld}, {"review_required", assessment.reviewRequired()}});
            if (!json) {
                if (stored.boneAgeMonths)
                    std::printf("assessed %s  %.1f months%s\n", c.record.id.c_str(), *stored.boneAgeMonths,
                                assessment.reviewRequired() ? "  (review required)" : "");
                else
                    std::printf("withheld %s  %s\n", c.record.id.c_str(),
                                assessment.reviewFlags.empty() ? "no estimate" : assessment.reviewFlags.front().message.c_str());
            }
        } catch (const InputError& e) {
            failed.push_back({{"case", c.record.id}, {"message", e.what()}});
            if (!json) std::printf("failed   %s  %s\n", c.record.id.c_str(), e.what());
        }
    }
    if (json)
        std::cout << nlohmann::json({{"workspace", ws->dir()}, {"assessed", done}, {"failed", failed}}).dump(2) << "\n";
    else
        std::printf("%zu cases assessed, %zu failed (research use, not a medical device)\n", done.size(), failed.size());
    return failed.empty() ? 0 : 1;
}

#endif

} // namespace boneage::cli
