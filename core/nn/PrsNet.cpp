#include "nn/PrsNet.h"

#include <algorithm>
#include <cmath>

namespace boneage::nn {

namespace F = torch::nn::functional;

PrsNetImpl::PrsNetImpl(const ArchitecturePreset& preset, const PrsNetOptions& options)
    : BoneAgeModelImpl(preset), options_(options)
{
    auto resnet34 = [&] {
        return ResNet(ResNetOptions().depth(34).widthMultiplier(options.widthMultiplier()).inChannels(options.inChannels()));
    };
    relationNet = register_module("relationNet", resnet34());
    partNet = register_module("partNet", resnet34());
    const char* names[3] = {"res3", "res4", "res5"};
    for (int l = 0; l < 3; ++l) {
        const int64_t c = relationNet->stageChannels(l + 2);
        auto c1 = [c](int64_t out) { return torch::nn::Conv2d(torch::nn::Conv2dOptions(c, out, 1)); };
        relationConv[l] = register_module(std::string(names[l]) + "Relation", c1(c));
        trunkConv[l] = register_module(std::string(names[l]) + "Trunk", c1(c));
        residualConv[l] = register_module(std::string(names[l]) + "Residual", c1(c));
        // Anchor scores: one 1x1 convolution per level, kAnchorsPerCell scores per feature cell.
        scoreConv[l] = register_module(std::string(names[l]) + "Score", c1(kAnchorsPerCell));
        // The residual map starts as the identity (D = X), so F starts as X + T * sigmoid(R) and an
        // ImageNet-initialised backbone keeps its features; the paper does not say how D is initialised.
        torch::NoGradGuard g;
        residualConv[l]->weight.copy_(torch::eye(c).view({c, c, 1, 1}));
        residualConv[l]->bias.zero_();
    }
    const int64_t partChannels = partNet->stageChannels(4), globalChannels = relationNet->stageChannels(4);
    partHead = register_module("partHead", torch::nn::Linear(partChannels, 1));
    // [local (sum of part features), global (pooled F_res5), sex one-hot (female, male)] -> age.
    head = register_module("head", torch::nn::Linear(partChannels + globalChannels + 2, 1));
}

AnchorSet PrsNetImpl::anchors(int64_t height, int64_t width)
{
    std::vector<float> boxes;
    std::vector<int64_t> levels;
    int64_t h = height, w = width;
    for (int halvings = 0; halvings < 2; ++halvings) { h = (h + 1) / 2; w = (w + 1) / 2; }   // stem: stride 4
    const double base0 = double(std::min(height, width)) / 8.0;
    const double ratios[kAnchorsPerCell] = {1.0, 0.5, 2.0};
    for (int level = 0; level < 3; ++level) {
        h = (h + 1) / 2;   // res3 stride 8, res4 16, res5 32 (each stage halves with ceil, as its convolutions)
        w = (w + 1) / 2;
        const double base = base0 * double(1 << level);
        const double sy = double(height) / double(h), sx = double(width) / double(w);
        for (int64_t i = 0; i < h; ++i)
            for (int64_t j = 0; j < w; ++j)
                for (double r : ratios) {
                    const double cx = (double(j) + 0.5) * sx, cy = (double(i) + 0.5) * sy;
                    const double bw = base * std::sqrt(r), bh = base / std::sqrt(r);
                    boxes.push_back(float(std::clamp(cx - bw / 2, 0.0, double(width))));
                    boxes.push_back(float(std::clamp(cy - bh / 2, 0.0, double(height))));
                    boxes.push_back(float(std::clamp(cx + bw / 2, 0.0, double(width))));
                    boxes.push_back(float(std::clamp(cy + bh / 2, 0.0, double(height))));
                    levels.push_back(level);
                }
    }
    const int64_t n = static_cast<int64_t>(levels.size());
    return {torch::tensor(boxes).view({n, 4}), torch::tensor(levels, torch::kLong)};
}

std::vector<int64_t> PrsNetImpl::nonMaximumSuppression(const torch::Tensor& boxes, const torch::Tensor& scores, int keep,
                                                       double iouThreshold)
{
    // On the CPU whatever the model's device: the greedy loop reads the values directly.
    const torch::Tensor order = std::get<1>(scores.detach().to(torch::kCPU, torch::kFloat).sort(0, /*descending=*/true));
    const torch::Tensor b = boxes.to(torch::kCPU, torch::kFloat).contiguous();
    const float* p = b.data_ptr<float>();
    const int64_t* o = order.data_ptr<int64_t>();
    auto area = [&](int64_t i) { return std::max(0.f, p[4 * i + 2] - p[4 * i]) * std::max(0.f, p[4 * i + 3] - p[4 * i + 1]); };
    std::vector<int64_t> kept;
    for (int64_t k = 0; k < order.numel() && static_cast<int>(kept.size()) < keep; ++k) {
        const int64_t i = o[k];
        bool suppressed = false;
        for (int64_t j : kept) {
            const float iw = std::min(p[4 * i + 2], p[4 * j + 2]) - std::max(p[4 * i], p[4 * j]);
            const float ih = std::min(p[4 * i + 3], p[4 * j + 3]) - std::max(p[4 * i + 1], p[4 * j + 1]);
            const float inter = std::max(0.f, iw) * std::max(0.f, ih);
            const float uni = area(i) + area(j) - inter;
            if (uni > 0 && inter / uni >= iouThreshold) { suppressed = true; break; }
        }
        if (!suppressed) kept.push_back(i);
    }
    return kept;
}

torch::Tensor PrsNetImpl::rankingLoss(const torch::Tensor& s, const torch::Tensor& errors)
{
    // Element [b,i,j]: part j is more confident than part i (smaller error, C = sigmoid(-|error|)) and
    // its score does not exceed S_i by the margin 1: max(1 - S_j + S_i, 0).
    const torch::Tensor e = errors.detach();
    const torch::Tensor moreConfident = (e.unsqueeze(1) < e.unsqueeze(2)).to(s.dtype());   // [b,i,j]: e_j < e_i
    const torch::Tensor hinge = torch::relu(1.0 - s.unsqueeze(1) + s.unsqueeze(2));          // 1 - S_j + S_i
    return (hinge * moreConfident).sum() / static_cast<double>(s.size(0));
}

PrsNetImpl::Pass PrsNetImpl::run(const ModelInput& input)
{
    if (!input.sex.defined()) throw std::invalid_argument("PRSNet takes the patient's sex (ModelInput::sex)");
    const torch::Tensor image = stemInput(input.image);
    const int64_t b = image.size(0), H = image.size(2), W = image.size(3);
    Pass pass;
    torch::Tensor f = relationNet->stage(1, relationNet->stem(image));
    std::vector<torch::Tensor> levelScores;
    for (int l = 0; l < 3; ++l) {
        const torch::Tensor x = relationNet->stage(l + 2, f);
        const torch::Tensor gate = torch::sigmoid(relationConv[l](x));
        f = trunkConv[l](x) * gate + residualConv[l](x);                 // Eq. (1), fed to the next level
        pass.relation[static_cast<size_t>(l)] = gate.detach();
        levelScores.push_back(scoreConv[l](f).permute({0, 2, 3, 1}).reshape({b, -1}));   // cell-major, ratio-minor
    }
    keepGradCamFeatures(f);
    const torch::Tensor global = f.mean({2, 3});
    const torch::Tensor scores = torch::cat(levelScores, 1);
    const AnchorSet anchorSet = anchors(H, W);
    if (anchorSet.boxes.size(0) != scores.size(1)) throw std::logic_error("PRSNet: anchors do not match the score maps");

    const int m = options_.topParts();
    const int64_t p = options_.partSize();
    std::vector<int64_t> chosen;
    std::vector<torch::Tensor> crops;
    pass.partBoxes = torch::zeros({b, m, 4});
    for (int64_t i = 0; i < b; ++i) {
        std::vector<int64_t> keep = nonMaximumSuppression(anchorSet.boxes, scores[i], m, options_.nmsIou());
        while (static_cast<int>(keep.size()) < m) keep.push_back(keep.back());   // tiny inputs: repeat the last part
        for (int k = 0; k < m; ++k) {
            const torch::Tensor box = anchorSet.boxes[keep[static_cast<size_t>(k)]];
            const int64_t x0 = std::clamp<int64_t>(int64_t(std::floor(box[0].item<float>())), 0, W - 1);
            const int64_t y0 = std::clamp<int64_t>(int64_t(std::floor(box[1].item<float>())), 0, H - 1);
            const int64_t x1 = std::clamp<int64_t>(int64_t(std::ceil(box[2].item<float>())), x0 + 1, W);
            const int64_t y1 = std::clamp<int64_t>(int64_t(std::ceil(box[3].item<float>())), y0 + 1, H);
            pass.partBoxes[i][k] = torch::tensor({float(x0), float(y0), float(x1), float(y1)});
            crops.push_back(F::interpolate(image[i].narrow(1, y0, y1 - y0).narrow(2, x0, x1 - x0).unsqueeze(0),
                                           F::InterpolateFuncOptions().size(std::vector<int64_t>{p, p})
                                               .mode(torch::kBilinear).align_corners(false)));
            chosen.push_back(i * scores.size(1) + keep[static_cast<size_t>(k)]);
        }
    }
    // Scores of the selected anchors stay in the graph: the ranking loss trains the relation module.
    pass.partScores =
        scores.reshape({-1}).index_select(0, torch::tensor(chosen, torch::kLong).to(scores.device())).view({b, m});
    pass.partBoxes = pass.partBoxes.to(image.device());
    const torch::Tensor partFeatures = partNet(torch::cat(crops, 0)).mean({2, 3});            // [B*M, C]
    pass.partAges = (partHead(partFeatures).view({b, m}) * kAgeScaleMonths + kAgeCentreMonths);
    const torch::Tensor local = partFeatures.view({b, m, -1}).sum(1);
    const torch::Tensor sex = input.sex.to(global.options()).reshape({-1, 1});
    const torch::Tensor sexOneHot = torch::cat({1.0 - sex, sex}, 1);
    pass.age = head(torch::cat({local, global, sexOneHot}, 1)).squeeze(1) * kAgeScaleMonths + kAgeCentreMonths;
    return pass;
}

ModelOutput PrsNetImpl::forward(const ModelInput& input)
{
    Pass pass = run(input);
    const int64_t H = input.image.size(2), W = input.image.size(3);
    ModelOutput out;
    out.boneAgeMonths = pass.age;
    out.boxes["parts"] = pass.partBoxes;
    out.scores["parts"] = pass.partScores.detach();
    out.vectors["prediction.parts"] = pass.partAges.detach();
    const char* names[3] = {"relation.res3", "relation.res4", "relation.res5"};
    for (int l = 0; l < 3; ++l) out.maps[names[l]] = mapToInputFrame(pass.relation[static_cast<size_t>(l)].mean(1), H, W);
    return out;
}

namespace {
struct PrsLoss {
    torch::Tensor total, rank, age, parts;
};
PrsLoss prsLoss(const PrsNetImpl::Pass& pass, const torch::Tensor& target)
{
    // Eq. (4): L_rank + |y - y*|^2, ages in (months - 120) / 50. Eq. (4) has no term that trains the
    // part estimates y_i whose errors define the confidences; we add their mean L2 (NTS-Net's part loss,
    // which PRSNet's ranking loss comes from), otherwise the ranking would follow untrained heads.
    const torch::Tensor t = target.to(pass.age.dtype());
    PrsLoss l;
    const torch::Tensor partErrors = (pass.partAges - t.view({-1, 1})) / kAgeScaleMonths;
    l.age = ((pass.age - t) / kAgeScaleMonths).pow(2).mean();
    l.parts = partErrors.pow(2).mean();
    l.rank = PrsNetImpl::rankingLoss(pass.partScores, partErrors.abs());
    l.total = l.rank + l.age + l.parts;
    return l;
}
} // namespace

torch::Tensor PrsNetImpl::loss(const TrainingBatch& batch)
{
    return prsLoss(run(batch.input), batch.boneAgeMonths).total;
}

TrainingStepResult PrsNetImpl::trainingStep(const TrainingBatch& batch, torch::optim::Optimizer& optimizer)
{
    optimizer.zero_grad();
    const PrsLoss l = prsLoss(run(batch.input), batch.boneAgeMonths);
    l.total.backward();
    optimizer.step();
    TrainingStepResult r;
    r.loss = l.total.detach();
    r.parts["loss"] = r.loss;
    r.parts["rank"] = l.rank.detach();
    r.parts["l2.age"] = l.age.detach();
    r.parts["l2.parts"] = l.parts.detach();
    return r;
}

BoneAgeModel makePrsNet(const ArchitecturePreset& preset)
{
    PrsNetOptions o;
    // Parts: 224 px in the paper preset (ImageNet ResNet-34 input); half the input (48 px at 96) in compact.
    o.inChannels(preset.inputChannels).widthMultiplier(preset.widthMultiplier)
        .partSize(preset.paperPreset ? 224 : std::max(32, preset.inputSize / 2));
    return std::make_shared<PrsNetImpl>(preset, o);
}

} // namespace boneage::nn
