#include "nn/GlobalLocalNet.h"
#include "nn/Blocks.h"

namespace boneage::nn {

namespace {

// Conv + BN + ReLU ("the corresponding batch normalization and activation layers"). pad = -1: "same"
// for odd kernels (k/2; with stride 2 this gives ceil(n/2) as TensorFlow's "same"), 0: "valid".
class ConvUnitImpl : public torch::nn::Module {
public:
    ConvUnitImpl(int64_t in, int64_t out, int64_t k, int64_t stride, bool same)
    {
        conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, k).stride(stride)
                                                             .padding(same ? k / 2 : 0).bias(false)));
        bn = register_module("bn", torch::nn::BatchNorm2d(out));
    }
    torch::Tensor forward(const torch::Tensor& x) { return torch::relu(bn(conv(x))); }

private:
    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(ConvUnit);

} // namespace

GlobalLocalNetImpl::GlobalLocalNetImpl(const ArchitecturePreset& p) : BoneAgeModelImpl(p)
{
    auto s = [&](int64_t c) { return scaledWidth(c, p.widthMultiplier); };
    // Table 1, convolutions 1-3. Global: 7x7 s2, 7x7 s2, 7x7 s1 (224 -> 56). Local: 5x5 valid twice,
    // 3x3 same (64 -> 56).
    global1 = register_module("global1", torch::nn::Sequential(ConvUnit(p.inputChannels, s(64), 7, 2, true),
                                                               ConvUnit(s(64), s(128), 7, 2, true),
                                                               ConvUnit(s(128), s(128), 7, 1, true)));
    local1 = register_module("local1", torch::nn::Sequential(ConvUnit(kRois, s(64), 5, 1, false),
                                                             ConvUnit(s(64), s(128), 5, 1, false),
                                                             ConvUnit(s(128), s(128), 3, 1, true)));
    // Convolutions 4-9 in pairs (3x3 s2, 3x3 s1). The global pathway reads the concatenation [global,
    // local] of the previous depth ("local information fused into the global CNN layer by layer"); the
    // local pathway reads its own features. Concatenations: 256, 512, 1024, 2048 channels (Table 1).
    int64_t g = s(128), l = s(128);
    const int64_t widths[3] = {256, 512, 1024};
    for (int i = 0; i < 3; ++i) {
        const int64_t w = s(widths[i]);
        globalStage[static_cast<size_t>(i)] = register_module(
            "globalStage" + std::to_string(i + 1),
            torch::nn::Sequential(ConvUnit(g + l, w, 3, 2, true), ConvUnit(w, w, 3, 1, true)));
        localStage[static_cast<size_t>(i)] = register_module(
            "localStage" + std::to_string(i + 1), torch::nn::Sequential(ConvUnit(l, w, 3, 2, true), ConvUnit(w, w, 3, 1, true)));
        g = w;
        l = w;
    }
    // Convolutions 10-11 on the last concatenation (7 x 7 x 2048). Table 1 says "valid" for both but the
    // text says they end at 2 x 2, which needs convolution 10 "same" (7 -> 4) and 11 "valid" (4 -> 2): we
    // follow the text's sizes.
    final = register_module("final", torch::nn::Sequential(ConvUnit(g + l, s(2048), 3, 2, true),
                                                           ConvUnit(s(2048), s(2048), 3, 1, false)));
    // Global max pooling, two dense 512 (ReLU), one output unit.
    head = register_module("head", torch::nn::Sequential(torch::nn::Linear(s(2048), s(512)), torch::nn::ReLU(),
                                                         torch::nn::Linear(s(512), s(512)), torch::nn::ReLU(),
                                                         torch::nn::Linear(s(512), 1)));
    for (auto& m : modules(false))
        if (auto* c = m->as<torch::nn::Conv2d>()) {
            torch::NoGradGuard guard;
            torch::nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
        }
}

ModelOutput GlobalLocalNetImpl::forward(const ModelInput& input)
{
    if (!input.roiPatches.defined() || input.roiPatches.dim() != 4 || input.roiPatches.size(1) != kRois ||
        input.roiPatches.size(2) != kRoiSize || input.roiPatches.size(3) != kRoiSize)
        throw std::invalid_argument("the global-local model needs the 18 TW3 ROI patches [B,18,64,64] (ModelInput::roiPatches)");
    torch::Tensor g = global1->forward(stemInput(input.image));
    torch::Tensor l = local1->forward(input.roiPatches.to(g.dtype()));
    if (g.size(2) != l.size(2) || g.size(3) != l.size(3))
        throw std::invalid_argument("global input must be " + std::to_string(preset().inputSize) + " px (fusion grid 56 x 56)");
    for (size_t i = 0; i < 3; ++i) {
        torch::Tensor fused = torch::cat({g, l}, 1);
        g = globalStage[i]->forward(fused);
        l = localStage[i]->forward(l);
    }
    torch::Tensor f = final->forward(torch::cat({g, l}, 1));
    keepGradCamFeatures(f);
    ModelOutput out;
    out.boneAgeMonths = head->forward(f.amax({2, 3})).squeeze(1) * kAgeScaleMonths + kAgeCentreMonths;
    if (input.roiBoxes.defined()) out.boxes["rois"] = input.roiBoxes.to(torch::kFloat);
    return out;
}

torch::Tensor GlobalLocalNetImpl::smoothedL1(const torch::Tensor& predicted, const torch::Tensor& target)
{
    return torch::relu((predicted - target.to(predicted.dtype())).abs() - kLabelToleranceMonths).mean() / kAgeScaleMonths;
}

torch::Tensor GlobalLocalNetImpl::loss(const TrainingBatch& batch)
{
    return smoothedL1(forward(batch.input).boneAgeMonths, batch.boneAgeMonths);
}

BoneAgeModel makeGlobalLocalNet(const ArchitecturePreset& preset)
{
    return std::make_shared<GlobalLocalNetImpl>(preset);
}

} // namespace boneage::nn
