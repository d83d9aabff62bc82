#pragma once
// PRSNet (seed 002: "part relation and selection network" for bone age): a ResNet-34 whose res3-res5
// outputs pass a part relation module (F_i = T_i * sigmoid(R_i) + D_i, 1x1 convolutions, F_i feeds the
// next level), multi-scale anchors scored from each level, NMS and the top-3 parts cropped from the
// image and encoded by a second ResNet-34; [sum of part features, global feature, one-hot sex] -> age.
// Trained with a ranking loss on the parts' anchor scores and an L2 loss on the age.
#include "nn/BoneAgeModel.h"
#include "nn/Blocks.h"

#include <array>

namespace boneage::nn {

struct PrsNetOptions {
    TORCH_ARG(int, inChannels) = 3;
    TORCH_ARG(double, widthMultiplier) = 1.0;
    TORCH_ARG(int64_t, partSize) = 224;      // parts are resized to partSize x partSize for the part encoder
    TORCH_ARG(int, topParts) = 3;             // the paper's top-M = 3
    TORCH_ARG(double, nmsIou) = 0.25;         // NMS IoU threshold (NTS-Net's, which PRSNet follows)
};

// One anchor set: boxes in input pixels and the level (0 = res3, 1 = res4, 2 = res5) they are scored on.
struct AnchorSet {
    torch::Tensor boxes;    // [N,4] x0,y0,x1,y1 (clipped to the image)
    torch::Tensor level;    // [N] int64
};

class PrsNetImpl : public BoneAgeModelImpl {
public:
    PrsNetImpl(const ArchitecturePreset& preset, const PrsNetOptions& options);

    // maps["relation.res3|res4|res5"] sigmoid(R_i) averaged over channels, in the input frame;
    // boxes["parts"] [B,3,4] the selected parts, scores["parts"] [B,3] their anchor scores;
    // vectors["prediction.parts"] [B,3] each part's own age estimate (months).
    ModelOutput forward(const ModelInput& input) override;
    // L_rank + (y - y*)^2 + mean over parts of (y_i - y*)^2, ages in (months - 120) / 50 (see .cpp).
    torch::Tensor loss(const TrainingBatch& batch) override;
    TrainingStepResult trainingStep(const TrainingBatch& batch, torch::optim::Optimizer& optimizer) override;

    // Anchors for an input of height x width: on each level's grid (stride 8, 16, 32), one base size per
    // level (1/8, 1/4, 1/2 of the shorter side) at aspect ratios 1:1, 1:2, 2:1 (w:h).
    static AnchorSet anchors(int64_t height, int64_t width);
    static constexpr int kAnchorsPerCell = 3;
    // Greedy NMS: indices of the first `keep` boxes in descending score order whose IoU with every kept
    // box is below iouThreshold.
    static std::vector<int64_t> nonMaximumSuppression(const torch::Tensor& boxes, const torch::Tensor& scores,
                                                      int keep, double iouThreshold);
    // Ranking loss over the selected parts of one batch: sum over pairs with C_j > C_i of
    // max(1 - S_j + S_i, 0), averaged over images; confidences C from the parts' errors.
    static torch::Tensor rankingLoss(const torch::Tensor& partScores, const torch::Tensor& partErrors);

    struct Pass {
        torch::Tensor age, partAges, partScores, partBoxes;   // [B], [B,M], [B,M], [B,M,4]
        std::array<torch::Tensor, 3> relation;                 // sigmoid(R_i) [B,C,h,w]
    };
    Pass run(const ModelInput& input);

private:
    PrsNetOptions options_;
    ResNet relationNet{nullptr}, partNet{nullptr};
    std::array<torch::nn::Conv2d, 3> relationConv{torch::nn::Conv2d{nullptr}, torch::nn::Conv2d{nullptr}, torch::nn::Conv2d{nullptr}};
    std::array<torch::nn::Conv2d, 3> trunkConv{torch::nn::Conv2d{nullptr}, torch::nn::Conv2d{nullptr}, torch::nn::Conv2d{nullptr}};
    std::array<torch::nn::Conv2d, 3> residualConv{torch::nn::Conv2d{nullptr}, torch::nn::Conv2d{nullptr}, torch::nn::Conv2d{nullptr}};
    std::array<torch::nn::Conv2d, 3> scoreConv{torch::nn::Conv2d{nullptr}, torch::nn::Conv2d{nullptr}, torch::nn::Conv2d{nullptr}};
    torch::nn::Linear partHead{nullptr}, head{nullptr};
};

BoneAgeModel makePrsNet(const ArchitecturePreset& preset);

} // namespace boneage::nn
