#pragma once
// The hand landmark model: 21 keypoints (core/anatomy/HandKeypoints.h order) by heatmap regression
// with integral (soft-argmax) decoding (Sun et al., "Integral Human Pose Regression", ECCV 2018):
// a ResNet-18 encoder, a top-down decoder with lateral connections back to stride 4, one heatmap per
// keypoint; the coordinates are the expectation under each map's softmax, so the loss is taken on
// coordinates directly and the estimate is sub-pixel although the maps are at stride 4.
// Not a seed paper's network: the seeds need the ROIs it places (seed 003) and the workstation shows it.
// LibTorch only.
#include "nn/Blocks.h"

#include <torch/torch.h>

#include <string>

namespace boneage::nn {

struct HandLandmarkOptions {
    TORCH_ARG(int, inputSize) = 128;          // square grey input, pixels
    TORCH_ARG(double, widthMultiplier) = 0.5; // of the ResNet-18 encoder
    TORCH_ARG(int, decoderChannels) = 64;
    TORCH_ARG(int, keypoints) = 21;
};

struct HandLandmarkOutput {
    torch::Tensor points;     // [B,K,2] x,y in input pixels
    torch::Tensor scores;     // [B,K] share of each map's probability within 1.5 cells of its mode, in [0,1]
    torch::Tensor heatmaps;   // [B,K,h,w] softmax probabilities (h = w = inputSize / 4)
};

class HandLandmarkNetImpl : public torch::nn::Module {
public:
    explicit HandLandmarkNetImpl(const HandLandmarkOptions& options);
    // image: [B,1,S,S] grey in [0,1]
    HandLandmarkOutput forward(const torch::Tensor& image);
    const HandLandmarkOptions& options() const { return options_; }
    int64_t parameterCount() const;

private:
    HandLandmarkOptions options_;
    ResNet encoder{nullptr};
    torch::nn::Conv2d lateral1{nullptr}, lateral2{nullptr}, lateral3{nullptr}, lateral4{nullptr};
    torch::nn::Sequential smooth{nullptr};
    torch::nn::Conv2d head{nullptr};
};
TORCH_MODULE(HandLandmarkNet);

// Loss of a batch: mean L1 distance in heatmap cells between predicted and target points over the
// visible ones (visible: [B,K] bool), plus 0.1 x the cross-entropy of each map against a Gaussian
// (sigma 1 cell) at the target, which keeps the maps peaked so that the scores mean something.
torch::Tensor handLandmarkLoss(const HandLandmarkOutput& out, const torch::Tensor& targets, const torch::Tensor& visible,
                               int inputSize);

} // namespace boneage::nn
