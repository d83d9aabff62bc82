#include "nn/TwoMNet.h"

#include <algorithm>

namespace boneage::nn {

namespace F = torch::nn::functional;

// Prediction MLP of one step. The paper only draws "MLP"; we use Linear-ReLU-Linear on the globally
// average-pooled features (torchvision ResNet's pooling), hidden width options.headHidden().
static torch::nn::Sequential predictionHead(int64_t in, int64_t hidden)
{
    return torch::nn::Sequential(torch::nn::Linear(in, hidden), torch::nn::ReLU(), torch::nn::Linear(hidden, 1));
}

TwoMNetImpl::TwoMNetImpl(const ArchitecturePreset& preset, const TwoMNetOptions& options)
    : BoneAgeModelImpl(preset), options_(options), jigsaw_(options.jigsawSeed())
{
    if (options.jigsawSteps().size() != 3)
        throw std::invalid_argument("2M-Net: three progressive steps (conv group 3, 4, multi-scale)");
    backbone = register_module("backbone", ResNet(ResNetOptions().depth(18).widthMultiplier(options.widthMultiplier())
                                                      .inChannels(options.inChannels())));
    // "Middle stage" = output of conv group 2 (the paper's Table 4 "Stage 3", best of stages 2-5).
    spatialAttention = register_module("spatialAttention", NonLocalSpatialBlock(backbone->stageChannels(2)));
    // Table 5 "Stages 4 & 5" = outputs of conv groups 3 and 4.
    channelAttention3 = register_module("channelAttention3", NegativeCorrelationChannelBlock());
    channelAttention4 = register_module("channelAttention4", NegativeCorrelationChannelBlock());
    const int64_t c3 = backbone->stageChannels(3), c4 = backbone->stageChannels(4);
    heads[0] = register_module("head3", predictionHead(c3, options.headHidden()));
    heads[1] = register_module("head4", predictionHead(c4, options.headHidden()));
    // Multi-scale features = the two supervised scales concatenated (as in progressive multi-granularity
    // training, which 2M-Net's Figure 3 follows); the paper does not list the scales.
    heads[2] = register_module("headMultiScale", predictionHead(c3 + c4, options.headHidden()));
}

TwoMNetImpl::Features TwoMNetImpl::features(const torch::Tensor& image, int upToGroup)
{
    torch::Tensor x = backbone->stem(stemInput(image));
    x = backbone->stage(1, x);
    x = spatialAttention(backbone->stage(2, x));
    Features f;
    f.group3 = channelAttention3(backbone->stage(3, x));
    if (upToGroup >= 4) f.group4 = channelAttention4(backbone->stage(4, f.group3));
    return f;
}

torch::Tensor TwoMNetImpl::head(int step, const Features& f)
{
    auto pool = [](const torch::Tensor& t) { return t.mean({2, 3}); };
    torch::Tensor in;
    switch (step) {
    case 0: in = pool(f.group3); break;
    case 1: in = pool(f.group4); break;
    default: in = torch::cat({pool(f.group3), pool(f.group4)}, 1); break;
    }
    return heads[static_cast<size_t>(std::min(step, 2))]->forward(in).squeeze(1) * kAgeScaleMonths + kAgeCentreMonths;
}

torch::Tensor TwoMNetImpl::forwardStep(const torch::Tensor& image, int step)
{
    return head(step, features(image, step == 0 ? 3 : 4));
}

ModelOutput TwoMNetImpl::forward(const ModelInput& input)
{
    const int64_t b = input.image.size(0), H = input.image.size(2), W = input.image.size(3);
    Features f = features(input.image, 4);
    keepGradCamFeatures(f.group4);
    ModelOutput out;
    out.boneAgeMonths = head(2, f);
    out.vectors["prediction.group3"] = head(0, f).detach();
    out.vectors["prediction.group4"] = head(1, f).detach();

    // Spatial attention for one query position: the row of the non-local attention matrix of the
    // feature cell under the query, drawn over the (max-pooled) key grid and resized to the input.
    torch::NoGradGuard noGrad;
    torch::Tensor attention = spatialAttention->lastAttention();      // [B, h*w, h'*w']
    const int64_t cells = attention.size(1);
    const auto [kh, kw] = spatialAttention->lastKeyGrid();
    // Query grid = conv group 2 output = input / 8.
    const int64_t qh = (H + 7) / 8, qw = (W + 7) / 8;
    if (qh * qw != cells) throw std::logic_error("2M-Net: unexpected attention grid");
    torch::Tensor query = input.attentionQuery.defined()
                              ? input.attentionQuery.to(attention.device(), torch::kFloat).reshape({b, 2})
                              : torch::tensor({W / 2.0f, H / 2.0f}).to(attention.device()).repeat({b, 1});
    torch::Tensor col = (query.select(1, 0) * qw / W).floor().clamp(0, qw - 1).to(torch::kLong);
    torch::Tensor row = (query.select(1, 1) * qh / H).floor().clamp(0, qh - 1).to(torch::kLong);
    torch::Tensor cell = row * qw + col;                                       // [B]
    torch::Tensor rows = attention.gather(1, cell.view({b, 1, 1}).expand({b, 1, attention.size(2)})).view({b, kh, kw});
    out.maps["spatialAttention"] = mapToInputFrame(rows, H, W);
    // Centre of the query cell, in input pixels: where the map was read from.
    out.vectors["spatialAttentionQuery"] =
        torch::stack({(col.to(torch::kFloat) + 0.5f) * W / qw, (row.to(torch::kFloat) + 0.5f) * H / qh}, 1);
    // Channel weights: the full negative-correlation matrices and how much attention each channel receives.
    torch::Tensor a3 = channelAttention3->lastAttention(), a4 = channelAttention4->lastAttention();
    out.vectors["channelAttention.group3"] = a3;
    out.vectors["channelAttention.group4"] = a4;
    out.vectors["channelWeights.group3"] = a3.mean(1);
    out.vectors["channelWeights.group4"] = a4.mean(1);
    return out;
}

torch::Tensor TwoMNetImpl::loss(const TrainingBatch& batch)
{
    torch::Tensor total = torch::zeros({}, batch.input.image.options());
    for (int step = 0; step < 3; ++step) {
        const int n = options_.jigsawSteps()[static_cast<size_t>(step)];
        torch::Tensor image = n > 1 ? jigsaw_.shuffle(batch.input.image, n).images : batch.input.image;
        total = total + (forwardStep(image, step) - batch.boneAgeMonths).abs().mean() / kAgeScaleMonths;
    }
    return total;
}

TrainingStepResult TwoMNetImpl::trainingStep(const TrainingBatch& batch, torch::optim::Optimizer& optimizer)
{
    TrainingStepResult result;
    static const char* names[3] = {"l1.group3", "l1.group4", "l1.multiScale"};
    for (int step = 0; step < 3; ++step) {
        const int n = options_.jigsawSteps()[static_cast<size_t>(step)];
        torch::Tensor image = n > 1 ? jigsaw_.shuffle(batch.input.image, n).images : batch.input.image;
        optimizer.zero_grad();
        torch::Tensor l1 = (forwardStep(image, step) - batch.boneAgeMonths).abs().mean() / kAgeScaleMonths;
        l1.backward();
        optimizer.step();
        const torch::Tensor v = l1.detach();
        result.parts[names[step]] = v * kAgeScaleMonths;   // logged in months
        result.loss = result.loss.defined() ? result.loss + v : v;
    }
    return result;
}

BoneAgeModel makeTwoMNet(const ArchitecturePreset& preset)
{
    TwoMNetOptions o;
    o.inputSize(preset.inputSize).inChannels(preset.inputChannels).widthMultiplier(preset.widthMultiplier);
    // Heads scale with the backbone (256 hidden units at full width, never below 64).
    o.headHidden(static_cast<int>(std::max(64.0, 256.0 * preset.widthMultiplier)));
    return std::make_shared<TwoMNetImpl>(preset, o);
}

} // namespace boneage::nn
