// `boneage workspace train` (issue 16): a training job on the workspace's read cases, run in a child
// process (`boneage workspace run-job JOBDIR`, below) and followed here; core/workspace/TrainingJob
// plans it and records the outcome. The workstation runs the same child with QProcess.
#include "CommandLine.h"
#include "WorkspaceCommand.h"

#include "common/AtomicFile.h"
#include "workspace/TrainingJob.h"

#ifdef BONEAGE_WITH_TORCH
#include "Commands.h"
#include "ModelsLocation.h"
#include "TrainCommand.h"
#include "WorkspaceTrainJob.h"
#include "inference/ModelCard.h"
#include "training/Trainer.h"
#endif

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace boneage::cli {

namespace {

std::atomic<bool> stopRequested{false};
extern "C" void onStopSignal(int) { stopRequested.store(true); }
// The parent's death comes as its own signal (PR_SET_PDEATHSIG), so that the job records "the program
// that followed it stopped" (failed, resumable) apart from a reader's cancel (SIGTERM), whatever
// getppid() says at that instant.
std::atomic<bool> parentDied{false};
extern "C" void onParentDeath(int)
{
    parentDied.store(true);
    stopRequested.store(true);
}

std::string selfExecutable()
{
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("boneage") : self.string();
}

// --base: a package or folder of packages, "installed" (the program's models), or a version (vN).
std::string resolveBase(const std::string& base, ModelRegistry& registry)
{
#ifdef BONEAGE_WITH_TORCH
    if (base == "installed") return modelsDirectory("");
#endif
    if (base.size() > 1 && (base[0] == 'v' || base[0] == 'V') && base.find_first_not_of("0123456789", 1) == std::string::npos) {
        const auto v = registry.version(std::stoi(base.substr(1)));
        if (!v || v->state != "done") throw UsageError("--base " + base + ": no finished model version of that number");
        return registry.packageFolder(v->version);
    }
    return base;
}

} // namespace

int runWorkspaceTrain(const std::vector<std::string>& args)
{
    const Arguments a(args, {"base", "what", "minutes", "device", "recipe", "epochs", "seed", "resume"}, {"json", "shuffle-readings"});
    if (a.positional().size() != 1) throw UsageError("give the workspace folder");
    if (!a.value("base") && !a.value("resume")) throw UsageError("--base PACKAGE is required (or --resume VERSION)");
    auto ws = Workspace::open(a.positional().front(), Workspace::Access::ReadWrite);
    ModelRegistry registry(*ws);
    PlannedJob job;
    if (auto resume = a.value("resume")) {
        const std::string digits = !resume->empty() && ((*resume)[0] == 'v' || (*resume)[0] == 'V') ? resume->substr(1) : *resume;
        if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
            throw UsageError("--resume takes a version number");
        job = resumeTrainingJob(*ws, registry, std::stoi(digits));
    } else {
        TrainingRequest r;
        r.base = resolveBase(*a.value("base"), registry);
        r.what = a.value("what").value_or("bone-age");
        r.recipe = a.value("recipe").value_or("fine-tune");
        r.device = a.value("device").value_or("cpu");
        if (auto v = a.value("minutes")) r.minutes = parseNumber(*v, "minutes");
        if (auto v = a.value("epochs")) r.epochs = static_cast<int>(parseNumber(*v, "epochs"));
        if (auto v = a.value("seed")) r.seed = static_cast<std::uint64_t>(parseNumber(*v, "seed"));
        r.shuffleReadings = a.flag("shuffle-readings");
        r.command = "boneage workspace train";
        for (const std::string& s : args) r.command += " " + s;
        job = planTrainingJob(*ws, registry, r);
    }
    const bool json = a.flag("json");
    if (!json)
        std::printf("model version %d: training on %d read cases (the check set is kept out), job folder %s\n", job.version,
                    job.trainingCases, job.jobDir.c_str());
    std::fflush(stdout);
    // Ctrl-C reaches the job too (same process group); this program waits to record the outcome.
    stopRequested.store(false);
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    std::string lastMessage;
    const std::string exit = runJobProcess(
        selfExecutable(), job.arguments,
        [&](const std::string& line) {
            const JobEvent e = parseJobLine(line);
            if (e.kind == JobEvent::Kind::Log) {
                if (!line.empty()) lastMessage = line;
                if (!json) std::printf("  %s\n", line.c_str());
            } else if (!json && e.kind == JobEvent::Kind::Epoch && e.keypointError) {
                std::printf("  %s epoch %d: loss %.3f, validation keypoint error %.4f, check-set %.4f of the hand scale; job %.0f %%, "
                            "about %.0f min left\n",
                            e.package.c_str(), e.epoch, e.loss, e.validationMae, e.checkMae, 100 * e.fraction, e.etaSeconds / 60);
            } else if (!json && e.kind == JobEvent::Kind::Epoch) {
                std::printf("  %s epoch %d: loss %.3f, validation MAE %.2f, check-set MAE %.2f months; job %.0f %%, about %.0f min left\n",
                            e.package.c_str(), e.epoch, e.loss, e.validationMae, e.checkMae, 100 * e.fraction, e.etaSeconds / 60);
            } else if (!json && (e.kind == JobEvent::Kind::Phase || e.kind == JobEvent::Kind::Package)) {
                const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
                std::printf("  %s\n", j.is_object() && j.contains("message") ? j["message"].get<std::string>().c_str() : e.text.c_str());
            }
            std::fflush(stdout);
        },
        [] { return stopRequested.load(); });
    const ModelVersion v = finishTrainingJob(*ws, registry, job.version,
                                             exit + (exit != "exit 0" && !lastMessage.empty() ? ": " + lastMessage : ""));
    const nlohmann::json metrics = nlohmann::json::parse(v.metricsJson, nullptr, false);
    nlohmann::json check = metrics.is_object() && metrics.contains("check_set_in_job") ? metrics["check_set_in_job"] : nlohmann::json();
    if (json) {
        printJson({{"workspace", ws->dir()}, {"version", v.version}, {"state", v.state}, {"message", v.message},
                   {"training_cases", v.dataCases}, {"check_set", check}, {"package", v.state == "done" ? v.package : ""},
                   {"curves", nlohmann::json::parse(v.curvesJson, nullptr, false)}});
    } else if (v.state == "done") {
        std::printf("model version %d is ready (not in use: `boneage workspace compare %s %d` measures it against the model "
                    "in use on the check set)\n",
                    v.version, ws->dir().c_str(), v.version);
    } else {
        std::printf("model version %d: %s: %s\n", v.version, v.state.c_str(), v.message.c_str());
    }
    return v.state == "done" ? 0 : v.state == "cancelled" ? 130 : 1;
}

#ifdef BONEAGE_WITH_TORCH

namespace {

// The child's output: one JSON object per line on stdout (for the program that follows it) and in
// JOBDIR/log.txt (for whoever looks later).
struct JobOutput {
    std::ofstream log;
    void emit(const nlohmann::json& j)
    {
        const std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        std::printf("%s\n", line.c_str());
        std::fflush(stdout);
        log << line << '\n';
        log.flush();
    }
    void text(const std::string& line)
    {
        std::printf("%s\n", line.c_str());
        std::fflush(stdout);
        log << line << '\n';
        log.flush();
    }
};

struct JobEnded {};   // the landmark branch ended (its result is set): on to writing it

struct PreparedCaches {
    std::string train, check;
};

// The caches of one preprocessing recipe (the films prepared as the package's card says), made once
// per job and reused by a resume: a finished cache has its cache.txt.
PreparedCaches prepareCaches(const fs::path& jobDir, const nlohmann::json& plan, const std::string& recipe, JobOutput& out)
{
    PreparedCaches c{(jobDir / "caches" / (recipe + "-train")).string(), (jobDir / "caches" / (recipe + "-check")).string()};
    for (const auto& [folder, labels] : {std::pair{c.train, "labels-train.csv"}, std::pair{c.check, "labels-check.csv"}}) {
        if (fs::exists(fs::path(folder) / "cache.txt")) continue;
        out.emit({{"event", "phase"}, {"phase", "prepare"}, {"message", "preparing " + fs::path(folder).filename().string()}});
        std::ostringstream summary;
        std::streambuf* const standardOut = std::cout.rdbuf(summary.rdbuf());
        int rc = 1;
        try {
            rc = runPrepare({"--images", plan.at("films").get<std::string>(), "--labels", (jobDir / labels).string(), "--recipe",
                             recipe, "--out", folder, "--overwrite"});
        } catch (...) {
            std::cout.rdbuf(standardOut);
            throw;
        }
        std::cout.rdbuf(standardOut);
        if (rc != 0) throw std::runtime_error("the films could not be prepared for training (" + summary.str() + ")");
        out.text(summary.str().substr(0, summary.str().find_last_not_of('\n') + 1));
    }
    return c;
}

struct CheckSetScore {
    double mae = 0, bias = 0;
    int n = 0;
};

// A set of per-sex or both-sex packages on the check cache, each on its own sex, with its card's
// output calibration as the loader applies it.
CheckSetScore scoreOnCheckSet(const std::vector<std::string>& packages, const std::string& checkCache, const std::string& device)
{
    CheckSetScore s;
    double abs = 0, signedSum = 0;
    for (const std::string& p : packages) {
        const ModelCard card = readModelCard(p);
        const auto e = training::evaluateOnCache(card.architecture, card.preset, (fs::path(p) / card.weightsFile).string(),
                                                 card.weightsDtype == "float16", checkCache, {}, device);
        for (size_t i = 0; i < e.ids.size(); ++i) {
            if (!card.appliesTo(e.male[i] ? Sex::Male : Sex::Female)) continue;
            const double predicted = card.calibration ? card.calibration->apply(e.predicted[i]) : e.predicted[i];
            abs += std::abs(predicted - e.reference[i]);
            signedSum += predicted - e.reference[i];
            ++s.n;
        }
    }
    if (s.n > 0) {
        s.mae = abs / s.n;
        s.bias = signedSum / s.n;
    }
    return s;
}

nlohmann::json curvesOf(const std::string& curvesCsv)
{
    nlohmann::json rows = nlohmann::json::array();
    std::ifstream in(curvesCsv);
    std::string line;
    std::getline(in, line);   // header: epoch,train_loss,train_mae_months,validation_mae_months,learning_rate,seconds,monitor_mae_months
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream s(line);
        for (std::string x; std::getline(s, x, ',');) f.push_back(x);
        if (f.size() < 6) continue;
        rows.push_back({{"epoch", std::stoi(f[0])}, {"train_loss", std::stod(f[1])}, {"validation_mae", std::stod(f[3])},
                        {"check_mae", f.size() > 6 && !f[6].empty() ? std::stod(f[6]) : -1.0}, {"seconds", std::stod(f[5])}});
    }
    return rows;
}

} // namespace

int runWorkspaceRunJob(const std::vector<std::string>& args)
{
    const Arguments a(args, {}, {});
    if (a.positional().size() != 1) throw UsageError("give the job folder (WORKSPACE/jobs/vN)");
    const fs::path jobDir = a.positional().front();
    // The job dies with the program that follows it (the workstation, `workspace train`): it then
    // stops after the current step and leaves its checkpoint; the next start marks it resumable.
    const pid_t parent = ::getppid();
    stopRequested.store(false);
    parentDied.store(false);
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    std::signal(SIGUSR1, onParentDeath);   // installed before the request: its default action would end the job
    ::prctl(PR_SET_PDEATHSIG, SIGUSR1);
    if (::getppid() != parent) onParentDeath(0);

    std::ifstream planFile(jobDir / "job.json");
    if (!planFile) throw UsageError((jobDir / "job.json").string() + ": no job here (boneage workspace train plans one)");
    const nlohmann::json plan = nlohmann::json::parse(planFile, nullptr, false);
    if (!plan.is_object() || plan.value("format", "") != "boneage-job-1")
        throw std::runtime_error((jobDir / "job.json").string() + ": not a job plan");
    const int lockFd = ::open((jobDir / "job.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lockFd < 0 || ::flock(lockFd, LOCK_EX | LOCK_NB) != 0)
        throw std::runtime_error(jobDir.string() + ": another process is running this job");

    JobOutput out;
    out.log.open(jobDir / "log.txt", std::ios::app);
    nlohmann::json result = {{"state", "failed"}};
    const auto writeResult = [&] { writeTextAtomically((jobDir / "result.json").string(), result.dump(2) + "\n"); };
    const auto stopped = [&] {
        const bool orphaned = parentDied.load() || ::getppid() != parent;
        result["state"] = orphaned ? "failed" : "cancelled";
        result["message"] = orphaned ? "the program that followed the job stopped during training" : "cancelled during training";
    };
    try {
        if (plan.value("what", std::string("bone-age")) == "landmarks") {
            runLandmarkJob(jobDir, plan, JobEmitter{[&](const nlohmann::json& j) { out.emit(j); }, [&](const std::string& t) { out.text(t); }},
                           stopRequested, result);
            if (stopRequested.load()) stopped();
            throw JobEnded();
        }
        const auto& packages = plan.at("packages");
        const int count = static_cast<int>(packages.size());
        const double budget = plan.at("minutes").get<double>() * 60 / std::max(1, count);   // seconds per package
        const std::string device = plan.value("device", "cpu");
        nlohmann::json names = nlohmann::json::array(), curves = nlohmann::json::object(), training = nlohmann::json::array();
        std::vector<std::string> bases, trained;
        std::string checkCache;
        for (int i = 0; i < count && !stopRequested.load(); ++i) {
            const auto& p = packages[static_cast<size_t>(i)];
            const std::string name = p.at("name").get<std::string>();
            const fs::path outDir = jobDir / "out" / name;
            bases.push_back(p.at("base").get<std::string>());
            const PreparedCaches caches = prepareCaches(jobDir, plan, p.at("preprocess").get<std::string>(), out);
            checkCache = caches.check;
            out.emit({{"event", "package"}, {"package", name}, {"index", i}, {"count", count},
                      {"message", "training " + name + " (" + std::to_string(i + 1) + " of " + std::to_string(count) + ")"}});
            if (!fs::exists(outDir / "model.json") || fs::exists(outDir / "checkpoint.pt")) {
                // Fine-tuning recipe of the job (our choice, docs/training-in-the-workspace.md): AdamW at
                // 3e-4 with weight decay 0.01 and a constant rate (a time budget has no known end for a
                // schedule to aim at), batch 32; the epoch is chosen on a seeded tenth of the training
                // cases (never on the check set, which is only measured).
                std::vector<std::string> ft = {"--model", p.at("base").get<std::string>(), "--data", caches.train,
                                               "--freeze", p.at("freeze").get<std::string>(), "--out", outDir.string(),
                                               "--monitor", caches.check, "--minutes", std::to_string(budget / 60),
                                               "--epochs", std::to_string(plan.value("epochs", 100)),
                                               "--seed", std::to_string(plan.value("seed", 1)), "--device", device,
                                               "--optimizer", "adamw", "--lr", "3e-4", "--weight-decay", "0.01",
                                               "--schedule", "constant", "--batch-size", "32"};
                if (fs::exists(outDir / "checkpoint.pt")) ft.insert(ft.end(), {"--resume", (outDir / "checkpoint.pt").string()});
                else ft.push_back("--overwrite");
                training::TrainOptions o = finetuneOptions(ft);
                const auto started = std::chrono::steady_clock::now();
                const auto report = [&](const training::TrainProgress& t) {
                    if (!t.epochFinished && !(t.stepsPerEpoch <= 20 || t.step % 5 == 0)) return;
                    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                    // Within a package: the trainer's ETA (already bounded by the budget) during an epoch;
                    // at an epoch's end, what is left of the budget.
                    const double packageLeft = t.epochFinished ? std::max(0.0, budget - elapsed) : t.etaSeconds;
                    const double packageDone = std::clamp(1 - packageLeft / std::max(1.0, budget), 0.0, 1.0);
                    nlohmann::json j = {{"event", t.epochFinished ? "epoch" : "step"}, {"package", name}, {"index", i},
                                        {"count", count}, {"epoch", t.epoch}, {"epochs", t.epochs}, {"step", t.step},
                                        {"steps", t.stepsPerEpoch}, {"loss", t.loss}, {"train_mae", t.runningMae},
                                        {"job_eta_s", packageLeft + budget * (count - i - 1)},
                                        {"job_fraction", (i + packageDone) / count}};
                    if (t.epochFinished) {
                        j["validation_mae"] = t.validationMae;
                        j["check_mae"] = t.monitorMae;
                    }
                    out.emit(j);
                };
                const training::TrainResult r = training::train(o, report, &stopRequested);
                training.push_back({{"package", name}, {"epochs_run", r.epochsRun}, {"best_epoch", r.bestEpoch},
                                    {"best_validation_mae", r.bestValidationMae}, {"seconds", r.seconds},
                                    {"stopped_by_time_budget", r.stoppedByBudget}, {"stopped_early", r.stoppedEarly}});
                if (r.cancelled) break;
            }
            curves[name] = curvesOf((outDir / "curves.csv").string());
            names.push_back(name);
            trained.push_back(outDir.string());
            out.emit({{"event", "package_done"}, {"package", name}, {"index", i}, {"count", count}, {"job_fraction", double(i + 1) / count}});
        }
        result["curves"] = curves;
        result["training"] = training;
        if (stopRequested.load()) {
            stopped();
        } else {
            out.emit({{"event", "phase"}, {"phase", "evaluate"}, {"message", "measuring the base and the new model on the check set"}});
            const CheckSetScore before = scoreOnCheckSet(bases, checkCache, device);
            const CheckSetScore after = scoreOnCheckSet(trained, checkCache, device);
            result["check_set"] = {{"base", {{"mae", before.mae}, {"bias", before.bias}, {"n", before.n}}},
                                   {"candidate", {{"mae", after.mae}, {"bias", after.bias}, {"n", after.n}}},
                                   {"what", "prepared films of the check set, as in training; `workspace compare` is the paired test"}};
            result["packages"] = names;
            result["state"] = "done";
            char line[200];
            std::snprintf(line, sizeof line, "check set (%d cases): base MAE %.2f, new MAE %.2f months", after.n, before.mae, after.mae);
            result["message"] = line;
        }
    } catch (const JobEnded&) {
    } catch (const std::exception& e) {
        result["state"] = "failed";
        result["message"] = e.what();
        out.text(std::string("boneage workspace run-job: ") + e.what());
    }
    writeResult();
    out.emit({{"event", "done"}, {"state", result["state"]}, {"message", result.value("message", "")}});
    return result["state"] == "done" ? 0 : result["state"] == "cancelled" ? 130 : 1;
}

#else
int runWorkspaceRunJob(const std::vector<std::string>&)
{
    throw std::runtime_error("this build has no LibTorch, so it cannot train models");
}
#endif

} // namespace boneage::cli
