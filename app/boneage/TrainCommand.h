#pragma once
// `train` and `finetune`: shared by `boneage` and the LibTorch-only `boneage-train`.
#include <string>
#include <vector>

namespace boneage::training {
struct TrainOptions;   // training/Trainer.h (LibTorch): not included here, main.cpp stays torch-free
struct LandmarkTrainOptions;
}

namespace boneage::cli {

extern const char* const kTrainUsage;
extern const char* const kFinetuneUsage;
int runTrain(const std::vector<std::string>& args);
int runFinetune(const std::vector<std::string>& args);
// The options `finetune` would train with (checked; the output folder policy applied), for the
// workspace's training job, which runs the trainer itself (WorkspaceTrain.cpp).
training::TrainOptions finetuneOptions(const std::vector<std::string>& args);
extern const char* const kEvaluateCacheUsage;
int runEvaluateCache(const std::vector<std::string>& args);   // boneage-train evaluate
extern const char* const kTrainLandmarksUsage;
int runTrainLandmarks(const std::vector<std::string>& args);
// The options `train-landmarks` would train with (checked; --init applied), for the workspace's
// landmark job (WorkspaceTrain.cpp).
training::LandmarkTrainOptions landmarkOptions(const std::vector<std::string>& args);
extern const char* const kEvaluateLandmarksUsage;
int runEvaluateLandmarksCache(const std::vector<std::string>& args);

} // namespace boneage::cli
