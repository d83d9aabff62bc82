#pragma once
// 2M-Net (seed 000: Liu et al., "Bone age assessment by multi-granularity and multi-attention feature
// encoding", QIMS 2024): ResNet-18 trained progressively on jigsaw-shuffled inputs (N = 4, 2, 1)
// supervised at conv groups 3, 4 and on multi-scale features, with a spatial non-local block after the
// middle stage and negative-correlation channel attention on the two last stages.
#include "nn/BoneAgeModel.h"
#include "nn/Blocks.h"

#include <array>

namespace boneage::nn {

struct TwoMNetOptions {
    TORCH_ARG(int, inputSize) = 448;
    TORCH_ARG(double, widthMultiplier) = 1.0;
    TORCH_ARG(int, inChannels) = 3;
    // Hidden width of each prediction MLP (the paper's figure 3 shows an MLP per step, size not given).
    TORCH_ARG(int, headHidden) = 256;
    // Jigsaw granularity per progressive step (paper: K = 4 groups, T = 3 steps, N = 4, 2, 1).
    TORCH_ARG(std::vector<int>, jigsawSteps) = std::vector<int>{4, 2, 1};
    TORCH_ARG(uint64_t, jigsawSeed) = 0x2b0e;
};

class TwoMNetImpl : public BoneAgeModelImpl {
public:
    TwoMNetImpl(const ArchitecturePreset& preset, const TwoMNetOptions& options);

    // Inference: the multi-scale head on the unshuffled image (the paper's assessment result).
    ModelOutput forward(const ModelInput& input) override;

    // Prediction of progressive step `step` (0: conv group 3 head, 1: conv group 4 head,
    // 2: multi-scale head) for an already prepared (possibly shuffled) image batch, in months.
    torch::Tensor forwardStep(const torch::Tensor& image, int step);

    // Sum of the three steps' L1 losses (each on a fresh jigsaw of the batch), in SD units (see .cpp).
    torch::Tensor loss(const TrainingBatch& batch) override;

    // The paper's progressive training: for N = 4, 2, 1 in turn, shuffle, forward to that step's
    // head, L1 loss, backward and an optimiser step (three updates per batch).
    TrainingStepResult trainingStep(const TrainingBatch& batch, torch::optim::Optimizer& optimizer) override;

    void reseedAugmentation(uint64_t seed) override { jigsaw_.reseed(seed); }
    JigsawGenerator& jigsaw() { return jigsaw_; }
    const TwoMNetOptions& options() const { return options_; }

private:
    struct Features {
        torch::Tensor group3, group4;   // after their channel attention
    };
    Features features(const torch::Tensor& image, int upToGroup);
    torch::Tensor head(int step, const Features& f);

    TwoMNetOptions options_;
    JigsawGenerator jigsaw_;
    ResNet backbone{nullptr};
    NonLocalSpatialBlock spatialAttention{nullptr};
    NegativeCorrelationChannelBlock channelAttention3{nullptr}, channelAttention4{nullptr};
    std::array<torch::nn::Sequential, 3> heads{torch::nn::Sequential{nullptr}, torch::nn::Sequential{nullptr},
                                               torch::nn::Sequential{nullptr}};
};
TORCH_MODULE(TwoMNet);

BoneAgeModel makeTwoMNet(const ArchitecturePreset& preset);

} // namespace boneage::nn
