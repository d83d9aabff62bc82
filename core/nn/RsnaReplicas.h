#pragma once
// Seed 004 ("replication of the RSNA 2017 winner, Xception and patch variants, and AG-CNN"):
//  - rsna-inceptionv3: InceptionV3 + sex (dense 32, sigmoid) -> two dense 1000 tanh (dropout) -> linear
//  - rsna-xception: Xception + sex (dense 32, sigmoid) -> dense 10 ReLU -> linear
//  - rsna-resnet50-patches: ResNet-50 on 3 overlapping patches, raw sex concatenated -> dense 14 ReLU ->
//    linear, the image's estimate is the mean over its patches
//  - agcnn: global ResNet-50 (LeakyReLU, He-uniform) -> attention crop (channel sum, upsample, Otsu,
//    largest component, box) -> local ResNet-50 -> fusion MLP 256-128 (dropout 0.5) with sex; loss
//    0.8 global + 0.1 local + 0.1 fusion, each branch updated by its own loss only
//  - rsna-ensemble: weighted mean of the three replicas, weights 0.5 (ResNet-50 patches), 0.1, 0.1
//    normalised to sum 1.
// All regress (months - 120) / 50 with the paper's MSE loss (in those units).
#include "nn/AttentionCrop.h"
#include "nn/BoneAgeModel.h"
#include "nn/Blocks.h"
#include "nn/InceptionXception.h"

#include <array>
#include <random>

namespace boneage::nn {

class RsnaInceptionV3Impl : public BoneAgeModelImpl {
public:
    explicit RsnaInceptionV3Impl(const ArchitecturePreset& preset);
    ModelOutput forward(const ModelInput& input) override;
    torch::Tensor loss(const TrainingBatch& batch) override;
    // Prefix of the ImageNet backbone the paper keeps frozen (trainer's choice; we train from scratch).
    static constexpr const char* kBackbonePrefix = "backbone.";

private:
    InceptionV3 backbone{nullptr};
    torch::nn::Linear sexDense{nullptr}, fc1{nullptr}, fc2{nullptr}, out{nullptr};
    torch::nn::Dropout dropout{nullptr};
};

class RsnaXceptionImpl : public BoneAgeModelImpl {
public:
    explicit RsnaXceptionImpl(const ArchitecturePreset& preset);
    ModelOutput forward(const ModelInput& input) override;
    torch::Tensor loss(const TrainingBatch& batch) override;
    static constexpr const char* kBackbonePrefix = "backbone.";

private:
    Xception backbone{nullptr};
    torch::nn::Linear sexDense{nullptr}, fc1{nullptr}, out{nullptr};
};

class RsnaResNetPatchesImpl : public BoneAgeModelImpl {
public:
    explicit RsnaResNetPatchesImpl(const ArchitecturePreset& preset);
    // boxes["patches"] [B,3,4] where the patches were cut (input pixels), scores["patches"] [B,3] each
    // patch's estimate in months; boneAgeMonths = their mean.
    ModelOutput forward(const ModelInput& input) override;
    // MSE of every patch's estimate against the image's label (the paper trains on labelled patches).
    torch::Tensor loss(const TrainingBatch& batch) override;
    void reseedAugmentation(uint64_t seed) override { random_.seed(seed); }
    // Grad-CAM per patch pasted at the patches' places of the last forward (maximum where they overlap).
    torch::Tensor camToInputFrame(const torch::Tensor& cam, int64_t height, int64_t width) const override;
    // Random patch positions in training (the paper; default). Off: the fixed evaluation positions.
    void setRandomTrainingPatches(bool on) { randomTrainingPatches_ = on; }
    int64_t patchSize() const { return patch_; }
    // Patch positions (x0, y0) per image: random in training (the paper's random patches), fixed in
    // evaluation: a vertical strip centred in x at the top, middle and bottom (fingers, metacarpals, wrist).
    std::vector<std::array<int64_t, 2>> patchOrigins(int64_t height, int64_t width);
    static constexpr int kPatches = 3;
    static constexpr const char* kBackbonePrefix = "backbone.";

private:
    torch::Tensor patchPredictions(const ModelInput& input, torch::Tensor& boxes);
    int64_t patch_;
    bool randomTrainingPatches_ = true;
    torch::Tensor lastBoxes_;
    std::mt19937_64 random_{0x5eed};
    ResNet backbone{nullptr};
    torch::nn::Linear fc1{nullptr}, out{nullptr};
};

class AgCnnImpl : public BoneAgeModelImpl {
public:
    explicit AgCnnImpl(const ArchitecturePreset& preset);
    // boneAgeMonths = fusion branch. maps["attention"] channel-summed global features upsampled to the
    // input and scaled to [0,1]; maps["attentionMask"] Otsu mask (0/1); boxes["attentionCrop"] [B,1,4]
    // the crop fed to the local branch; vectors["prediction.global|local"] the branches' estimates.
    ModelOutput forward(const ModelInput& input) override;
    torch::Tensor loss(const TrainingBatch& batch) override;
    TrainingStepResult trainingStep(const TrainingBatch& batch, torch::optim::Optimizer& optimizer) override;
    static constexpr double kGlobalWeight = 0.8, kLocalWeight = 0.1, kFusionWeight = 0.1;

    struct Branches {
        torch::Tensor global, local, fusion;    // [B] months
        torch::Tensor heat, mask, boxes;        // [B,H,W], [B,H,W], [B,1,4]
        torch::Tensor thresholds;               // [B]
    };
    Branches run(const ModelInput& input);

private:
    ResNet global{nullptr}, local{nullptr};
    torch::nn::Sequential globalHead{nullptr}, localHead{nullptr}, fusion{nullptr};
};

class RsnaEnsembleImpl : public BoneAgeModelImpl {
public:
    explicit RsnaEnsembleImpl(const ArchitecturePreset& preset);
    // Weighted mean of the members; vectors["member.<architecture>"] each member's estimate,
    // vectors["ensembleWeights"] [3] the normalised weights; the patch member's boxes are passed on.
    ModelOutput forward(const ModelInput& input) override;
    // Sum of the members' own losses: each member learns its own objective (gradients do not mix).
    torch::Tensor loss(const TrainingBatch& batch) override;
    void reseedAugmentation(uint64_t seed) override;
    // Members in this order, with the paper's weights 0.5 / 0.1 / 0.1 before normalisation.
    static const std::array<const char*, 3>& memberArchitectures();
    static std::vector<double> paperWeights() { return {0.5, 0.1, 0.1}; }
    static std::vector<double> normalisedWeights(const std::vector<double>& weights);

private:
    std::vector<BoneAgeModel> members_;
    std::vector<double> weights_;
};

// Builders for the registry.
BoneAgeModel makeRsnaReplica(const ArchitecturePreset& preset);

} // namespace boneage::nn
