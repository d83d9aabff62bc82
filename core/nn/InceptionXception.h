#pragma once
// The two ImageNet backbones of seed 004's RSNA replicas, with a width multiplier:
//  - InceptionV3 (Szegedy et al. 2016) in torchvision's layout (BasicConv2d = conv without bias + BN
//    eps 1e-3 + ReLU; Mixed_5b..Mixed_7c), without the auxiliary classifier and the 1000-class fc;
//  - Xception (Chollet 2017) in Keras' layout (entry flow, 8 middle blocks, exit flow; separable
//    convolutions = depthwise 3x3 + pointwise 1x1, both without bias), without the classifier.
// Both end in the 2048-channel feature map (global average pooling is the caller's).
// Parameter counts at width 1 are checked in tst_rsna_replicas against the published totals.
#include <torch/torch.h>

namespace boneage::nn {

class InceptionV3Impl : public torch::nn::Module {
public:
    InceptionV3Impl(int64_t inChannels, double widthMultiplier);
    torch::Tensor forward(const torch::Tensor& x);   // [B, outChannels(), h, w], stride about 32
    int64_t outChannels() const { return outChannels_; }

private:
    torch::nn::Sequential stem{nullptr}, mixed{nullptr};
    int64_t outChannels_ = 0;
};
TORCH_MODULE(InceptionV3);

class XceptionImpl : public torch::nn::Module {
public:
    XceptionImpl(int64_t inChannels, double widthMultiplier);
    torch::Tensor forward(const torch::Tensor& x);   // [B, outChannels(), h, w], stride 32
    int64_t outChannels() const { return outChannels_; }

private:
    torch::nn::Sequential entry{nullptr}, blocks{nullptr}, exit{nullptr};
    int64_t outChannels_ = 0;
};
TORCH_MODULE(Xception);

// Number of BatchNorm channels of a module tree: Keras counts each as 2 non-trainable values
// (moving mean and variance) in its "total parameters", torch keeps them as buffers.
int64_t batchNormChannels(torch::nn::Module& module);

} // namespace boneage::nn
