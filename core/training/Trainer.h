#pragma once
// The training engine: one loop for every architecture, each with its paper's recipe as defaults
// (optimizer, schedule, loss, steps), progress reported through a callback and stoppable through a
// cancel flag, checkpoints every epoch written atomically so that a killed run resumes exactly.
// LibTorch only: the command line and the workstation's background jobs both drive it.
#include "training/Augmentation.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace boneage::training {

enum class OptimizerKind { Sgd, Adam, AdamW };
enum class ScheduleKind { Paper, Cosine, Constant };

// What a paper prescribes, overridable from the command line.
struct TrainingRecipe {
    OptimizerKind optimizer = OptimizerKind::Sgd;
    double learningRate = 0.0025;
    double momentum = 0.9;
    double weightDecay = 1e-4;
    ScheduleKind schedule = ScheduleKind::Paper;
    int warmupEpochs = 5;
    double warmupStartLearningRate = 0.001;
    int stepEpochs = 30;          // Paper schedule: x stepFactor every stepEpochs after the warm-up
    double stepFactor = 0.1;
    int batchSize = 64;
    std::string source;           // where these values come from
};

// The paper's recipe for an architecture (2M-Net: SGD, momentum 0.9, wd 1e-4, warm-up 5 epochs
// from 0.001 to 0.0025, x0.1 every 30 epochs, batch 64).
TrainingRecipe paperRecipe(const std::string& architecture);

struct TrainOptions {
    std::string architecture, preset;
    std::string dataCache;
    std::string validationCache;       // empty: hold out validationFraction of dataCache
    double validationFraction = 0.1;
    // Non-empty: hold out exactly these ids of dataCache (e.g. the validation-ids.txt of the packages
    // a run continues), whatever films the cache lacks or adds; validationFraction is then unused.
    // A continued model must be scored on films it never trained on, and an index-seeded draw moves
    // as soon as a new recipe skips a film.
    std::vector<std::string> validationIds;
    std::string validationIdsSource;   // the file they came from, for the card
    // Per-sex models (2M-Net's paper trains males and females separately): "M" or "F" keeps only that
    // sex in training and validation; the held-out split is drawn over the whole cache first, so the
    // two per-sex models of one seed share the same held-out tenth. Empty: both sexes.
    std::string sexSubset;
    std::string device = "cpu";        // "cpu" or "cuda"
    int epochs = 10;
    int maxStepsPerEpoch = 0;          // 0: the whole training set (small values for CI runs)
    int threads = 0;                   // 0: torch's default (honours OMP_NUM_THREADS), else this many
    std::string outDir;
    std::string resumeCheckpoint;      // empty: start fresh
    std::uint64_t seed = 1;
    // The held-out split's own seed (empty: `seed`). Members of an ensemble trained with different
    // seeds (data order, augmentation, initialisation) keep one held-out set when they share it.
    std::optional<std::uint64_t> splitSeed;
    int earlyStoppingPatience = 8;     // epochs without a better validation MAE
    // > 0: validate and package an exponential moving average of the weights with this decay per
    // step (WeightAverage.h; e.g. 0.998) instead of the last weights. 0: off.
    double emaDecay = 0;
    // > 0: stop after the step that reaches this many seconds of training (counted across resumes);
    // the partial epoch is validated and the best epoch packaged as at any other end.
    double maxTrainingSeconds = 0;
    // A cache measured after every epoch (TrainProgress::monitorMae, curves.csv) and used for nothing
    // else: a workspace's check set, which must not choose the epoch it later judges.
    std::string monitorCache;
    bool halfPrecisionWeights = true;  // store fp16 weights when the validation MAE holds (< 0.05 months)
    // Issue 20. bf16 autocast for the training steps (forward, loss, backward; weights, optimizer and
    // validation stay float32). On a GPU with bf16 units it is faster; on a CPU it is slower and
    // only there to be tested.
    bool bf16Autocast = false;
    // On a GPU, copy the whole cache (images, sex, ages, ROI patches) to the device once and gather
    // each batch there, when it fits (else it stays on the host, and the card says so).
    bool cacheOnDevice = true;
    TrainingRecipe recipe;
    AugmentationOptions augmentation;
    std::string commandLine;           // recorded in the model card
    // Fine-tuning: start from these weights and freeze the named parameter prefixes.
    std::string initialWeights;
    bool initialWeightsHalf = false;   // the package stores float16 (its card says so)
    std::vector<std::string> freezePrefixes;   // each must name at least one parameter, else an error
    // Fine-tuning: the package the weights came from, as a JSON object (already encoded), recorded
    // in the new card as "started_from" so that its lineage (id, weights, the earlier command) stays
    // with it. Empty: not recorded.
    std::string startedFromJson;
};

struct TrainProgress {
    int epoch = 0, epochs = 0;
    int step = 0, stepsPerEpoch = 0;
    double loss = 0;               // running mean this epoch
    double runningMae = 0;         // training MAE this epoch, months
    double imagesPerSecond = 0;
    double etaSeconds = 0;         // whole run
    double learningRate = 0;
    bool epochFinished = false;
    double validationMae = -1;     // set when epochFinished
    double bestValidationMae = -1;
    double monitorMae = -1;        // set when epochFinished and a monitor cache was given
};

struct TrainResult {
    std::string modelDir;
    int epochsRun = 0;
    int bestEpoch = 0;
    double bestValidationMae = 0;
    double seconds = 0;
    double trainImagesPerSecond = 0;
    bool cancelled = false;
    bool stoppedEarly = false;
    bool stoppedByBudget = false;
    bool cacheOnDevice = false;   // the training batches were gathered on the GPU (TrainOptions::cacheOnDevice)
};

using ProgressCallback = std::function<void(const TrainProgress&)>;

struct CacheEvaluation {
    std::vector<std::string> ids;
    std::vector<double> predicted, reference;
    std::vector<bool> male;
};

// Runs packaged weights over a cache (optionally only the listed ids), for `boneage-train evaluate`
// on machines without the image libraries. The cache must have been made with the model's recipe.
CacheEvaluation evaluateOnCache(const std::string& architecture, const std::string& preset,
                                const std::string& weightsFile, bool halfWeights, const std::string& cacheFolder,
                                const std::vector<std::string>& onlyIds, const std::string& device);

// Throws std::runtime_error with a message the engineer can act on (bad cache, unknown arch, ...).
TrainResult train(const TrainOptions& options, const ProgressCallback& progress = {},
                  const std::atomic<bool>* cancel = nullptr);

} // namespace boneage::training
