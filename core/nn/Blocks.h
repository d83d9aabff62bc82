#pragma once
// Building blocks shared by the seed architectures: ResNet with a width multiplier, the self-attention
// blocks of 2M-Net, and the jigsaw generator.
#include <torch/torch.h>

#include <cstdint>
#include <random>

namespace boneage::nn {

// ---------------------------------------------------------------------------------------------
// ResNet (He et al. 2016), torchvision layout, so parameter counts compare with the papers.

struct ResNetOptions {
    TORCH_ARG(int, depth) = 18;              // 18, 34 (basic blocks) or 50 (bottleneck)
    TORCH_ARG(double, widthMultiplier) = 1.0; // scales every stage width (64,128,256,512 at 1.0)
    TORCH_ARG(int, inChannels) = 3;
    // AG-CNN uses LeakyReLU and He-uniform initialisation; everyone else ReLU and He-normal (fan-out).
    TORCH_ARG(bool, leakyRelu) = false;
    TORCH_ARG(bool, heUniform) = false;
};

class ResidualUnitImpl : public torch::nn::Module {
public:
    ResidualUnitImpl(int64_t inPlanes, int64_t planes, int64_t stride, bool bottleneck, bool leaky);
    torch::Tensor forward(torch::Tensor x);
    int64_t outPlanes() const { return outPlanes_; }

private:
    torch::Tensor act(const torch::Tensor& x) const;
    bool bottleneck_, leaky_;
    int64_t outPlanes_;
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr}, bn3{nullptr};
    torch::nn::Sequential downsample{nullptr};
};
TORCH_MODULE(ResidualUnit);

class ResNetImpl : public torch::nn::Module {
public:
    explicit ResNetImpl(const ResNetOptions& options);
    // conv1 + bn + relu + 3x3 max-pool (stride 4 in total)
    torch::Tensor stem(const torch::Tensor& x);
    // stage 1..4 of the residual groups (torchvision layer1..layer4)
    torch::Tensor stage(int index, const torch::Tensor& x);
    // stem + all stages: [B, stageChannels(4), H/32, W/32]
    torch::Tensor forward(const torch::Tensor& x);
    int64_t stageChannels(int index) const { return channels_.at(static_cast<size_t>(index)); }
    const ResNetOptions& options() const { return options_; }

private:
    ResNetOptions options_;
    std::vector<int64_t> channels_;  // [0] = stem, [1..4] = stages
    torch::nn::Conv2d conv1{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr};
    torch::nn::Sequential layer1{nullptr}, layer2{nullptr}, layer3{nullptr}, layer4{nullptr};
};
TORCH_MODULE(ResNet);

// Scales a channel count by a width multiplier, never below 8 (so tiny presets stay trainable).
int64_t scaledWidth(int64_t channels, double multiplier);

// ---------------------------------------------------------------------------------------------
// Spatial non-local block (Wang et al. 2018), as 2M-Net uses it (its Eq. 1-2, Fig. 4A): embedded
// Gaussian f = exp(theta(x_i)^T phi(x_j)) normalised over j (a softmax), phi and g sub-sampled by a
// 2x2 max-pool, output projected back by a 1x1 conv + BN and added to the input (shortcut).
// The BN's scale starts at zero so the block starts as the identity (Wang et al.'s recommendation).
class NonLocalSpatialBlockImpl : public torch::nn::Module {
public:
    explicit NonLocalSpatialBlockImpl(int64_t channels);
    torch::Tensor forward(const torch::Tensor& x);
    // Attention of the last forward(): [B, h*w (queries), h'*w' (pooled keys)] and the key grid size.
    torch::Tensor lastAttention() const { return attention_; }
    std::pair<int64_t, int64_t> lastKeyGrid() const { return keyGrid_; }

private:
    int64_t inner_;
    torch::nn::Conv2d theta{nullptr}, phi{nullptr}, g{nullptr}, project{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
    torch::Tensor attention_;
    std::pair<int64_t, int64_t> keyGrid_{0, 0};
};
TORCH_MODULE(NonLocalSpatialBlock);

// 2M-Net's channel self-attention (its Eq. 3, Fig. 4B): channels are hw-dimensional vectors, the
// affinity is the negative correlation exp(-x_i^T x_j) normalised over j (a softmax of -X X^T),
// the output is the re-weighted channels added to the input. The paper does not say how the two are
// combined; we use a learnt scale gamma that starts at 0 (as DANet's channel attention module, whose
// softmax(max - energy) is the same negative-correlation softmax), so the block starts as identity.
class NegativeCorrelationChannelBlockImpl : public torch::nn::Module {
public:
    NegativeCorrelationChannelBlockImpl();
    torch::Tensor forward(const torch::Tensor& x);
    // Channel weights of the last forward(): [B, C, C] rows sum to 1.
    torch::Tensor lastAttention() const { return attention_; }

private:
    torch::Tensor gamma;
    torch::Tensor attention_;
};
TORCH_MODULE(NegativeCorrelationChannelBlock);

// ---------------------------------------------------------------------------------------------
// CBAM (Woo et al. 2018), as TJ-Net describes it: channel attention (average- and max-pooled
// descriptors through one shared two-layer MLP, summed, sigmoid) then spatial attention (channel-wise
// mean and max, concatenated, one 7x7 convolution, sigmoid). Reduction ratio 16 as in Woo et al.
class CbamImpl : public torch::nn::Module {
public:
    explicit CbamImpl(int64_t channels, int64_t reduction = 16);
    torch::Tensor forward(const torch::Tensor& x);
    // Spatial attention of the last forward(): [B,1,h,w] in (0,1), the map TJ-Net's Fig. 5 shows.
    torch::Tensor lastSpatialMap() const { return spatialMap_; }

private:
    torch::nn::Linear fc1{nullptr}, fc2{nullptr};
    torch::nn::Conv2d spatial{nullptr};
    torch::Tensor spatialMap_;
};
TORCH_MODULE(Cbam);

// ---------------------------------------------------------------------------------------------
// Jigsaw generator (Noroozi & Favaro 2016, as 2M-Net uses it): cuts each image into N x N equal
// tiles and shuffles their positions, a new random permutation per image on every call. When H or W
// is not a multiple of N, the last rows/columns (H mod N, W mod N) are left where they are.
struct JigsawResult {
    torch::Tensor images;       // [B,C,H,W]
    torch::Tensor permutation;  // [B, N*N] int64: tile at output position p came from input tile permutation[p]
};

class JigsawGenerator {
public:
    explicit JigsawGenerator(uint64_t seed = 0x2b0e) : random_(seed) {}
    void reseed(uint64_t seed) { random_.seed(seed); }
    JigsawResult shuffle(const torch::Tensor& images, int n);
    // Puts the tiles back: restore(shuffle(x).images, permutation, n) == x.
    static torch::Tensor restore(const torch::Tensor& images, const torch::Tensor& permutation, int n);
    // Moves tiles: output tile p = input tile permutation[p] (per image).
    static torch::Tensor apply(const torch::Tensor& images, const torch::Tensor& permutation, int n);

private:
    std::mt19937_64 random_;
};

} // namespace boneage::nn
