#pragma once
// Global-local fusion network (seed 003): a global pathway on the whole hand (224 px) and a local pathway
// on the 18 TW3 ROI patches stacked as channels (18 x 64 x 64), concatenated at four depths as the
// paper's Table 1; two more convolutions, global max pooling, two dense 512 layers, one output.
// Trained with L1 on labels softened to +-3 months (no loss inside label +- 3 months).
#include "nn/BoneAgeModel.h"

#include <array>

namespace boneage::nn {

class GlobalLocalNetImpl : public BoneAgeModelImpl {
public:
    explicit GlobalLocalNetImpl(const ArchitecturePreset& preset);
    // boxes["rois"] passes ModelInput::roiBoxes on (the 18 regions the local pathway saw), when given.
    ModelOutput forward(const ModelInput& input) override;
    // Mean of max(|y - y*| - 3 months, 0) / 50: the paper's label smoothing (a label of 120 months
    // trains as 117-123, every prediction in that band counts as exact).
    torch::Tensor loss(const TrainingBatch& batch) override;
    static torch::Tensor smoothedL1(const torch::Tensor& predictedMonths, const torch::Tensor& targetMonths);
    static constexpr double kLabelToleranceMonths = 3.0;
    static constexpr int64_t kRois = 18, kRoiSize = 64;

private:
    torch::nn::Sequential global1{nullptr}, local1{nullptr};   // convolutions 1-3 (to 56 x 56)
    std::array<torch::nn::Sequential, 3> globalStage, localStage; // convolutions 4-5, 6-7, 8-9
    torch::nn::Sequential final{nullptr};                        // convolutions 10-11
    torch::nn::Sequential head{nullptr};
};

BoneAgeModel makeGlobalLocalNet(const ArchitecturePreset& preset);

} // namespace boneage::nn
