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

// Training frees and allocates the same large buffers (activations, gradients) every step. glibc
// gives large freed blocks back to the kernel (those it mmap'd, and the heap's top beyond its trim
// threshold), and the next step takes them again page by page. Measured on this 2-core machine
// (2M-Net compact, batch 32, 2 threads, 60 steps): 203,000 page faults and 68-89 img/s, against
// 44,000 and 131-135 img/s with freed memory kept in the heap. Sets, for the whole process: no
// mmap'd blocks, and trimming only beyond 1 GiB free. Once per process; glibc only (else nothing).
void keepFreedMemoryForReuse();

// Writes the archive to a temporary file and renames it over `path`.
void saveArchiveAtomically(torch::serialize::OutputArchive& archive, const std::string& path);

// Frozen blocks of a fine-tune (--freeze): the parameters whose names start with one of the prefixes
// stop learning, and the modules under them stay in eval mode, so that their BatchNorm statistics
// are kept too. Throws std::runtime_error naming `modelName` and its blocks for a prefix that
// matches no parameter, and when nothing is left to train.
struct FrozenBlocks {
    std::vector<torch::Tensor> trainable;
    std::vector<std::shared_ptr<torch::nn::Module>> modules;
    void keepInEval() const;   // after anything that put the whole model in train mode
};
FrozenBlocks freezeBlocks(torch::nn::Module& model, const std::vector<std::string>& prefixes, const std::string& modelName);

} // namespace boneage::training
