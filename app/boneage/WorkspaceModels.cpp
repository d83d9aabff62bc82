// `boneage workspace models | compare | promote | rollback` (issue 16): the workspace's model
// registry from the command line. models and rollback are torch-free; compare and promote run the
// active and the candidate model on the local check set.
#include "CommandLine.h"
#include "WorkspaceCommand.h"

#include "common/AtomicFile.h"
#include "common/Sha256.h"
#include "inference/ModelCard.h"
#include "workspace/ModelRegistry.h"
#include "workspace/TrainingJob.h"

#ifdef BONEAGE_WITH_TORCH
#include "ModelsLocation.h"
#include "workspace/CheckSetComparison.h"
#include "workspace/LandmarkComparison.h"
#endif

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace boneage::cli {

namespace {

// VERSION on the command line: a number (3, v3) or "installed" (the models shipped with the program).
std::optional<int> parseVersion(const std::string& text)
{
    if (text == "installed") return std::nullopt;
    const std::string digits = !text.empty() && (text[0] == 'v' || text[0] == 'V') ? text.substr(1) : text;
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9)
        throw UsageError("VERSION is a version number (as `boneage workspace models` lists them) or 'installed', not '" + text + "'");
    return std::stoi(digits);
}

// A digest of the model cards of the packages in `folder` (each card holds its weights' SHA-256).
std::string cardsDigest(const std::vector<std::string>& packages)
{
    std::string cards;
    for (const std::string& p : packages) cards += readCardText(p) + "\n";
    return sha256Hex(cards);
}

nlohmann::json versionJson(const Workspace& ws, const ModelVersion& v, bool active)
{
    nlohmann::json metrics = nlohmann::json::parse(v.metricsJson, nullptr, false);
    nlohmann::json curves = nlohmann::json::parse(v.curvesJson, nullptr, false);
    return {{"version", v.version},        {"active", active},         {"what", v.what},
            {"state", v.state},            {"package", v.package},     {"package_sha256", v.packageSha256},
            {"base", v.base},              {"base_sha256", v.baseSha256}, {"training_cases", v.dataCases},
            {"data_hash", v.dataHash},     {"command", v.command},     {"seed", v.seed},
            {"device", v.device},          {"metrics", metrics.is_discarded() ? nlohmann::json::object() : metrics},
            {"curves", curves.is_discarded() ? nlohmann::json::array() : curves},
            {"message", v.message},        {"created_at", v.createdAt},
            // A "running" version whose job process is gone was interrupted: the next `workspace
            // train` (or the workstation) records it as failed and resumable.
            {"job_running", v.state == "running" && jobIsRunning((fs::path(ws.dir()) / "jobs" / ("v" + std::to_string(v.version))).string())},
            {"finished_at", v.finishedAt.empty() ? nlohmann::json() : nlohmann::json(v.finishedAt)}};
}

int runModels(const std::vector<std::string>& args)
{
    const Arguments a(args, {"add", "base", "what"}, {"json", "grow-check-set"});
    if (a.positional().size() != 1) throw UsageError("give the workspace folder");
    const auto add = a.values("add");
    const bool grow = a.flag("grow-check-set");
    if (grow && !add.empty()) throw UsageError("--grow-check-set and --add are separate steps");
    auto ws = Workspace::open(a.positional().front(),
                              add.empty() && !grow ? Workspace::Access::ReadOnly : Workspace::Access::ReadWrite);
    ModelRegistry registry(*ws);
    if (grow) {
        const auto added = registry.growCheckSet();
        const size_t size = registry.checkSet().size();
        if (a.flag("json")) printJson({{"workspace", ws->dir()}, {"added", added.size()}, {"check_set", size}});
        else if (added.empty()) std::printf("the check set (%zu cases) is already 20 %% of the read cases, or no untrained read case is left to add\n", size);
        else std::printf("the check set grew by %zu cases to %zu (read cases no version has trained on)\n", added.size(), size);
        return 0;
    }
    if (!add.empty()) {
        // Packages trained elsewhere (e.g. `boneage finetune`) become one version: checked as assess
        // loads them, copied in whole, registered in one transaction.
        ModelVersion v;
        v.what = a.value("what").value_or("bone-age");
        if (v.what != "bone-age" && v.what != "landmarks") throw UsageError("--what must be bone-age or landmarks");
        for (const std::string& p : add) {   // checked as assess loads them: throws PackageError naming what is wrong
            if (v.what == "landmarks") readLandmarkCard(p);
            else readModelCard(p);
        }
        v.state = "done";
        v.packageSha256 = cardsDigest(add);
        v.base = a.value("base").value_or("");
        v.command = "boneage workspace models --add";
        v.finishedAt = utcNow();
        const int number = registry.addVersion(v, [&](const std::string& folder) {
            replaceDirectoryAtomically(folder, [&](const std::string& tmp) {
                for (const std::string& p : add) {
                    const fs::path target = fs::path(tmp) / fs::path(p).lexically_normal().filename();
                    if (fs::exists(target)) throw UsageError("two packages named " + target.filename().string());
                    fs::copy(p, target, fs::copy_options::recursive);
                }
            });
        });
        if (a.flag("json")) printJson({{"workspace", ws->dir()}, {"added", number}});
        else std::printf("model version %d registered (%zu package(s)); not active until promoted\n", number, add.size());
        return 0;
    }
    const auto active = registry.activeVersion("bone-age");
    const auto activeLandmarks = registry.activeVersion("landmarks");
    nlohmann::json versions = nlohmann::json::array();
    for (const ModelVersion& v : registry.versions())
        versions.push_back(versionJson(*ws, v, v.what == "bone-age" ? active == v.version : activeLandmarks == v.version));
    nlohmann::json history = nlohmann::json::array();
    for (const Activation& h : registry.activations())
        history.push_back({{"what", h.what}, {"version", h.version ? nlohmann::json(*h.version) : nlohmann::json("installed")},
                           {"reason", h.reason}, {"at", h.at}});
    if (a.flag("json")) {
        printJson({{"workspace", ws->dir()},
               {"versions", versions},
               {"active", {{"bone-age", active ? nlohmann::json(*active) : nlohmann::json("installed")},
                           {"landmarks", activeLandmarks ? nlohmann::json(*activeLandmarks) : nlohmann::json("installed")}}},
               {"check_set", registry.checkSet().size()},
               {"activations", history}});
        return 0;
    }
    std::printf("%s: bone-age model in use: %s; landmark model in use: %s; check set: %zu cases\n", ws->dir().c_str(),
                active ? ("version " + std::to_string(*active)).c_str() : "the installed models",
                activeLandmarks ? ("version " + std::to_string(*activeLandmarks)).c_str() : "the installed one", registry.checkSet().size());
    for (const auto& v : versions) {
        std::printf("  %s v%-3d %-9s %-9s %s", v["active"].get<bool>() ? "*" : " ", v["version"].get<int>(),
                    v["what"].get<std::string>().c_str(), v["state"].get<std::string>().c_str(), v["created_at"].get<std::string>().c_str());
        if (v["metrics"].contains("candidate") && v["metrics"]["candidate"].contains("mae"))
            std::printf("  check-set MAE %.2f months", v["metrics"]["candidate"]["mae"].get<double>());
        if (v["metrics"].contains("candidate") && v["metrics"]["candidate"].contains("mean_error"))
            std::printf("  check-set keypoint error %.4f of the hand scale", v["metrics"]["candidate"]["mean_error"].get<double>());
        std::printf("\n");
    }
    if (versions.empty()) std::printf("  no versions yet\n");
    return 0;
}

int runRollback(const std::vector<std::string>& args)
{
    const Arguments a(args, {"what"}, {"json"});
    if (a.positional().size() != 2) throw UsageError("give the workspace folder and the version (or 'installed')");
    const auto version = parseVersion(a.positional()[1]);
    auto ws = Workspace::open(a.positional()[0], Workspace::Access::ReadWrite);
    ModelRegistry registry(*ws);
    // A version knows its kind; --what is needed only for 'installed' (and must agree when given).
    std::string what = a.value("what").value_or("bone-age");
    if (version) {
        const auto v = registry.version(*version);
        if (!v) throw WorkspaceError(WorkspaceError::Reason::InvalidValue, ws->dir() + " has no model version " + std::to_string(*version));
        if (a.value("what") && *a.value("what") != v->what)
            throw UsageError("version " + std::to_string(*version) + " is a " + v->what + " model, not " + *a.value("what"));
        what = v->what;
    }
    if (registry.activeVersion(what) == version) {
        std::printf("%s is already in use\n", version ? ("version " + std::to_string(*version)).c_str() : "the installed model");
        return 0;
    }
    registry.activate(what, version, "rollback");
    if (a.flag("json")) printJson({{"workspace", ws->dir()}, {"active", version ? nlohmann::json(*version) : nlohmann::json("installed")}});
    else std::printf("%s model in use: %s\n", what.c_str(), version ? ("version " + std::to_string(*version)).c_str() : "the installed models");
    return 0;
}

#ifdef BONEAGE_WITH_TORCH

// The landmark branch (issue 16): the same gate on the check-set hands' keypoint errors.
int compareOrPromoteLandmarks(const Arguments& a, Workspace& ws, ModelRegistry& registry, int version, bool promote)
{
    if (registry.activeVersion("landmarks") == version) {
        std::printf("version %d is already the landmark model in use\n", version);
        return 0;
    }
    const LandmarkComparison run = runLandmarkComparison(
        planLandmarkComparison(ws, registry, version, modelsDirectory(a.value("models").value_or(""))));
    nlohmann::json j = landmarkComparisonJson(run);
    recordLandmarkComparison(registry, run, j);
    const auto& d = j["difference"];
    const auto& r = run.result;
    if (!promote) {
        if (a.flag("json")) printJson(j);
        else
            std::printf("check set (%d hands): landmark model in use: mean keypoint error %.4f, candidate v%d %.4f of the hand scale;\n"
                        "difference %+.4f, 95 %% interval [%+.4f, %+.4f]: %s\n",
                        r.active.n, r.active.mae, version, r.candidate.mae, d["mean"].get<double>(), d["lower"].get<double>(),
                        d["upper"].get<double>(), r.candidateIsBetter() ? "better, may be promoted" : "not shown to be better");
        return 0;
    }
    if (!r.candidateIsBetter() && !a.value("override")) {
        std::fprintf(stderr,
                     "boneage workspace promote: version %d is not shown to be better than the landmark model in use on the check set "
                     "(%d hands): mean keypoint error difference %+.4f of the hand scale, 95 %% interval [%+.4f, %+.4f], whose upper "
                     "bound is not below 0. Nothing was changed; --override REASON promotes it anyway and keeps the reason.\n",
                     version, r.active.n, d["mean"].get<double>(), d["lower"].get<double>(), d["upper"].get<double>());
        if (a.flag("json")) printJson(j);
        return 3;
    }
    const std::string reason = promoteLandmarkCandidate(registry, run, a.value("override"));
    j["promoted"] = true;
    j["reason"] = reason;
    if (a.flag("json")) printJson(j);
    else std::printf("version %d is now the landmark model in use (%s)\n", version, reason.c_str());
    return 0;
}

int runCompareOrPromote(const std::vector<std::string>& args, bool promote)
{
    const Arguments a(args, {"models", "override"}, {"json"});
    if (a.positional().size() != 2) throw UsageError("give the workspace folder and the candidate version");
    const auto version = parseVersion(a.positional()[1]);
    if (!version) throw UsageError("the candidate is a version number; `rollback DIR installed` returns to the installed models");
    if (a.value("override") && a.value("override")->find_first_not_of(" \t") == std::string::npos)
        throw UsageError("--override needs a written reason");
    auto ws = Workspace::open(a.positional()[0], Workspace::Access::ReadWrite);
    ModelRegistry registry(*ws);
    const auto candidate = registry.version(*version);
    if (candidate && candidate->what == "landmarks") return compareOrPromoteLandmarks(a, *ws, registry, *version, promote);
    const auto active = registry.activeVersion("bone-age");
    if (active == version) {
        std::printf("version %d is already in use\n", *version);
        return 0;
    }
    const CheckSetComparison run = compareOnCheckSet(*ws, registry, *version, modelsDirectory(a.value("models").value_or("")));
    nlohmann::json j = comparisonJson(run);
    recordComparison(registry, run, j);   // the latest comparison stays with the candidate
    const auto& d = j["difference"];
    if (!promote) {
        if (a.flag("json")) printJson(j);
        else
            std::printf("check set (%d cases): active MAE %.2f (bias %+.2f), candidate v%d MAE %.2f (bias %+.2f) months;\n"
                        "difference %+.2f months, 95 %% interval [%+.2f, %+.2f]: %s\n",
                        run.result.active.n, run.result.active.mae, run.result.active.bias, *version, run.result.candidate.mae,
                        run.result.candidate.bias, d["mean"].get<double>(), d["lower"].get<double>(), d["upper"].get<double>(),
                        run.result.candidateIsBetter() ? "better, may be promoted" : "not shown to be better");
        return 0;
    }
    if (!run.result.candidateIsBetter() && !a.value("override")) {
        std::fprintf(stderr,
                     "boneage workspace promote: version %d is not shown to be better than the model in use on the check set "
                     "(%d cases): MAE difference %+.2f months, 95 %% interval [%+.2f, %+.2f], whose upper bound is not below 0. "
                     "Nothing was changed; --override REASON promotes it anyway and keeps the reason.\n",
                     *version, run.result.active.n, d["mean"].get<double>(), d["lower"].get<double>(), d["upper"].get<double>());
        if (a.flag("json")) printJson(j);
        return 3;
    }
    const std::string reason = promoteCandidate(registry, run, a.value("override"));
    j["promoted"] = true;
    j["reason"] = reason;
    if (a.flag("json")) printJson(j);
    else std::printf("version %d is now the bone-age model in use (%s)\n", *version, reason.c_str());
    return 0;
}

#else
int runCompareOrPromote(const std::vector<std::string>&, bool)
{
    throw std::runtime_error("this build has no LibTorch, so it cannot run models");
}
#endif

} // namespace

int runWorkspaceModels(const std::vector<std::string>& args) { return runModels(args); }
int runWorkspaceCompare(const std::vector<std::string>& args) { return runCompareOrPromote(args, false); }
int runWorkspacePromote(const std::vector<std::string>& args) { return runCompareOrPromote(args, true); }
int runWorkspaceRollback(const std::vector<std::string>& args) { return runRollback(args); }

} // namespace boneage::cli
