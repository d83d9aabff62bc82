// The landmark branch of `boneage workspace run-job` (issue 16): the hands a workspace's readers
// confirmed or corrected (planned by core/workspace/LandmarkTrainingJob) prepared with the base
// package's recipe, the base fine-tuned on them within the budget, the epoch chosen on the seeded
// tenth of the training hands, the check-set hands measured after every epoch for the curves only.
#include "CommandLine.h"
#include "Commands.h"
#include "TrainCommand.h"
#include "WorkspaceTrainJob.h"

#include "inference/LandmarkModel.h"
#include "training/LandmarkTrainer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace boneage::cli {

namespace {

// The three caches (training, the validation tenth, the check set), made once per job and reused
// by a resume: a finished cache has its cache.txt.
std::map<std::string, std::string> prepareKeypointCaches(const fs::path& jobDir, const nlohmann::json& plan, const std::string& recipe,
                                                          const JobEmitter& out)
{
    std::map<std::string, std::string> caches;
    for (const char* part : {"train", "val", "check"}) {
        const std::string folder = (jobDir / "caches" / (recipe + "-" + part)).string();
        caches[part] = folder;
        if (fs::exists(fs::path(folder) / "cache.txt")) continue;
        out.emit({{"event", "phase"}, {"phase", "prepare"}, {"message", "preparing " + fs::path(folder).filename().string()}});
        std::ostringstream summary;
        std::streambuf* const standardOut = std::cout.rdbuf(summary.rdbuf());
        int rc = 1;
        try {
            rc = runPrepare({"--images", plan.at("films").get<std::string>(), "--labels", (jobDir / ("labels-" + std::string(part) + ".csv")).string(),
                             "--keypoints", (jobDir / "keypoints.json").string(), "--recipe", recipe, "--out", folder, "--overwrite"});
        } catch (...) {
            std::cout.rdbuf(standardOut);
            throw;
        }
        std::cout.rdbuf(standardOut);
        if (rc != 0) throw std::runtime_error("the films could not be prepared for training (" + summary.str() + ")");
        out.text(summary.str().substr(0, summary.str().find_last_not_of('\n') + 1));
    }
    return caches;
}

nlohmann::json landmarkCurvesOf(const std::string& curvesCsv)
{
    nlohmann::json rows = nlohmann::json::array();
    std::ifstream in(curvesCsv);
    std::string line;
    std::getline(in, line);   // epoch,train_loss,validation_mean_error,validation_median_error,learning_rate,seconds,monitor_mean_error
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream s(line);
        for (std::string x; std::getline(s, x, ',');) f.push_back(x);
        if (f.size() < 6) continue;
        rows.push_back({{"epoch", std::stoi(f[0])}, {"train_loss", std::stod(f[1])}, {"validation_error", std::stod(f[2])},
                        {"check_error", f.size() > 6 && !f[6].empty() ? std::stod(f[6]) : -1.0}, {"seconds", std::stod(f[5])}});
    }
    return rows;
}

double meanErrorOn(const std::string& package, const std::string& cache, const std::string& device, int* hands)
{
    const nlohmann::json m = nlohmann::json::parse(training::evaluateLandmarksOnCache(package, cache, device));
    if (hands) *hands = m.value("hands", 0);
    return m.value("mean_error", -1.0);
}

} // namespace

void runLandmarkJob(const fs::path& jobDir, const nlohmann::json& plan, const JobEmitter& out, const std::atomic<bool>& stop,
                    nlohmann::json& result)
{
    const auto& p = plan.at("packages").at(0);
    const std::string name = p.at("name").get<std::string>(), base = p.at("base").get<std::string>();
    const std::string device = plan.value("device", "cpu");
    const double budget = plan.at("minutes").get<double>() * 60;
    const fs::path outDir = jobDir / "out" / name;
    const auto caches = prepareKeypointCaches(jobDir, plan, p.at("preprocess").get<std::string>(), out);
    out.emit({{"event", "package"}, {"package", name}, {"index", 0}, {"count", 1}, {"message", "training " + name}});
    nlohmann::json training = nlohmann::json::array();
    if (!fs::exists(outDir / "model.json") || fs::exists(outDir / "checkpoint.pt")) {
        // The fine-tuning recipe of a landmark job (our choice, docs/training-in-the-workspace.md):
        // AdamW at a tenth of the training rate (1e-4), constant, no warm-up, batch 16 (local sets are
        // small), the trainer's augmentation, early stop after 8 epochs without a better validation error.
        std::vector<std::string> args = {"--init", base, "--data", caches.at("train"), "--val", caches.at("val"),
                                         "--monitor", caches.at("check"), "--out", outDir.string(),
                                         "--minutes", std::to_string(budget / 60), "--epochs", std::to_string(plan.value("epochs", 100)),
                                         "--seed", std::to_string(plan.value("seed", 1)), "--device", device,
                                         "--batch-size", "16", "--patience", "8"};
        if (const std::string freeze = p.value("freeze", ""); !freeze.empty()) args.insert(args.end(), {"--freeze", freeze});
        if (fs::exists(outDir / "checkpoint.pt")) args.insert(args.end(), {"--resume", (outDir / "checkpoint.pt").string()});
        else args.push_back("--overwrite");
        const training::LandmarkTrainOptions o = landmarkOptions(args);
        const auto started = std::chrono::steady_clock::now();
        const auto report = [&](const training::LandmarkProgress& t) {
            if (!t.epochFinished && !(t.stepsPerEpoch <= 20 || t.step % 5 == 0)) return;
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            const double left = t.epochFinished ? std::max(0.0, budget - elapsed) : t.etaSeconds;
            nlohmann::json j = {{"event", t.epochFinished ? "epoch" : "step"}, {"package", name}, {"index", 0}, {"count", 1},
                                {"epoch", t.epoch}, {"epochs", t.epochs}, {"step", t.step}, {"steps", t.stepsPerEpoch},
                                {"loss", t.loss}, {"metric", "keypoint_error"}, {"job_eta_s", left},
                                {"job_fraction", std::clamp(1 - left / std::max(1.0, budget), 0.0, 1.0)}};
            if (t.epochFinished) {
                j["validation_error"] = t.validationMeanError;
                j["check_error"] = t.monitorMeanError;
            }
            out.emit(j);
        };
        const training::LandmarkTrainResult r = training::trainLandmarks(o, report, &stop);
        training.push_back({{"package", name}, {"epochs_run", r.epochsRun}, {"best_epoch", r.bestEpoch},
                            {"best_validation_error", r.bestValidationMeanError}, {"seconds", r.seconds},
                            {"stopped_by_time_budget", r.stoppedByBudget}, {"stopped_early", r.stoppedEarly}});
    }
    result["curves"] = {{name, landmarkCurvesOf((outDir / "curves.csv").string())}};
    result["training"] = training;
    if (stop.load()) return;
    out.emit({{"event", "package_done"}, {"package", name}, {"index", 0}, {"count", 1}, {"job_fraction", 1.0}});
    out.emit({{"event", "phase"}, {"phase", "evaluate"}, {"message", "measuring the base and the new landmark model on the check set"}});
    int n = 0;
    const double before = meanErrorOn(base, caches.at("check"), device, nullptr);
    const double after = meanErrorOn(outDir.string(), caches.at("check"), device, &n);
    result["check_set"] = {{"base", {{"mean_error", before}, {"n", n}}},
                           {"candidate", {{"mean_error", after}, {"n", n}}},
                           {"unit", "mean keypoint error, fraction of the wrist to middle-finger MCP distance"},
                           {"what", "prepared check-set hands, as in training; `workspace compare` is the paired test"}};
    result["packages"] = nlohmann::json::array({name});
    // The refinement stage installed beside the base (issue 18) goes with the new first stage, as it
    // is: it reads the hand again at the film's resolution around whatever keypoints the first stage
    // found, so a retrained first stage keeps it, and the version's assessments refine as the
    // installed models do. Copied, not retrained: a local set of a few dozen hands is too small for it
    // (our choice; docs/training-in-the-workspace.md).
    if (const auto refinement = LandmarkModel::findRefinement(fs::path(base).parent_path().string())) {
        const fs::path to = jobDir / "out" / fs::path(*refinement).filename();
        fs::remove_all(to);
        fs::copy(*refinement, to, fs::copy_options::recursive);
        std::error_code ec;
        fs::remove(to / "checkpoint.pt", ec);
        result["packages"].push_back(to.filename().string());
        result["refinement"] = to.filename().string();
        out.emit({{"event", "phase"}, {"phase", "evaluate"}, {"message", "the refinement stage " + to.filename().string() + " goes with it"}});
    }
    result["state"] = "done";
    char line[200];
    std::snprintf(line, sizeof line, "check set (%d hands): base keypoint error %.4f, new %.4f of the hand scale", n, before, after);
    result["message"] = line;
}

} // namespace boneage::cli
