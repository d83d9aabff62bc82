#pragma once
// Training the hand landmark model (nn/HandLandmarkNet) on keypoint caches (`boneage prepare
// --keypoints`): the same engine habits as the bone age trainer (recipe with overrides, augmentation
// on the training device, a checkpoint every epoch written atomically and exact --resume, early
// stopping, curves.csv, a package with a SHA-256-checked card), for a model that outputs points.
// LibTorch only.
#include "training/Trainer.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace boneage::training {

struct LandmarkTrainOptions {
    std::string dataCache;            // training cache with keypoints
    std::string validationCache;      // with keypoints (the authors' val split)
    std::string testCache;            // optional: measured once on the best weights, into the card
    std::string outDir;
    std::string device = "cpu";
    std::string resumeCheckpoint;
    std::string commandLine;
    int inputSize = 128;
    double widthMultiplier = 0.5;
    int epochs = 80;
    int maxStepsPerEpoch = 0;
    int threads = 0;
    int earlyStoppingPatience = 25;
    std::uint64_t seed = 1;
    TrainingRecipe recipe;            // defaults: AdamW 1e-3, wd 1e-4, cosine, warm-up 2 epochs, batch 32
    // Augmentation (applied to images and keypoints alike).
    double rotationDegrees = 25, scaleRange = 0.15, shiftFraction = 0.08, flipProbability = 0.5;
    double gammaRange = 0.3, contrastRange = 0.2;
    bool augment = true;
    // Fine-tuning (a workspace's landmark job, `train-landmarks --init PACKAGE`): start from these
    // weights (a package's weights.pt, checked against the network) and freeze the named parameter
    // prefixes (each must name at least one parameter). startedFromJson (already encoded) goes into
    // the card as "started_from".
    std::string initialWeights;
    bool initialWeightsHalf = false;
    std::vector<std::string> freezePrefixes;
    std::string startedFromJson;
    // > 0: stop after the step that reaches this many seconds of training (counted across resumes);
    // the partial epoch is validated and the best epoch packaged, as the bone age trainer does.
    double maxTrainingSeconds = 0;
    // Measured after every epoch (LandmarkProgress::monitorMeanError, curves.csv) and used for
    // nothing else: a workspace's check set, which must not choose the epoch it later judges.
    std::string monitorCache;
};

TrainingRecipe landmarkRecipe();

struct LandmarkProgress {
    int epoch = 0, epochs = 0, step = 0, stepsPerEpoch = 0;
    double loss = 0, imagesPerSecond = 0, etaSeconds = 0, learningRate = 0;
    bool epochFinished = false;
    double validationMeanError = -1, bestValidationMeanError = -1;   // fractions of the hand scale
    double monitorMeanError = -1;     // on LandmarkTrainOptions::monitorCache when epochFinished; -1: none
};

struct LandmarkTrainResult {
    std::string modelDir;
    int epochsRun = 0, bestEpoch = 0;
    double bestValidationMeanError = 0, seconds = 0, trainImagesPerSecond = 0;
    bool cancelled = false, stoppedEarly = false, stoppedByBudget = false;
};

LandmarkTrainResult trainLandmarks(const LandmarkTrainOptions& options,
                                   const std::function<void(const LandmarkProgress&)>& progress = {},
                                   const std::atomic<bool>* cancel = nullptr);

// Predictions of packaged landmark weights on a keypoint cache, in the cache's pixels (x0 y0 x1 y1 ...
// per sample), with the metrics against the cache's keypoints, as JSON.
std::string evaluateLandmarksOnCache(const std::string& modelDir, const std::string& cacheFolder, const std::string& device);

} // namespace boneage::training
