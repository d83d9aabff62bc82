// `boneage workspace assess DIR [CASE...]`: the installed models on the workspace's cases that have
// no assessment yet (or on the cases named), each result stored with its case as `assess --json`
// writes it. The workstation's "Assess all" stores the same.
#include "CommandLine.h"
#include "WorkspaceCommand.h"

#ifdef BONEAGE_WITH_TORCH
#include "AssessmentJson.h"
#include "ModelsLocation.h"
#include "OpenMpWaiting.h"

#include "common/Sha256.h"
#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
#include "inference/LandmarkModel.h"
#include "inference/ModelPackage.h"
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

namespace {

// What identifies the models that made an estimate: the ensemble of their ids, and a digest of
// their cards (each card holds its weights' SHA-256, so a retrained package gives a new digest).
std::pair<std::string, std::string> modelIdentity(const Assessment& a)
{
    std::string id, cards;
    for (const ModelAssessment& m : a.models) {
        id += (id.empty() ? "" : "+") + m.estimate.modelId;
        std::ifstream in(std::filesystem::path(m.package) / "model.json", std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        cards += text.str();
    }
    if (a.models.size() > 1) id = "ensemble(" + id + ")";
    if (id.empty()) id = "withheld";
    return {id, sha256Hex(cards)};
}

} // namespace

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
    const auto packages = findModelPackages(dir);
    if (packages.empty()) throw std::runtime_error("no model packages found in " + dir + " (use --models DIR)");
    AssessmentOptions options;
    options.testTimeAugmentation = !a.flag("no-tta");
    options.forceWithoutHand = a.flag("force");
    if (const auto landmarks = LandmarkModel::find(dir)) options.landmarkPackage = *landmarks;

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
            nlohmann::json result = assessmentJson("case " + c.record.id, r, assessment);
            if (assessment.landmarks && assessment.landmarks->handFound) {
                nlohmann::json points = nlohmann::json::array();
                for (int i = 0; i < kHandKeypointCount; ++i) {
                    const HandKeypoint& p = assessment.landmarks->points[i];
                    points.push_back({{"name", handKeypointNames()[i]}, {"x", p.x}, {"y", p.y}, {"score", p.score}, {"visible", p.visible}});
                }
                result["hand"]["keypoints"] = points;
            }
            StoredAssessment stored;
            stored.caseId = c.record.id;
            std::tie(stored.packageId, stored.packageSha256) = modelIdentity(assessment);
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
