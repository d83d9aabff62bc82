#pragma once
// Builds any architecture/preset of the catalogue (nn/ArchitectureCatalog.h lists them without torch).
#include "nn/BoneAgeModel.h"

namespace boneage::nn {

// Throws std::invalid_argument naming the known pairs when the pair is unknown.
BoneAgeModel createModel(const std::string& architecture, const std::string& preset);

// A batch of the preset's input size filled with a smooth synthetic hand-like pattern; for listing,
// benchmarking and tests (never for training real models).
ModelInput exampleInput(const ArchitecturePreset& preset, int64_t batch, uint64_t seed = 1);

// Median wall time in milliseconds of `repeats` eval-mode forward passes on exampleInput(batch),
// after one warm-up pass, on torch's current thread count.
double medianForwardMilliseconds(BoneAgeModelImpl& model, int64_t batch, int repeats);

} // namespace boneage::nn
