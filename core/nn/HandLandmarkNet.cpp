#include "nn/HandLandmarkNet.h"

namespace boneage::nn {

HandLandmarkNetImpl::HandLandmarkNetImpl(const HandLandmarkOptions& o) : options_(o)
{
    if (o.inputSize() % 32 != 0) throw std::invalid_argument("hand landmark input size must be a multiple of 32");
    encoder = register_module("encoder", ResNet(ResNetOptions().depth(18).widthMultiplier(o.widthMultiplier()).inChannels(1)));
    const int64_t d = o.decoderChannels();
    auto& e = *encoder;
    lateral1 = register_module("lateral1", torch::nn::Conv2d(torch::nn::Conv2dOptions(e.stageChannels(1), d, 1)));
    lateral2 = register_module("lateral2", torch::nn::Conv2d(torch::nn::Conv2dOptions(e.stageChannels(2), d, 1)));
    lateral3 = register_module("lateral3", torch::nn::Conv2d(torch::nn::Conv2dOptions(e.stageChannels(3), d, 1)));
    lateral4 = register_module("lateral4", torch::nn::Conv2d(torch::nn::Conv2dOptions(e.stageChannels(4), d, 1)));
    smooth = register_module("smooth", torch::nn::Sequential(
        torch::nn::Conv2d(torch::nn::Conv2dOptions(d, d, 3).padding(1).bias(false)), torch::nn::BatchNorm2d(d), torch::nn::ReLU(true),
        torch::nn::Conv2d(torch::nn::Conv2dOptions(d, d, 3).padding(1).bias(false)), torch::nn::BatchNorm2d(d), torch::nn::ReLU(true)));
    head = register_module("head", torch::nn::Conv2d(torch::nn::Conv2dOptions(d, o.keypoints(), 1)));
}

int64_t HandLandmarkNetImpl::parameterCount() const
{
    int64_t n = 0;
    for (const auto& p : parameters()) n += p.numel();
    return n;
}

HandLandmarkOutput HandLandmarkNetImpl::forward(const torch::Tensor& image)
{
    namespace F = torch::nn::functional;
    auto& e = *encoder;
    const auto c1 = e.stage(1, e.stem(image));   // stride 4
    const auto c2 = e.stage(2, c1);               // 8
    const auto c3 = e.stage(3, c2);               // 16
    const auto c4 = e.stage(4, c3);               // 32
    auto up = [](const torch::Tensor& x, const torch::Tensor& like) {
        return F::interpolate(x, F::InterpolateFuncOptions()
                                     .size(std::vector<int64_t>{like.size(2), like.size(3)})
                                     .mode(torch::kBilinear)
                                     .align_corners(false));
    };
    auto p = lateral4(c4);
    p = up(p, c3) + lateral3(c3);
    p = up(p, c2) + lateral2(c2);
    p = up(p, c1) + lateral1(c1);
    const auto logits = head(smooth->forward(p));   // [B,K,h,w]
    const int64_t B = logits.size(0), K = logits.size(1), h = logits.size(2), w = logits.size(3);
    const auto prob = torch::softmax(logits.flatten(2), 2).view({B, K, h, w});
    const double stride = static_cast<double>(options_.inputSize()) / static_cast<double>(w);
    const auto opts = torch::TensorOptions().dtype(prob.dtype()).device(prob.device());
    const auto xs = (torch::arange(w, opts) + 0.5) * stride;
    const auto ys = (torch::arange(h, opts) + 0.5) * stride;
    const auto x = (prob.sum(2) * xs).sum(2);   // [B,K]
    const auto y = (prob.sum(3) * ys).sum(2);
    HandLandmarkOutput out;
    out.points = torch::stack({x, y}, 2);
    out.heatmaps = prob;
    {
        // Score: probability mass within 1.5 cells of the map's mode (a 3x3 neighbourhood).
        torch::NoGradGuard g;
        const auto mass = F::avg_pool2d(prob, F::AvgPool2dFuncOptions(3).stride(1).padding(1)) * 9.0;
        out.scores = std::get<0>(mass.flatten(2).max(2)).clamp(0, 1);
    }
    return out;
}

torch::Tensor handLandmarkLoss(const HandLandmarkOutput& out, const torch::Tensor& targets, const torch::Tensor& visible,
                               int inputSize)
{
    const int64_t B = out.heatmaps.size(0), K = out.heatmaps.size(1), h = out.heatmaps.size(2), w = out.heatmaps.size(3);
    const double stride = static_cast<double>(inputSize) / static_cast<double>(w);
    const auto vis = visible.to(out.points.dtype());
    const auto n = vis.sum().clamp_min(1);
    const auto l1 = ((out.points - targets).abs().sum(2) / stride * vis).sum() / n;
    // Gaussian target maps (sigma 1 cell), normalised to sum 1.
    const auto opts = torch::TensorOptions().dtype(out.points.dtype()).device(out.points.device());
    const auto gx = (torch::arange(w, opts) + 0.5).view({1, 1, 1, w});
    const auto gy = (torch::arange(h, opts) + 0.5).view({1, 1, h, 1});
    const auto tx = (targets.select(2, 0) / stride).view({B, K, 1, 1});
    const auto ty = (targets.select(2, 1) / stride).view({B, K, 1, 1});
    auto g = torch::exp(-((gx - tx).pow(2) + (gy - ty).pow(2)) / 2.0);
    g = g / g.flatten(2).sum(2).clamp_min(1e-12).view({B, K, 1, 1});
    const auto ce = -(g * torch::log(out.heatmaps.clamp_min(1e-12))).flatten(2).sum(2);   // [B,K]
    return l1 + 0.1 * (ce * vis).sum() / n;
}

} // namespace boneage::nn
