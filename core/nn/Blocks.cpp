#include "nn/Blocks.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace boneage::nn {

namespace F = torch::nn::functional;

int64_t scaledWidth(int64_t channels, double multiplier)
{
    return std::max<int64_t>(8, static_cast<int64_t>(std::lround(static_cast<double>(channels) * multiplier)));
}

static torch::nn::Conv2d conv(int64_t in, int64_t out, int64_t kernel, int64_t stride = 1, int64_t padding = 0)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(false));
}

// ---------------------------------------------------------------------------------------------
ResidualUnitImpl::ResidualUnitImpl(int64_t inPlanes, int64_t planes, int64_t stride, bool bottleneck, bool leaky)
    : bottleneck_(bottleneck), leaky_(leaky), outPlanes_(bottleneck ? planes * 4 : planes)
{
    if (bottleneck) {
        // torchvision's "ResNet v1.5": the stride sits on the 3x3 convolution.
        conv1 = register_module("conv1", conv(inPlanes, planes, 1));
        bn1 = register_module("bn1", torch::nn::BatchNorm2d(planes));
        conv2 = register_module("conv2", conv(planes, planes, 3, stride, 1));
        bn2 = register_module("bn2", torch::nn::BatchNorm2d(planes));
        conv3 = register_module("conv3", conv(planes, outPlanes_, 1));
        bn3 = register_module("bn3", torch::nn::BatchNorm2d(outPlanes_));
    } else {
        conv1 = register_module("conv1", conv(inPlanes, planes, 3, stride, 1));
        bn1 = register_module("bn1", torch::nn::BatchNorm2d(planes));
        conv2 = register_module("conv2", conv(planes, planes, 3, 1, 1));
        bn2 = register_module("bn2", torch::nn::BatchNorm2d(planes));
    }
    if (stride != 1 || inPlanes != outPlanes_) {
        downsample = register_module("downsample",
                                     torch::nn::Sequential(conv(inPlanes, outPlanes_, 1, stride),
                                                           torch::nn::BatchNorm2d(outPlanes_)));
    }
}

torch::Tensor ResidualUnitImpl::act(const torch::Tensor& x) const
{
    return leaky_ ? F::leaky_relu(x, F::LeakyReLUFuncOptions().negative_slope(0.01)) : torch::relu(x);
}

torch::Tensor ResidualUnitImpl::forward(torch::Tensor x)
{
    torch::Tensor identity = downsample ? downsample->forward(x) : x;
    torch::Tensor y = act(bn1(conv1(x)));
    if (bottleneck_) {
        y = act(bn2(conv2(y)));
        y = bn3(conv3(y));
    } else {
        y = bn2(conv2(y));
    }
    return act(y + identity);
}

ResNetImpl::ResNetImpl(const ResNetOptions& options) : options_(options)
{
    std::vector<int> blocks;
    bool bottleneck = false;
    switch (options.depth()) {
    case 18: blocks = {2, 2, 2, 2}; break;
    case 34: blocks = {3, 4, 6, 3}; break;
    case 50: blocks = {3, 4, 6, 3}; bottleneck = true; break;
    default: throw std::invalid_argument("ResNet depth must be 18, 34 or 50");
    }
    const double w = options.widthMultiplier();
    int64_t inPlanes = scaledWidth(64, w);
    channels_.push_back(inPlanes);
    conv1 = register_module("conv1", conv(options.inChannels(), inPlanes, 7, 2, 3));
    bn1 = register_module("bn1", torch::nn::BatchNorm2d(inPlanes));
    torch::nn::Sequential* layers[4] = {&layer1, &layer2, &layer3, &layer4};
    for (int s = 0; s < 4; ++s) {
        const int64_t planes = scaledWidth(64 << s, w);
        torch::nn::Sequential seq;
        for (int b = 0; b < blocks[static_cast<size_t>(s)]; ++b) {
            ResidualUnit unit(inPlanes, planes, (b == 0 && s > 0) ? 2 : 1, bottleneck, options.leakyRelu());
            inPlanes = unit->outPlanes();
            seq->push_back(unit);
        }
        *layers[s] = register_module("layer" + std::to_string(s + 1), seq);
        channels_.push_back(inPlanes);
    }
    // He initialisation as torchvision (fan-out, normal) or, for AG-CNN, He-uniform (fan-in).
    for (auto& m : modules(/*include_self=*/false)) {
        if (auto* c = m->as<torch::nn::Conv2d>()) {
            torch::NoGradGuard g;
            if (options.heUniform() && options.leakyRelu())
                torch::nn::init::kaiming_uniform_(c->weight, 0.01, torch::kFanIn, torch::kLeakyReLU);
            else if (options.heUniform())
                torch::nn::init::kaiming_uniform_(c->weight, 0.0, torch::kFanIn, torch::kReLU);
            else
                torch::nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
        }
    }
}

torch::Tensor ResNetImpl::stem(const torch::Tensor& x)
{
    torch::Tensor y = bn1(conv1(x));
    y = options_.leakyRelu() ? F::leaky_relu(y, F::LeakyReLUFuncOptions().negative_slope(0.01)) : torch::relu(y);
    return F::max_pool2d(y, F::MaxPool2dFuncOptions(3).stride(2).padding(1));
}

torch::Tensor ResNetImpl::stage(int index, const torch::Tensor& x)
{
    switch (index) {
    case 1: return layer1->forward(x);
    case 2: return layer2->forward(x);
    case 3: return layer3->forward(x);
    case 4: return layer4->forward(x);
    default: throw std::out_of_range("ResNet stage index must be 1..4");
    }
}

torch::Tensor ResNetImpl::forward(const torch::Tensor& x)
{
    torch::Tensor y = stem(x);
    for (int s = 1; s <= 4; ++s) y = stage(s, y);
    return y;
}

// ---------------------------------------------------------------------------------------------
NonLocalSpatialBlockImpl::NonLocalSpatialBlockImpl(int64_t channels) : inner_(std::max<int64_t>(1, channels / 2))
{
    // 1x1 embeddings with bias, as Wang et al.'s reference implementation.
    auto c1 = [](int64_t i, int64_t o) { return torch::nn::Conv2d(torch::nn::Conv2dOptions(i, o, 1)); };
    theta = register_module("theta", c1(channels, inner_));
    phi = register_module("phi", c1(channels, inner_));
    g = register_module("g", c1(channels, inner_));
    project = register_module("project", c1(inner_, channels));
    bn = register_module("bn", torch::nn::BatchNorm2d(channels));
    torch::NoGradGuard guard;
    bn->weight.zero_();
}

torch::Tensor NonLocalSpatialBlockImpl::forward(const torch::Tensor& x)
{
    const int64_t b = x.size(0), h = x.size(2), w = x.size(3);
    // Max-pool sub-sampling of keys and values (Fig. 4A); skipped when the map is already 1 pixel thin.
    auto subsample = [&](const torch::Tensor& t) {
        return (h >= 2 && w >= 2) ? F::max_pool2d(t, F::MaxPool2dFuncOptions(2).stride(2)) : t;
    };
    torch::Tensor q = theta(x).view({b, inner_, h * w}).permute({0, 2, 1});          // [B,HW,C']
    torch::Tensor k = subsample(phi(x));
    keyGrid_ = {k.size(2), k.size(3)};
    k = k.reshape({b, inner_, -1});                                                   // [B,C',HW']
    torch::Tensor v = subsample(g(x)).reshape({b, inner_, -1}).permute({0, 2, 1});   // [B,HW',C']
    torch::Tensor attention = torch::softmax(torch::bmm(q, k), -1);                   // embedded Gaussian / C(X)
    attention_ = attention.detach();
    torch::Tensor y = torch::bmm(attention, v).permute({0, 2, 1}).reshape({b, inner_, h, w});
    return bn(project(y)) + x;
}

NegativeCorrelationChannelBlockImpl::NegativeCorrelationChannelBlockImpl()
{
    gamma = register_parameter("gamma", torch::zeros({1}));
}

torch::Tensor NegativeCorrelationChannelBlockImpl::forward(const torch::Tensor& x)
{
    const int64_t b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    torch::Tensor flat = x.reshape({b, c, h * w});
    torch::Tensor energy = torch::bmm(flat, flat.transpose(1, 2));      // x_i^T x_j, [B,C,C]
    torch::Tensor attention = torch::softmax(-energy, -1);              // exp(-x_i^T x_j) / C(X)
    attention_ = attention.detach();
    return gamma * torch::bmm(attention, flat).view({b, c, h, w}) + x;
}

// ---------------------------------------------------------------------------------------------
CbamImpl::CbamImpl(int64_t channels, int64_t reduction)
{
    const int64_t hidden = std::max<int64_t>(1, channels / reduction);
    fc1 = register_module("fc1", torch::nn::Linear(channels, hidden));
    fc2 = register_module("fc2", torch::nn::Linear(hidden, channels));
    spatial = register_module("spatial", torch::nn::Conv2d(torch::nn::Conv2dOptions(2, 1, 7).padding(3)));
}

torch::Tensor CbamImpl::forward(const torch::Tensor& x)
{
    auto mlp = [&](const torch::Tensor& v) { return fc2(torch::relu(fc1(v))); };
    const torch::Tensor channelScale = torch::sigmoid(mlp(x.mean({2, 3})) + mlp(x.amax({2, 3})));
    const torch::Tensor refined = x * channelScale.unsqueeze(-1).unsqueeze(-1);
    const torch::Tensor descriptors = torch::cat({refined.mean(1, true), refined.amax(1, true)}, 1);
    const torch::Tensor spatialScale = torch::sigmoid(spatial(descriptors));
    spatialMap_ = spatialScale.detach();
    return refined * spatialScale;
}

// ---------------------------------------------------------------------------------------------
torch::Tensor JigsawGenerator::apply(const torch::Tensor& images, const torch::Tensor& permutation, int n)
{
    if (n <= 1) return images;
    const int64_t b = images.size(0), c = images.size(1);
    const int64_t th = images.size(2) / n, tw = images.size(3) / n;
    if (th == 0 || tw == 0) throw std::invalid_argument("jigsaw: image smaller than the tile grid");
    torch::Tensor core = images.narrow(2, 0, th * n).narrow(3, 0, tw * n);
    torch::Tensor tiles = core.reshape({b, c, n, th, n, tw}).permute({0, 2, 4, 1, 3, 5}).reshape({b, n * n, c, th, tw});
    torch::Tensor index = permutation.to(images.device(), torch::kLong).view({b, n * n, 1, 1, 1}).expand_as(tiles);
    torch::Tensor moved = tiles.gather(1, index).reshape({b, n, n, c, th, tw}).permute({0, 3, 1, 4, 2, 5})
                              .reshape({b, c, n * th, n * tw});
    if (th * n == images.size(2) && tw * n == images.size(3)) return moved;
    torch::Tensor out = images.clone();
    out.narrow(2, 0, th * n).narrow(3, 0, tw * n).copy_(moved);
    return out;
}

JigsawResult JigsawGenerator::shuffle(const torch::Tensor& images, int n)
{
    if (n < 1) throw std::invalid_argument("jigsaw: N must be at least 1");
    const int64_t b = images.size(0);
    std::vector<int64_t> perm(static_cast<size_t>(b) * n * n);
    for (int64_t i = 0; i < b; ++i) {
        auto first = perm.begin() + i * n * n;
        std::iota(first, first + n * n, 0);
        std::shuffle(first, first + n * n, random_);
    }
    torch::Tensor permutation = torch::tensor(perm, torch::kLong).view({b, n * n});
    return {apply(images, permutation, n), permutation};
}

torch::Tensor JigsawGenerator::restore(const torch::Tensor& images, const torch::Tensor& permutation, int n)
{
    return apply(images, torch::argsort(permutation, /*dim=*/1, /*descending=*/false), n);
}

} // namespace boneage::nn
