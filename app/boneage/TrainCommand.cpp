#include "TrainCommand.h"
#include "CommandLine.h"
#include "OpenMpWaiting.h"

#include "common/CardSeal.h"
#include "common/JsonText.h"
#include "common/OutputPath.h"
#include "training/DatasetCache.h"
#include "training/LandmarkTrainer.h"
#include "training/Metrics.h"
#include "training/Trainer.h"

#include <array>
#include <cmath>
#include <optional>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

namespace boneage::cli {

const char* const kTrainUsage =
    "boneage train --arch A --preset P --data CACHE [--val CACHE | --val-fraction F | --val-ids FILE] --out MODEL_DIR\n"
    "              [--device cpu|cuda] [--epochs N] [--resume CHECKPOINT] [--seed S] [--split-seed S]\n"
    "              [--threads N] [--sex M|F]\n"
    "              [--batch-size N] [--optimizer sgd|adam|adamw] [--lr X] [--weight-decay X] [--momentum X]\n"
    "              [--schedule paper|cosine|constant] [--warmup-epochs N] [--patience N]\n"
    "              [--max-steps-per-epoch N] [--no-augment] [--float32-weights] [--ema DECAY] [--overwrite]\n"
    "              [--minutes N] [--monitor CACHE] [--progress text|json] [--bf16] [--cache-on-host]\n"
    "  Trains an architecture (boneage arch --list) on a cache from `boneage prepare` with its paper's\n"
    "  recipe (optimizer, schedule, loss, steps); the options override it. Validation MAE is measured\n"
    "  every epoch on --val or on a seeded held-out fraction (default 0.1); training stops early after\n"
    "  --patience epochs without improvement. MODEL_DIR receives the model package (weights.pt,\n"
    "  model.json card, curves.csv, validation ids) and checkpoint.pt, written atomically every epoch;\n"
    "  --resume MODEL_DIR/checkpoint.pt continues a stopped or killed run exactly. A MODEL_DIR holding\n"
    "  files of an earlier run is refused unless --overwrite (which replaces those files only; other\n"
    "  files in the folder are kept; docs/outputs.md). Ctrl-C stops after the\n"
    "  current step and still writes the package of the best epoch. --sex M|F trains a per-sex model (as\n"
    "  2M-Net's paper does) on that sex alone; the held-out split is drawn before the sex filter, so the\n"
    "  male and female models of one seed are validated on the same held-out cases. --split-seed S draws\n"
    "  the held-out split with S instead of --seed, so ensemble members trained with different seeds\n"
    "  keep the same held-out cases. --val-ids FILE holds out exactly the ids listed (one per line, e.g. the\n"
    "  validation-ids.txt of the packages a run continues), whatever the cache lacks. --ema DECAY (e.g. 0.998) validates and packages an exponential\n"
    "  moving average of the weights, updated every step, instead of the last weights. --minutes N is a\n"
    "  time budget (training time, counted across --resume): the run stops after the step that reaches\n"
    "  it, validates that partial epoch and packages the best epoch. --monitor CACHE is measured after\n"
    "  every epoch (monitor_mae_months in curves.csv) and used for nothing else (a workspace's check set).\n"
    "  --progress json prints one JSON object per line (event step|epoch|done) for a program to follow\n"
    "  (on a GPU every 50 steps and at each epoch's end: reading the losses waits for the GPU). --bf16\n"
    "  trains under bf16 autocast (weights, optimizer and validation stay float32; for GPUs with bf16\n"
    "  units). On a GPU the cache is copied to its memory once when it fits; --cache-on-host keeps it on\n"
    "  the host and copies each batch.";

const char* const kFinetuneUsage =
    "boneage finetune --model MODEL_DIR --data CACHE --freeze BLOCKS --out MODEL_DIR2 [train options]\n"
    "  Continues training a packaged model on a new cache with the named parameter blocks frozen\n"
    "  (comma-separated name prefixes, e.g. backbone.stem,backbone.layer1 or TJ-Net's blocks 1-3).\n"
    "  MODEL_DIR2 must not be MODEL_DIR; --overwrite as for train. --preset P continues at another\n"
    "  preset of the same architecture whose weights have the same shapes (2mnet compact-w50 ->\n"
    "  compact128: the same network reading a larger input); a preset they do not fit is refused.";

namespace {

std::atomic<bool> interrupted{false};

// The files the trainers write into MODEL_DIR (core/training Trainer.cpp, LandmarkTrainer.cpp).
const std::vector<std::string> kModelFiles = {"model.json", "weights.pt", "weights-best.pt", "checkpoint.pt",
                                              "curves.csv", "validation-ids.txt", "validation-cumulative.csv"};
const std::vector<std::string> kLandmarkModelFiles = {"model.json", "weights.pt", "weights-best.pt", "checkpoint.pt",
                                                      "curves.csv"};

// MODEL_DIR under the output policy (common/OutputPath.h): files of an earlier run are replaced
// only with --overwrite, other files are kept, and the folder is none of the inputs. --resume of
// a checkpoint in that very folder continues its run: its files are that run's, no --overwrite.
void checkModelFolder(const Arguments& a, const std::string& out, const std::string& resume,
                      const std::vector<std::string>& names)
{
    namespace fs = std::filesystem;
    std::vector<std::pair<std::string, std::string>> inputs;
    for (const char* option : {"data", "val", "test", "model", "monitor"})
        if (const auto v = a.value(option)) inputs.emplace_back(std::string("--") + option, *v);
    const bool continuing = !resume.empty() && samePath(fs::absolute(resume).parent_path().string(), out);
    checkOutputFiles({out, "--out", a.flag("overwrite") || continuing, inputs}, names,
                     "--resume " + (fs::path(out) / "checkpoint.pt").string() + " to continue a stopped run");
}

extern "C" void onInterrupt(int) { interrupted.store(true); }

std::string joined(const std::vector<std::string>& args, const char* command)
{
    std::string s = std::string("boneage ") + command;
    for (const auto& a : args) s += " " + a;
    return s;
}

training::TrainOptions trainOptionsFrom(const Arguments& a, const std::vector<std::string>& raw, const char* command)
{
    training::TrainOptions o;
    o.architecture = a.value("arch").value_or("");
    o.preset = a.value("preset").value_or("");
    o.dataCache = a.value("data").value_or("");
    o.outDir = a.value("out").value_or("");
    if (o.dataCache.empty() || o.outDir.empty()) throw UsageError("--data and --out are required");
    o.validationCache = a.value("val").value_or("");
    if (auto f = a.value("val-fraction")) {
        o.validationFraction = parseNumber(*f, "val-fraction");
        if (o.validationFraction <= 0 || o.validationFraction >= 1) throw UsageError("--val-fraction must be in (0,1)");
    }
    if (auto v = a.value("val-ids")) {
        if (a.value("val") || a.value("val-fraction") || a.value("split-seed"))
            throw UsageError("--val-ids names the held-out films itself: give it without --val, --val-fraction or --split-seed");
        std::ifstream in(*v);
        if (!in) throw std::runtime_error(*v + ": cannot read the list of held-out ids");
        for (std::string line; std::getline(in, line);) {
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
            if (!line.empty()) o.validationIds.push_back(line);
        }
        if (o.validationIds.empty()) throw std::runtime_error(*v + ": no ids in it (one id per line)");
        o.validationIdsSource = *v;
    }
    if (auto v = a.value("sex")) {
        const std::string sex = *v == "m" ? "M" : *v == "f" ? "F" : *v;
        if (sex != "M" && sex != "F") throw UsageError("--sex must be M or F (one model per sex)");
        o.sexSubset = sex;
    }
    o.device = a.value("device").value_or("cpu");
    if (auto v = a.value("epochs")) o.epochs = static_cast<int>(parseNumber(*v, "epochs"));
    if (auto v = a.value("seed")) o.seed = static_cast<std::uint64_t>(parseNumber(*v, "seed"));
    if (auto v = a.value("split-seed")) o.splitSeed = static_cast<std::uint64_t>(parseNumber(*v, "split-seed"));
    if (auto v = a.value("threads")) o.threads = static_cast<int>(parseNumber(*v, "threads"));
    if (auto v = a.value("patience")) o.earlyStoppingPatience = static_cast<int>(parseNumber(*v, "patience"));
    if (auto v = a.value("max-steps-per-epoch")) o.maxStepsPerEpoch = static_cast<int>(parseNumber(*v, "max-steps-per-epoch"));
    o.resumeCheckpoint = a.value("resume").value_or("");
    if (auto v = a.value("minutes")) {
        o.maxTrainingSeconds = parseNumber(*v, "minutes") * 60;
        if (!(o.maxTrainingSeconds > 0)) throw UsageError("--minutes must be a positive number of minutes");
    }
    o.monitorCache = a.value("monitor").value_or("");
    o.augmentation.enabled = !a.flag("no-augment");
    o.halfPrecisionWeights = !a.flag("float32-weights");
    o.bf16Autocast = a.flag("bf16");
    o.cacheOnDevice = !a.flag("cache-on-host");
    if (auto v = a.value("ema")) {
        o.emaDecay = parseNumber(*v, "ema");
        if (!(o.emaDecay > 0 && o.emaDecay < 1)) throw UsageError("--ema must be a decay between 0 and 1, e.g. 0.998");
    }
    o.commandLine = joined(raw, command);
    checkModelFolder(a, o.outDir, o.resumeCheckpoint, kModelFiles);
    return o;
}

void applyRecipeOverrides(const Arguments& a, training::TrainingRecipe& r)
{
    if (auto v = a.value("optimizer")) {
        if (*v == "sgd") r.optimizer = training::OptimizerKind::Sgd;
        else if (*v == "adam") r.optimizer = training::OptimizerKind::Adam;
        else if (*v == "adamw") r.optimizer = training::OptimizerKind::AdamW;
        else throw UsageError("--optimizer must be sgd, adam or adamw");
        r.source += "; optimizer overridden";
    }
    if (auto v = a.value("schedule")) {
        if (*v == "paper") r.schedule = training::ScheduleKind::Paper;
        else if (*v == "cosine") r.schedule = training::ScheduleKind::Cosine;
        else if (*v == "constant") r.schedule = training::ScheduleKind::Constant;
        else throw UsageError("--schedule must be paper, cosine or constant");
        r.source += "; schedule overridden";
    }
    if (auto v = a.value("lr")) { r.learningRate = parseNumber(*v, "lr"); r.source += "; lr overridden"; }
    if (auto v = a.value("weight-decay")) r.weightDecay = parseNumber(*v, "weight-decay");
    if (auto v = a.value("momentum")) r.momentum = parseNumber(*v, "momentum");
    if (auto v = a.value("warmup-epochs")) r.warmupEpochs = static_cast<int>(parseNumber(*v, "warmup-epochs"));
    if (auto v = a.value("batch-size")) r.batchSize = static_cast<int>(parseNumber(*v, "batch-size"));
    if (r.batchSize < 1 || r.learningRate <= 0) throw UsageError("--batch-size and --lr must be positive");
    r.warmupStartLearningRate = std::min(r.warmupStartLearningRate, r.learningRate);
}

const std::set<std::string> kValueOptions = {"arch", "preset", "data", "val", "val-fraction", "device", "epochs",
                                             "out", "resume", "seed", "split-seed", "threads", "batch-size", "optimizer", "lr",
                                             "weight-decay", "momentum", "schedule", "warmup-epochs", "patience",
                                             "max-steps-per-epoch", "model", "freeze", "sex", "ema", "minutes", "monitor",
                                             "progress", "val-ids"};
const std::set<std::string> kFlags = {"no-augment", "float32-weights", "overwrite", "bf16", "cache-on-host"};

// The last line of --progress json. Written with common/JsonText, as every line here: boneage-train
// builds where LibTorch is the only library (a GPU machine has no nlohmann-json).
std::string doneLine(const std::string& modelDir, int epochsRun, int bestEpoch, const std::pair<std::string, std::string>& best,
                     double seconds, bool cancelled, bool stoppedEarly, bool stoppedByBudget)
{
    const auto flag = [](bool b) { return std::string(b ? "true" : "false"); };
    return json::object({{"event", json::quote("done")}, {"model_dir", json::quote(modelDir)}, {"epochs_run", std::to_string(epochsRun)},
                         {"best_epoch", std::to_string(bestEpoch)}, best, {"seconds", json::number(seconds, 1)},
                         {"cancelled", flag(cancelled)}, {"stopped_early", flag(stoppedEarly)},
                         {"stopped_by_time_budget", flag(stoppedByBudget)}});
}

// --progress json: one object per line, for the workspace's job runner (core/workspace/TrainingJob).
int runTrainingWithJsonProgress(const training::TrainOptions& o)
{
    const auto report = [](const training::TrainProgress& p) {
        if (!p.epochFinished && !(p.stepsPerEpoch <= 50 || p.step % 5 == 0 || p.step == p.stepsPerEpoch)) return;
        std::vector<std::pair<std::string, std::string>> j = {
            {"event", json::quote(p.epochFinished ? "epoch" : "step")}, {"epoch", std::to_string(p.epoch)},
            {"epochs", std::to_string(p.epochs)}, {"step", std::to_string(p.step)}, {"steps", std::to_string(p.stepsPerEpoch)},
            {"loss", json::number(p.loss, 6)}, {"train_mae", json::number(p.runningMae, 4)}, {"eta_s", json::number(p.etaSeconds, 1)},
            {"images_per_second", json::number(p.imagesPerSecond, 1)}};
        if (p.epochFinished) {
            j.emplace_back("validation_mae", json::number(p.validationMae, 4));
            j.emplace_back("best_validation_mae", json::number(p.bestValidationMae, 4));
            if (p.monitorMae >= 0) j.emplace_back("monitor_mae", json::number(p.monitorMae, 4));
        }
        std::printf("%s\n", json::object(j).c_str());
        std::fflush(stdout);
    };
    const training::TrainResult r = training::train(o, report, &interrupted);
    std::printf("%s\n", doneLine(r.modelDir, r.epochsRun, r.bestEpoch, {"best_validation_mae", json::number(r.bestValidationMae, 4)}, r.seconds,
                                 r.cancelled, r.stoppedEarly, r.stoppedByBudget).c_str());
    std::fflush(stdout);
    return r.cancelled ? 130 : 0;
}

int runTraining(training::TrainOptions o, const std::string& progressFormat = "text")
{
    interrupted.store(false);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    if (progressFormat == "json") return runTrainingWithJsonProgress(o);
    if (progressFormat != "text") throw UsageError("--progress must be text or json");
    const auto report = [](const training::TrainProgress& p) {
        if (p.epochFinished) {
            std::printf("epoch %d/%d done: train loss %.4f, train MAE %.2f, validation MAE %.2f months (best %.2f), "
                        "%.1f img/s%s\n",
                        p.epoch, p.epochs, p.loss, p.runningMae, p.validationMae, p.bestValidationMae, p.imagesPerSecond,
                        p.monitorMae >= 0 ? (", monitor MAE " + std::to_string(p.monitorMae).substr(0, 5)).c_str() : "");
        } else if (p.stepsPerEpoch <= 50 || p.step % 20 == 0 || p.step == p.stepsPerEpoch) {
            std::printf("epoch %d/%d step %d/%d: loss %.4f, running MAE %.2f, lr %.2g, %.1f img/s, ETA %.0f min\n",
                        p.epoch, p.epochs, p.step, p.stepsPerEpoch, p.loss, p.runningMae, p.learningRate,
                        p.imagesPerSecond, p.etaSeconds / 60);
        }
        std::fflush(stdout);
    };
    const training::TrainResult r = training::train(o, report, &interrupted);
    std::printf("%s: %d epochs, best validation MAE %.2f months at epoch %d, %.0f s, %.1f training img/s%s%s%s\n",
                r.modelDir.c_str(), r.epochsRun, r.bestValidationMae, r.bestEpoch, r.seconds, r.trainImagesPerSecond,
                r.cancelled ? " (stopped by the user)" : "", r.stoppedEarly ? " (early stop)" : "",
                r.stoppedByBudget ? " (time budget reached)" : "");
    return r.cancelled ? 130 : 0;
}

// The card is JSON; this build has no JSON parser, and only two plain string fields are needed.
std::string cardField(const std::string& card, const std::string& key)
{
    const std::regex re("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"");
    std::smatch m;
    return std::regex_search(card, m, re) ? m[1].str() : std::string();
}

// {slope, intercept, centre} of the card's "calibration" object; {1, 0, 120} (none) when it has none.
std::array<double, 3> calibrationOf(const std::string& card)
{
    std::array<double, 3> c{1.0, 0.0, 120.0};
    std::smatch object;
    if (!std::regex_search(card, object, std::regex(R"("calibration"\s*:\s*\{[^}]*\})"))) return c;
    const std::string text = object[0].str();
    const char* keys[3] = {"slope", "intercept", "centre_months"};
    for (int k = 0; k < 3; ++k) {
        std::smatch m;
        if (std::regex_search(text, m, std::regex("\"" + std::string(keys[k]) + "\"\\s*:\\s*(-?[0-9.eE+-]+)")))
            c[static_cast<size_t>(k)] = std::stod(m[1].str());
    }
    return c;
}

} // namespace

int runTrain(const std::vector<std::string>& args)
{
    const Arguments a(args, kValueOptions, kFlags);
    restartWithPassiveOpenMpWaiting("boneage", "train", args);
    training::TrainOptions o = trainOptionsFrom(a, args, "train");
    if (o.architecture.empty() || o.preset.empty()) throw UsageError("--arch and --preset are required");
    o.recipe = training::paperRecipe(o.architecture);
    applyRecipeOverrides(a, o.recipe);
    return runTraining(o, a.value("progress").value_or("text"));
}

training::TrainOptions finetuneOptions(const std::vector<std::string>& args)
{
    const Arguments a(args, kValueOptions, kFlags);
    const auto model = a.value("model");
    const auto freeze = a.value("freeze");
    if (!model || !freeze) throw UsageError("--model and --freeze are required");
    // The card is scanned, not fully validated (this file also builds without a JSON library), but
    // its seal is checked; the weights are checked against the network when they are loaded.
    std::stringstream card(readSealedCard(*model));
    training::TrainOptions o = trainOptionsFrom(a, args, "finetune");
    o.architecture = cardField(card.str(), "architecture");
    o.preset = cardField(card.str(), "preset");
    if (o.architecture.empty() || o.preset.empty()) throw std::runtime_error(*model + "/model.json: no architecture/preset");
    // --preset: continue at another preset of the same architecture (e.g. 2M-Net compact-w50 -> compact128,
    // the same network read at a larger input size). Loading the weights checks that every tensor fits.
    if (const auto preset = a.value("preset")) o.preset = *preset;
    if (o.sexSubset.empty()) {   // a per-sex package stays per-sex unless --sex says otherwise
        const std::string sex = cardField(card.str(), "sex");
        if (sex == "M" || sex == "F") o.sexSubset = sex;
    }
    o.initialWeights = *model + "/weights.pt";
    o.startedFromJson = json::object({{"package", json::quote(*model)},
                                      {"id", json::quote(cardField(card.str(), "id"))},
                                      {"weights_sha256", json::quote(cardField(card.str(), "sha256"))},
                                      {"command", json::quote(cardField(card.str(), "command"))},
                                      {"device", json::quote(cardField(card.str(), "device"))}});
    o.initialWeightsHalf = cardField(card.str(), "dtype") == "float16";
    std::stringstream list(*freeze);
    for (std::string item; std::getline(list, item, ',');)
        if (!item.empty()) o.freezePrefixes.push_back(item);
    o.recipe = training::paperRecipe(o.architecture);
    o.recipe.learningRate /= 10;   // fine-tuning: a tenth of the training rate unless overridden
    o.recipe.warmupEpochs = 0;
    o.recipe.source += "; fine-tuning at a tenth of the learning rate";
    applyRecipeOverrides(a, o.recipe);
    return o;
}

int runFinetune(const std::vector<std::string>& args)
{
    const Arguments a(args, kValueOptions, kFlags);
    restartWithPassiveOpenMpWaiting("boneage", "finetune", args);
    return runTraining(finetuneOptions(args), a.value("progress").value_or("text"));
}

const char* const kEvaluateCacheUsage =
    "boneage-train evaluate --model MODEL_DIR --data CACHE [--ids FILE] [--device cpu|cuda]\n"
    "  Metrics of a package on a cache made with its recipe (--ids: e.g. MODEL_DIR/validation-ids.txt),\n"
    "  as JSON. `boneage evaluate` does the same and also reads images directly.";

int runEvaluateCache(const std::vector<std::string>& args)
{
    const Arguments a(args, {"model", "data", "ids", "device"}, {});
    restartWithPassiveOpenMpWaiting("boneage", "evaluate", args);
    const auto model = a.value("model"), data = a.value("data");
    if (!model || !data) throw UsageError("--model and --data are required");
    std::stringstream card(readSealedCard(*model));   // seal checked, fields scanned (see runFinetune)
    std::vector<std::string> ids;
    if (auto f = a.value("ids")) {
        std::ifstream in(*f);
        if (!in) throw std::runtime_error(*f + ": cannot be read");
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) ids.push_back(line);
    }
    const auto e = training::evaluateOnCache(cardField(card.str(), "architecture"), cardField(card.str(), "preset"),
                                             *model + "/" + cardField(card.str(), "file"),
                                             cardField(card.str(), "dtype") == "float16", *data, ids,
                                             a.value("device").value_or("cpu"));
    // The card's output calibration (`boneage calibrate`), applied as the loader does.
    const auto calibrated = [&, c = calibrationOf(card.str())](double raw) { return c[2] + c[0] * (raw - c[2]) + c[1]; };
    // A per-sex package answers for its own sex only.
    const std::string sex = cardField(card.str(), "sex");
    std::vector<double> predicted, reference;
    std::vector<bool> male;
    for (size_t i = 0; i < e.ids.size(); ++i) {
        if ((sex == "M" && !e.male[i]) || (sex == "F" && e.male[i])) continue;
        predicted.push_back(calibrated(e.predicted[i]));
        reference.push_back(e.reference[i]);
        male.push_back(e.male[i]);
    }
    if (predicted.empty()) throw std::runtime_error("no selected case has the package's sex (" + sex + ")");
    std::cout << toJson(evaluateBoneAge(predicted, reference, male)) << "\n";
    return 0;
}

const char* const kTrainLandmarksUsage =
    "boneage train-landmarks --data CACHE --val CACHE --out MODEL_DIR [--test CACHE] [--device cpu|cuda]\n"
    "              [--epochs N] [--input-size 128] [--width 0.5] [--batch-size N] [--lr X] [--weight-decay X]\n"
    "              [--warmup-epochs N] [--patience N] [--threads N] [--seed S] [--resume CHECKPOINT]\n"
    "              [--max-steps-per-epoch N] [--rotation DEG] [--scale R] [--shift F] [--flip P]\n"
    "              [--no-augment] [--overwrite]\n"
    "              [--init PACKAGE [--freeze BLOCKS] [--new-view]] [--minutes N] [--monitor CACHE] [--progress text|json]\n"
    "  Trains the hand landmark model (21 keypoints, heatmaps with soft-argmax) on caches made by\n"
    "  `boneage prepare --keypoints` (the authors' train / val / test split: one cache each).\n"
    "  Augmentation moves images and keypoints together (rotation up to +-DEG, default 25; scale +-R,\n"
    "  default 0.15; shift +-F of the size, default 0.08; left/right flip with probability P, default\n"
    "  0.5 (0 for a view that is always a left hand); gamma, contrast). A checkpoint is written atomically every epoch (--resume continues it); the best\n"
    "  epoch by mean validation error is packaged (weights.pt, model.json, curves.csv), with the test\n"
    "  cache's keypoint errors in the card when --test is given. Ctrl-C stops after the current step.\n"
    "  A MODEL_DIR holding files of an earlier run is refused unless --overwrite or --resume, as for train.\n"
    "  --init PACKAGE fine-tunes a landmark package: its weights are the start, its input size and width\n"
    "  are taken (the caches must be prepared with its recipe), the card records it as started_from, and\n"
    "  the recipe becomes AdamW at a tenth of the rate (1e-4), constant, no warm-up, unless overridden;\n"
    "  --freeze BLOCKS keeps parameter prefixes fixed (e.g. encoder.conv1,encoder.bn1,encoder.layer1).\n"
    "  --init PACKAGE --new-view --input-size N starts a model of another view from the package's weights\n"
    "  (the refinement stage: caches of hand-aligned-256): any recipe, the size N, AdamW 3e-4 cosine.\n"
    "  --minutes N is a time budget (training time across --resume; the partial epoch is validated and\n"
    "  the best epoch packaged); --monitor CACHE is measured after every epoch (monitor_mean_error in\n"
    "  curves.csv) and chooses nothing; --progress json prints one JSON object per line (step|epoch|done).";

const char* const kEvaluateLandmarksUsage =
    "boneage-train evaluate-landmarks --model MODEL_DIR --data CACHE [--device cpu|cuda]\n"
    "  Keypoint errors of a landmark package on a keypoint cache, as JSON (fractions of the\n"
    "  wrist-to-middle-MCP distance: median, 90th percentile, PCK at 5 % and 10 %).";

namespace {

const std::set<std::string> kLandmarkValueOptions = {
    "data", "val", "test", "out", "device", "epochs", "input-size", "width", "batch-size", "lr", "weight-decay",
    "warmup-epochs", "patience", "threads", "seed", "resume", "max-steps-per-epoch", "rotation", "scale", "shift",
    "flip", "init", "freeze", "minutes", "monitor", "progress"};

// A number field of a card (the first with that key), scanned as cardField does strings.
std::optional<double> cardNumber(const std::string& card, const std::string& key)
{
    std::smatch m;
    if (!std::regex_search(card, m, std::regex("\"" + key + "\"\\s*:\\s*(-?[0-9.eE+-]+)"))) return std::nullopt;
    try {
        return std::stod(m[1].str());
    } catch (const std::logic_error&) {
        return std::nullopt;
    }
}

// --init PACKAGE: the landmark package to fine-tune (its card's seal checked; the weights are checked
// against the network when they are loaded). Sets the size, width, weights and started_from, and the
// fine-tuning recipe (a tenth of the training rate, constant: a time budget has no known end).
void applyLandmarkInit(const Arguments& a, const std::string& package, training::LandmarkTrainOptions& o)
{
    const std::string card = readSealedCard(package);
    if (cardField(card, "format") != "boneage-landmarks-1")
        throw UsageError("--init " + package + " is not a hand landmark package (its card's format is '" +
                         cardField(card, "format") + "'); give a landmark package such as models/hand-landmarks-128px");
    const auto size = cardNumber(card, "size"), width = cardNumber(card, "width_multiplier");
    if (!size || !width) throw std::runtime_error(package + "/model.json: no input size / width_multiplier");
    // --new-view: the weights start a model of another view (a refinement stage reading the aligned
    // hand at a larger size): the network is fully convolutional, so the size is the caches'.
    const bool newView = a.flag("new-view");
    if (newView && !a.value("input-size")) throw UsageError("--new-view needs --input-size (the new view's size)");
    if ((!newView && a.value("input-size") && parseNumber(*a.value("input-size"), "input-size") != *size) ||
        (a.value("width") && std::abs(parseNumber(*a.value("width"), "width") - *width) > 1e-9))
        throw UsageError("--input-size and --width come from the --init package (" + std::to_string(int(*size)) + " px, width " +
                         std::to_string(*width).substr(0, 4) + "); leave them out");
    o.inputSize = newView ? static_cast<int>(parseNumber(*a.value("input-size"), "input-size")) : static_cast<int>(*size);
    o.widthMultiplier = *width;
    o.initialWeights = (std::filesystem::path(package) / (cardField(card, "file").empty() ? "weights.pt" : cardField(card, "file"))).string();
    o.initialWeightsHalf = cardField(card, "dtype") == "float16";
    o.startedFromJson = json::object({{"package", json::quote(package)},
                                      {"id", json::quote(cardField(card, "id"))},
                                      {"weights_sha256", json::quote(cardField(card, "sha256"))},
                                      {"command", json::quote(cardField(card, "command"))},
                                      {"device", json::quote(cardField(card, "device"))}});
    // The caches must be prepared as the package prepares films, or the weights see other images.
    const std::string recipe = cardField(card, "name");
    for (const auto& [option, cache] : {std::pair{"--data", o.dataCache}, std::pair{"--val", o.validationCache}}) {
        const std::string cacheRecipe = cardField(DatasetCache::open(cache).recipeJson(), "name");
        if (!newView && !recipe.empty() && cacheRecipe != recipe)
            throw UsageError(std::string(option) + " " + cache + " was prepared with recipe '" + cacheRecipe + "', the package with '" +
                             recipe + "'; prepare it with --recipe " + recipe);
    }
    if (newView) {   // a new task for the weights: a full schedule, at a third of the training rate
        o.recipe.learningRate = 3e-4;
        o.recipe.schedule = training::ScheduleKind::Cosine;
        o.recipe.warmupEpochs = 1;
        o.recipe.source = "started from " + cardField(card, "id") + " for a new view: AdamW 3e-4, cosine, 1 warm-up epoch";
        return;
    }
    o.recipe.learningRate = 1e-4;
    o.recipe.schedule = training::ScheduleKind::Constant;
    o.recipe.warmupEpochs = 0;
    o.recipe.source = "fine-tuning " + cardField(card, "id") + ": AdamW at a tenth of the training rate (1e-4), constant, no warm-up";
}

} // namespace

int runTrainLandmarks(const std::vector<std::string>& args)
{
    const Arguments a(args, kLandmarkValueOptions, {"no-augment", "overwrite", "new-view"});
    restartWithPassiveOpenMpWaiting("boneage", "train-landmarks", args);
    training::LandmarkTrainOptions o = landmarkOptions(args);
    const std::string progressFormat = a.value("progress").value_or("text");
    if (progressFormat != "text" && progressFormat != "json") throw UsageError("--progress must be text or json");
    interrupted.store(false);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    if (progressFormat == "json") {
        const auto report = [](const training::LandmarkProgress& p) {
            if (!p.epochFinished && !(p.stepsPerEpoch <= 50 || p.step % 5 == 0 || p.step == p.stepsPerEpoch)) return;
            std::vector<std::pair<std::string, std::string>> j = {
                {"event", json::quote(p.epochFinished ? "epoch" : "step")}, {"epoch", std::to_string(p.epoch)},
                {"epochs", std::to_string(p.epochs)}, {"step", std::to_string(p.step)}, {"steps", std::to_string(p.stepsPerEpoch)},
                {"loss", json::number(p.loss, 6)}, {"eta_s", json::number(p.etaSeconds, 1)},
                {"images_per_second", json::number(p.imagesPerSecond, 1)}};
            if (p.epochFinished) {
                j.emplace_back("validation_error", json::number(p.validationMeanError, 6));
                j.emplace_back("best_validation_error", json::number(p.bestValidationMeanError, 6));
                if (p.monitorMeanError >= 0) j.emplace_back("monitor_error", json::number(p.monitorMeanError, 6));
            }
            std::printf("%s\n", json::object(j).c_str());
            std::fflush(stdout);
        };
        const auto r = training::trainLandmarks(o, report, &interrupted);
        std::printf("%s\n", doneLine(r.modelDir, r.epochsRun, r.bestEpoch, {"best_validation_error", json::number(r.bestValidationMeanError, 6)},
                                     r.seconds, r.cancelled, r.stoppedEarly, r.stoppedByBudget).c_str());
        std::fflush(stdout);
        return r.cancelled ? 130 : 0;
    }
    const auto report = [](const training::LandmarkProgress& p) {
        if (p.epochFinished)
            std::printf("epoch %d/%d done: train loss %.4f, validation mean error %.4f (best %.4f) of the hand scale%s\n", p.epoch,
                        p.epochs, p.loss, p.validationMeanError, p.bestValidationMeanError,
                        p.monitorMeanError >= 0 ? (", monitor " + std::to_string(p.monitorMeanError).substr(0, 6)).c_str() : "");
        else if (p.step % 5 == 0 || p.step == p.stepsPerEpoch)
            std::printf("epoch %d/%d step %d/%d: loss %.4f, lr %.2g, %.1f img/s, ETA %.0f min\n", p.epoch, p.epochs, p.step,
                        p.stepsPerEpoch, p.loss, p.learningRate, p.imagesPerSecond, p.etaSeconds / 60);
        std::fflush(stdout);
    };
    const auto r = training::trainLandmarks(o, report, &interrupted);
    std::printf("%s: %d epochs, best validation mean error %.4f of the hand scale at epoch %d, %.0f s, %.1f training img/s%s%s%s\n",
                r.modelDir.c_str(), r.epochsRun, r.bestValidationMeanError, r.bestEpoch, r.seconds, r.trainImagesPerSecond,
                r.cancelled ? " (stopped by the user)" : "", r.stoppedEarly ? " (early stop)" : "",
                r.stoppedByBudget ? " (time budget reached)" : "");
    return r.cancelled ? 130 : 0;
}


training::LandmarkTrainOptions landmarkOptions(const std::vector<std::string>& args)
{
    const Arguments a(args, kLandmarkValueOptions, {"no-augment", "overwrite", "new-view"});
    training::LandmarkTrainOptions o;
    o.dataCache = a.value("data").value_or("");
    o.validationCache = a.value("val").value_or("");
    o.outDir = a.value("out").value_or("");
    if (o.dataCache.empty() || o.validationCache.empty() || o.outDir.empty())
        throw UsageError("--data, --val and --out are required");
    o.testCache = a.value("test").value_or("");
    o.device = a.value("device").value_or("cpu");
    o.resumeCheckpoint = a.value("resume").value_or("");
    if (auto v = a.value("epochs")) o.epochs = static_cast<int>(parseNumber(*v, "epochs"));
    if (auto v = a.value("input-size")) o.inputSize = static_cast<int>(parseNumber(*v, "input-size"));
    if (auto v = a.value("width")) o.widthMultiplier = parseNumber(*v, "width");
    if (auto v = a.value("patience")) o.earlyStoppingPatience = static_cast<int>(parseNumber(*v, "patience"));
    if (auto v = a.value("threads")) o.threads = static_cast<int>(parseNumber(*v, "threads"));
    if (auto v = a.value("seed")) o.seed = static_cast<std::uint64_t>(parseNumber(*v, "seed"));
    if (auto v = a.value("max-steps-per-epoch")) o.maxStepsPerEpoch = static_cast<int>(parseNumber(*v, "max-steps-per-epoch"));
    if (auto v = a.value("rotation")) o.rotationDegrees = parseNumber(*v, "rotation");
    if (o.rotationDegrees < 0 || o.rotationDegrees > 180) throw UsageError("--rotation must be 0-180 degrees");
    if (auto v = a.value("scale")) o.scaleRange = parseNumber(*v, "scale");
    if (auto v = a.value("shift")) o.shiftFraction = parseNumber(*v, "shift");
    if (auto v = a.value("flip")) o.flipProbability = parseNumber(*v, "flip");
    if (o.scaleRange < 0 || o.scaleRange > 0.5) throw UsageError("--scale must be 0-0.5 (a fraction of the size)");
    if (o.shiftFraction < 0 || o.shiftFraction > 0.5) throw UsageError("--shift must be 0-0.5 (a fraction of the size)");
    if (o.flipProbability < 0 || o.flipProbability > 1) throw UsageError("--flip must be a probability, 0-1");
    if (o.inputSize < 32 || o.inputSize % 32 != 0) throw UsageError("--input-size must be a multiple of 32");
    o.augment = !a.flag("no-augment");
    o.recipe = training::landmarkRecipe();
    if (auto init = a.value("init")) applyLandmarkInit(a, *init, o);
    else if (a.value("freeze")) throw UsageError("--freeze needs --init PACKAGE (the weights to fine-tune)");
    else if (a.flag("new-view")) throw UsageError("--new-view needs --init PACKAGE (the weights to start from)");
    if (auto freeze = a.value("freeze")) {
        std::stringstream list(*freeze);
        for (std::string item; std::getline(list, item, ',');)
            if (!item.empty()) o.freezePrefixes.push_back(item);
    }
    if (auto v = a.value("minutes")) {
        o.maxTrainingSeconds = parseNumber(*v, "minutes") * 60;
        if (!(o.maxTrainingSeconds > 0)) throw UsageError("--minutes must be a positive number of minutes");
    }
    o.monitorCache = a.value("monitor").value_or("");
    applyRecipeOverrides(a, o.recipe);
    o.commandLine = joined(args, "train-landmarks");
    checkModelFolder(a, o.outDir, o.resumeCheckpoint, kLandmarkModelFiles);
    return o;
}

int runEvaluateLandmarksCache(const std::vector<std::string>& args)
{
    const Arguments a(args, {"model", "data", "device"}, {});
    const auto model = a.value("model"), data = a.value("data");
    if (!model || !data) throw UsageError("--model and --data are required");
    std::cout << training::evaluateLandmarksOnCache(*model, *data, a.value("device").value_or("cpu")) << "\n";
    return 0;
}

} // namespace boneage::cli
