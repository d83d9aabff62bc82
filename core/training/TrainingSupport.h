#pragma once
// Pieces the trainers share (the bone age trainer and the landmark trainer): the learning-rate
// schedule, optimizers, and atomic saving of LibTorch archives. LibTorch only.
#include "training/Trainer.h"

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

namespace boneage::training {

// Learning rate at a (fractional) epoch: linear warm-up, then the recipe's schedule.
double learningRateAt(const TrainingRecipe& r, double epoch, int epochs);
std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const std::vector<torch::Tensor>& params, const TrainingRecipe& r);
void setLearningRate(torch::optim::Optimizer& optimizer, double lr);
const char* optimizerName(OptimizerKind k);
const char* scheduleName(ScheduleKind k);

// Writes the archive to a temporary file and renames it over `path`.
void saveArchiveAtomically(torch::serialize::OutputArchive& archive, const std::string& path);

} // namespace boneage::training
