#include "nn/TjNet.h"

#include <algorithm>
#include <cmath>

namespace boneage::nn {

namespace F = torch::nn::functional;

namespace {

// Conv (no bias) + BN + ReLU with "same" padding for odd kernels. A module of its own (not a nested
// Sequential, which LibTorch's Sequential cannot hold).
class ConvBnReluImpl : public torch::nn::Module {
public:
    ConvBnReluImpl(int64_t in, int64_t out, int64_t kh, int64_t kw)
    {
        conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, {kh, kw})
                                                             .padding({kh / 2, kw / 2}).bias(false)));
        bn = register_module("bn", torch::nn::BatchNorm2d(out));
    }
    torch::Tensor forward(const torch::Tensor& x) { return torch::relu(bn(conv(x))); }

private:
    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(ConvBnRelu);

ConvBnRelu convBnRelu(int64_t in, int64_t out, int64_t kh, int64_t kw) { return ConvBnRelu(in, out, kh, kw); }

// An Inception branch: a 1x1 reduction to `width` channels, then the listed kernels at that width.
torch::nn::Sequential branch(int64_t in, int64_t width, const std::vector<std::pair<int64_t, int64_t>>& kernels)
{
    torch::nn::Sequential s;
    s->push_back(convBnRelu(in, width, 1, 1));
    for (const auto& [kh, kw] : kernels) s->push_back(convBnRelu(width, width, kh, kw));
    return s;
}

// Inception-ResNet module (Szegedy et al. 2017, the "A"-type layout): parallel branches concatenated,
// a linear 1x1 projection back to the input width, added to the input, ReLU.
// IncRes1: 1x1 | 1x1-3x3 | 1x1-3x3-3x3 (the paper: "combine 1x1 and 3x3 in particular ways").
// IncRes2: 1x1 | 3x3 | 1x3 | 3x1 (the paper's four branches), each after a 1x1 reduction.
// Branch width c/4 (our choice; the paper's Fig. 4 widths are not in the text).
class IncResImpl : public torch::nn::Module {
public:
    IncResImpl(int64_t channels, int variant)
    {
        const int64_t w = std::max<int64_t>(4, channels / 4);
        std::vector<std::vector<std::pair<int64_t, int64_t>>> kernels =
            variant == 1 ? std::vector<std::vector<std::pair<int64_t, int64_t>>>{{}, {{3, 3}}, {{3, 3}, {3, 3}}}
                         : std::vector<std::vector<std::pair<int64_t, int64_t>>>{{}, {{3, 3}}, {{1, 3}}, {{3, 1}}};
        for (size_t i = 0; i < kernels.size(); ++i)
            branches.push_back(register_module("branch" + std::to_string(i), branch(channels, w, kernels[i])));
        project = register_module("project", torch::nn::Conv2d(torch::nn::Conv2dOptions(
                                                 w * static_cast<int64_t>(kernels.size()), channels, 1)));
    }
    torch::Tensor forward(const torch::Tensor& x)
    {
        std::vector<torch::Tensor> outs;
        for (auto& b : branches) outs.push_back(b->forward(x));
        return torch::relu(x + project(torch::cat(outs, 1)));
    }

private:
    std::vector<torch::nn::Sequential> branches;
    torch::nn::Conv2d project{nullptr};
};
TORCH_MODULE(IncRes);

// Inception module (no shortcut; outputs concatenated), four branches of out/4 channels each.
// Inception1: 1x1 | 1x1-3x3 | 1x1-5x5 | 1x1-1x7-7x1.  Inception2: 1x1 | 1x1-1x3-3x1 | 1x1-3x3 | 3x3 avg-pool-1x1.
// Between them they use the paper's kernel list 1x1, 3x3, 1x3, 3x1, 5x5, 1x7, 7x1.
class InceptionTjImpl : public torch::nn::Module {
public:
    InceptionTjImpl(int64_t in, int64_t out, int variant) : variant_(variant)
    {
        const int64_t w = std::max<int64_t>(4, out / 4);
        using K = std::vector<std::pair<int64_t, int64_t>>;
        std::vector<K> kernels = variant == 1 ? std::vector<K>{{}, {{3, 3}}, {{5, 5}}, {{1, 7}, {7, 1}}}
                                              : std::vector<K>{{}, {{1, 3}, {3, 1}}, {{3, 3}}, {}};
        for (size_t i = 0; i < kernels.size(); ++i)
            branches.push_back(register_module("branch" + std::to_string(i), branch(in, w, kernels[i])));
    }
    torch::Tensor forward(const torch::Tensor& x)
    {
        std::vector<torch::Tensor> outs;
        for (size_t i = 0; i < branches.size(); ++i) {
            // Inception2's last branch pools before its 1x1 (GoogLeNet's pool projection).
            const bool pooled = variant_ == 2 && i + 1 == branches.size();
            outs.push_back(branches[i]->forward(
                pooled ? F::avg_pool2d(x, F::AvgPool2dFuncOptions(3).stride(1).padding(1)) : x));
        }
        return torch::cat(outs, 1);
    }

private:
    int variant_;
    std::vector<torch::nn::Sequential> branches;
};
TORCH_MODULE(InceptionTj);

torch::nn::MaxPool2d pool2() { return torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2)); }

} // namespace

TjBlockImpl::TjBlockImpl(torch::nn::Sequential b, int64_t outChannels, bool withCbam)
{
    body = register_module("body", b);
    if (withCbam) cbam = register_module("cbam", Cbam(outChannels));
}

torch::Tensor TjBlockImpl::forward(const torch::Tensor& x)
{
    torch::Tensor y = body->forward(x);
    return cbam ? cbam(y) : y;
}

TjNetImpl::TjNetImpl(const ArchitecturePreset& preset, const TjNetOptions& options)
    : BoneAgeModelImpl(preset), options_(options), alpha_(options.alphaStart())
{
    const int64_t c = options.baseWidth();
    // Block 1 (stride 2) and block 2 (stride 4): two 3x3 convolutions and a 2x2 max-pool each (the
    // paper's "small 3x3 kernels" in the first two blocks), CBAM1 and CBAM2 on their outputs.
    block1 = register_module("block1", TjBlock(torch::nn::Sequential(convBnRelu(options.inChannels(), c, 3, 3),
                                                                     convBnRelu(c, c, 3, 3), pool2()),
                                               c, true));
    block2 = register_module("block2", TjBlock(torch::nn::Sequential(convBnRelu(c, 2 * c, 3, 3),
                                                                     convBnRelu(2 * c, 2 * c, 3, 3), pool2()),
                                               2 * c, true));
    // Block 3 (stride 8): 3x3 widening, max-pool, IncRes1, CBAM3. The three CBAMs sit on the front
    // blocks ("features detected from the frontal convolutional blocks", Sec. 2.1).
    block3 = register_module("block3", TjBlock(torch::nn::Sequential(convBnRelu(2 * c, 4 * c, 3, 3), pool2(),
                                                                     IncRes(4 * c, 1)),
                                               4 * c, true));
    // Block 4 (stride 32): max-pool, 3x3 widening, IncRes2, Inception1, max-pool, Inception2.
    block4 = register_module("block4", TjBlock(torch::nn::Sequential(pool2(), convBnRelu(4 * c, 8 * c, 3, 3),
                                                                     IncRes(8 * c, 2), InceptionTj(8 * c, 8 * c, 1),
                                                                     pool2(), InceptionTj(8 * c, 8 * c, 2)),
                                               8 * c, false));
    // Block 5 fuses the multi-scale features: global average pools of blocks 2, 3 and 4 concatenated
    // (2c + 4c + 8c), then one dense layer of 256 and the 2-way softmax (sex). Block 6 reads the same
    // fused features plus the sex input (dense 64): dense 512, dense 256, 77-way softmax.
    const int64_t fused = 14 * c;
    sexClassifier = register_module("sexClassifier",
                                    torch::nn::Sequential(torch::nn::Linear(fused, options.sexHidden()), torch::nn::ReLU(),
                                                          torch::nn::Linear(options.sexHidden(), 2)));
    sexInput = register_module("sexInput", torch::nn::Sequential(torch::nn::Linear(1, options.sexInput()), torch::nn::ReLU()));
    ageClassifier = register_module(
        "ageClassifier",
        torch::nn::Sequential(torch::nn::Linear(fused + options.sexInput(), options.ageHidden1()), torch::nn::ReLU(),
                              torch::nn::Linear(options.ageHidden1(), options.ageHidden2()), torch::nn::ReLU(),
                              torch::nn::Linear(options.ageHidden2(), kTjAgeClasses)));
    binCentres_ = register_buffer("binCentres", binCentresMonths());
    for (auto& m : modules(false))
        if (auto* conv = m->as<torch::nn::Conv2d>()) {
            torch::NoGradGuard g;
            torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut, torch::kReLU);
        }
}

torch::Tensor TjNetImpl::ageClassOf(const torch::Tensor& months)
{
    return (months.to(torch::kDouble) / kTjBinMonths).floor().clamp(0, kTjAgeClasses - 1).to(torch::kLong);
}

torch::Tensor TjNetImpl::binCentresMonths()
{
    return torch::arange(kTjAgeClasses, torch::kFloat) * kTjBinMonths + kTjBinMonths / 2.0;
}

torch::Tensor TjNetImpl::expectedAgeMonths(const torch::Tensor& probabilities)
{
    // E[age] = sum_k P(class k) * centre_k; with a one-hot distribution it is that bin's centre.
    return (probabilities * binCentresMonths().to(probabilities.options())).sum(-1);
}

double TjNetImpl::alphaForProgress(const TjNetOptions& options, double fraction)
{
    return std::clamp(fraction, 0.0, 1.0) < options.alphaSwitchProgress() ? options.alphaStart() : options.alphaEnd();
}

void TjNetImpl::setTrainingProgress(double fraction)
{
    alpha_ = alphaForProgress(options_, fraction);
}

std::vector<std::string> TjNetImpl::blockPrefixes(int lastFrozenBlock)
{
    std::vector<std::string> prefixes;
    for (int b = 1; b <= std::clamp(lastFrozenBlock, 0, 4); ++b) prefixes.push_back("block" + std::to_string(b) + ".");
    return prefixes;
}

TjNetImpl::Logits TjNetImpl::logits(const ModelInput& input)
{
    if (!input.sex.defined()) throw std::invalid_argument("TJ-Net takes the patient's sex (ModelInput::sex)");
    torch::Tensor x1 = block1(stemInput(input.image));
    torch::Tensor x2 = block2(x1);
    torch::Tensor x3 = block3(x2);
    torch::Tensor x4 = block4(x3);
    keepGradCamFeatures(x4);
    torch::Tensor fused = torch::cat({x2.mean({2, 3}), x3.mean({2, 3}), x4.mean({2, 3})}, 1);
    torch::Tensor sex = input.sex.to(fused.options()).reshape({-1, 1});
    Logits l;
    l.sex = sexClassifier->forward(fused);
    l.age = ageClassifier->forward(torch::cat({fused, sexInput->forward(sex)}, 1));
    return l;
}

ModelOutput TjNetImpl::forward(const ModelInput& input)
{
    const int64_t H = input.image.size(2), W = input.image.size(3);
    Logits l = logits(input);
    ModelOutput out;
    torch::Tensor p = torch::softmax(l.age, 1);
    out.boneAgeMonths = expectedAgeMonths(p);
    torch::NoGradGuard noGrad;
    out.vectors["ageClassProbabilities"] = p.detach();
    out.vectors["ageClassCentresMonths"] = binCentres_.clone();
    out.vectors["sexProbabilityMale"] = torch::softmax(l.sex, 1).select(1, 1).detach();
    out.maps["cbam1"] = mapToInputFrame(block1->cbam->lastSpatialMap(), H, W);
    out.maps["cbam2"] = mapToInputFrame(block2->cbam->lastSpatialMap(), H, W);
    out.maps["cbam3"] = mapToInputFrame(block3->cbam->lastSpatialMap(), H, W);
    return out;
}

TjNetImpl::LossParts TjNetImpl::jointLoss(const Logits& logits, const torch::Tensor& ageMonths, const torch::Tensor& sex,
                                          double alpha)
{
    const int64_t b = logits.age.size(0);
    auto weightedCrossEntropy = [b](const torch::Tensor& classLogits, const torch::Tensor& target) {
        const int64_t k = classLogits.size(1);
        torch::Tensor counts = torch::bincount(target, /*weights=*/{}, k).to(classLogits.dtype());
        torch::Tensor classWeight = 1.0 - counts / static_cast<double>(b);           // 1 - |C_j| / |C_t|
        torch::Tensor nll = -torch::log_softmax(classLogits, 1).gather(1, target.view({-1, 1})).squeeze(1);
        return (classWeight.index_select(0, target) * nll).sum() / static_cast<double>(b);
    };
    LossParts parts;
    const torch::Tensor target = ageMonths.to(logits.age.dtype());
    const torch::Tensor expected = expectedAgeMonths(torch::softmax(logits.age, 1));
    parts.mad = (expected - target).abs().mean() / 12.0;
    parts.sexCrossEntropy = weightedCrossEntropy(logits.sex, sex.round().clamp(0, 1).to(torch::kLong));
    parts.ageCrossEntropy = weightedCrossEntropy(logits.age, ageClassOf(ageMonths));
    parts.total = alpha * parts.mad.pow(2) + parts.sexCrossEntropy + parts.ageCrossEntropy;
    return parts;
}

torch::Tensor TjNetImpl::loss(const TrainingBatch& batch)
{
    return jointLoss(logits(batch.input), batch.boneAgeMonths, batch.input.sex, alpha_).total;
}

TrainingStepResult TjNetImpl::trainingStep(const TrainingBatch& batch, torch::optim::Optimizer& optimizer)
{
    optimizer.zero_grad();
    LossParts parts = jointLoss(logits(batch.input), batch.boneAgeMonths, batch.input.sex, alpha_);
    parts.total.backward();
    optimizer.step();
    TrainingStepResult r;
    r.loss = parts.total.detach();
    r.parts["loss"] = r.loss;
    r.parts["mad.months"] = parts.mad.detach() * 12.0;
    r.parts["ce.sex"] = parts.sexCrossEntropy.detach();
    r.parts["ce.age"] = parts.ageCrossEntropy.detach();
    r.parts["alpha"] = torch::full({}, alpha_, parts.total.options());
    return r;
}

BoneAgeModel makeTjNet(const ArchitecturePreset& preset)
{
    TjNetOptions o;
    const double w = preset.widthMultiplier;
    auto scaled = [w](int64_t n) { return std::max<int64_t>(8, static_cast<int64_t>(std::lround(double(n) * w))); };
    // Compact presets scale the convolution widths and the dense layers alike.
    o.inChannels(preset.inputChannels).baseWidth(scaled(32)).sexHidden(scaled(256)).sexInput(scaled(64))
        .ageHidden1(scaled(512)).ageHidden2(scaled(256));
    return std::make_shared<TjNetImpl>(preset, o);
}

} // namespace boneage::nn
