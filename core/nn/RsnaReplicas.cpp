#include "nn/RsnaReplicas.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace boneage::nn {

namespace F = torch::nn::functional;

namespace {

torch::Tensor toMonths(const torch::Tensor& normalised) { return normalised * kAgeScaleMonths + kAgeCentreMonths; }

// The paper's MSE on normalised ages.
torch::Tensor mse(const torch::Tensor& months, const torch::Tensor& target)
{
    return ((months - target.to(months.dtype())) / kAgeScaleMonths).pow(2).mean();
}

torch::Tensor sexColumn(const ModelInput& input, const torch::Tensor& like)
{
    if (!input.sex.defined()) throw std::invalid_argument("this model takes the patient's sex (ModelInput::sex)");
    return input.sex.to(like.options()).reshape({-1, 1});
}

// Dense widths scale with the backbone in compact presets (never below 8).
int64_t dense(int64_t n, const ArchitecturePreset& p) { return scaledWidth(n, p.widthMultiplier); }

// He-uniform (fan-in) for AG-CNN's dense layers, as the paper states; biases zero.
torch::nn::Linear heUniformLinear(int64_t in, int64_t out)
{
    torch::nn::Linear l(in, out);
    torch::NoGradGuard g;
    torch::nn::init::kaiming_uniform_(l->weight, 0.01, torch::kFanIn, torch::kLeakyReLU);
    l->bias.zero_();
    return l;
}

// Linear -> LeakyReLU -> Dropout(0.5) stacks ending in a linear unit, AG-CNN's heads.
torch::nn::Sequential leakyHead(int64_t in, const std::vector<int64_t>& hidden)
{
    torch::nn::Sequential s;
    int64_t c = in;
    for (int64_t h : hidden) {
        s->push_back(heUniformLinear(c, h));
        s->push_back(torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(0.01)));
        s->push_back(torch::nn::Dropout(0.5));
        c = h;
    }
    // The output unit's initialisation is not given (the paper names He-uniform for the hidden dense
    // layers only); it starts at zero so every branch starts at the centre age (120 months) instead of
    // a random +-4 SD, which the fusion branch, behind two dropout layers, took hundreds of steps to undo.
    torch::nn::Linear outUnit(c, 1);
    {
        torch::NoGradGuard g;
        outUnit->weight.zero_();
        outUnit->bias.zero_();
    }
    s->push_back(outUnit);
    return s;
}

} // namespace

// ---------------------------------------------------------------------------------------------
RsnaInceptionV3Impl::RsnaInceptionV3Impl(const ArchitecturePreset& p) : BoneAgeModelImpl(p)
{
    backbone = register_module("backbone", InceptionV3(p.inputChannels, p.widthMultiplier));
    const int64_t sexWidth = 32;   // the paper's dense 32 on the sex input (kept in compact presets: 64 weights)
    sexDense = register_module("sexDense", torch::nn::Linear(1, sexWidth));
    fc1 = register_module("fc1", torch::nn::Linear(backbone->outChannels() + sexWidth, dense(1000, p)));
    fc2 = register_module("fc2", torch::nn::Linear(dense(1000, p), dense(1000, p)));
    out = register_module("out", torch::nn::Linear(dense(1000, p), 1));
    // "Between the last trainable layers dropout layers were added"; rate not given, 0.5 chosen.
    dropout = register_module("dropout", torch::nn::Dropout(0.5));
}

ModelOutput RsnaInceptionV3Impl::forward(const ModelInput& input)
{
    torch::Tensor f = backbone(stemInput(input.image));
    keepGradCamFeatures(f);
    torch::Tensor x = torch::cat({f.mean({2, 3}), torch::sigmoid(sexDense(sexColumn(input, f)))}, 1);
    x = dropout(torch::tanh(fc1(x)));
    x = dropout(torch::tanh(fc2(x)));
    ModelOutput o;
    o.boneAgeMonths = toMonths(out(x).squeeze(1));
    return o;
}

torch::Tensor RsnaInceptionV3Impl::loss(const TrainingBatch& b) { return mse(forward(b.input).boneAgeMonths, b.boneAgeMonths); }

// ---------------------------------------------------------------------------------------------
RsnaXceptionImpl::RsnaXceptionImpl(const ArchitecturePreset& p) : BoneAgeModelImpl(p)
{
    backbone = register_module("backbone", Xception(p.inputChannels, p.widthMultiplier));
    // Table 3's 20,885 trainable weights = dense 32 on sex (64) + (2048 + 32) x 10 + 10 + 11: the sex
    // input has the same dense-32 sigmoid encoder as the InceptionV3 model; dense 10 ReLU; linear unit.
    sexDense = register_module("sexDense", torch::nn::Linear(1, 32));
    fc1 = register_module("fc1", torch::nn::Linear(backbone->outChannels() + 32, 10));
    out = register_module("out", torch::nn::Linear(10, 1));
}

ModelOutput RsnaXceptionImpl::forward(const ModelInput& input)
{
    torch::Tensor f = backbone(stemInput(input.image));
    keepGradCamFeatures(f);
    torch::Tensor x = torch::cat({f.mean({2, 3}), torch::sigmoid(sexDense(sexColumn(input, f)))}, 1);
    ModelOutput o;
    o.boneAgeMonths = toMonths(out(torch::relu(fc1(x))).squeeze(1));
    return o;
}

torch::Tensor RsnaXceptionImpl::loss(const TrainingBatch& b) { return mse(forward(b.input).boneAgeMonths, b.boneAgeMonths); }

// ---------------------------------------------------------------------------------------------
RsnaResNetPatchesImpl::RsnaResNetPatchesImpl(const ArchitecturePreset& p) : BoneAgeModelImpl(p)
{
    // Paper: 224 px patches of the 500 px image. Compact: two thirds of the input, rounded down to a
    // multiple of 32 (96 -> 64), so three patches still overlap (3 x 64 > 96).
    patch_ = p.paperPreset ? 224 : std::max<int64_t>(32, (p.inputSize * 2 / 3) / 32 * 32);
    backbone = register_module("backbone", ResNet(ResNetOptions().depth(50).widthMultiplier(p.widthMultiplier)
                                                      .inChannels(p.inputChannels)));
    // Raw sex concatenated ("not previously processed"); dense 14 ReLU; linear (Table 3: 28,715 weights).
    fc1 = register_module("fc1", torch::nn::Linear(backbone->stageChannels(4) + 1, 14));
    out = register_module("out", torch::nn::Linear(14, 1));
}

std::vector<std::array<int64_t, 2>> RsnaResNetPatchesImpl::patchOrigins(int64_t height, int64_t width)
{
    const int64_t p = patch_;
    if (height < p || width < p) throw std::invalid_argument("image smaller than the patch size");
    std::vector<std::array<int64_t, 2>> origins;
    if (is_training() && randomTrainingPatches_) {
        std::uniform_int_distribution<int64_t> xs(0, width - p), ys(0, height - p);
        for (int i = 0; i < kPatches; ++i) {
            const int64_t x = xs(random_);
            origins.push_back({x, ys(random_)});
        }
    } else {
        for (int i = 0; i < kPatches; ++i) origins.push_back({(width - p) / 2, (height - p) * i / (kPatches - 1)});
    }
    return origins;
}

torch::Tensor RsnaResNetPatchesImpl::patchPredictions(const ModelInput& input, torch::Tensor& boxes)
{
    const torch::Tensor image = stemInput(input.image);
    const int64_t b = image.size(0), H = image.size(2), W = image.size(3);
    std::vector<torch::Tensor> patches;
    boxes = torch::zeros({b, kPatches, 4});
    for (int64_t i = 0; i < b; ++i) {
        const auto origins = patchOrigins(H, W);
        for (int k = 0; k < kPatches; ++k) {
            const auto [x, y] = origins[static_cast<size_t>(k)];
            patches.push_back(image[i].narrow(1, y, patch_).narrow(2, x, patch_));
            boxes[i][k] = torch::tensor({float(x), float(y), float(x + patch_), float(y + patch_)});
        }
    }
    lastBoxes_ = boxes;                 // CPU: camToInputFrame reads it
    boxes = boxes.to(image.device());   // explanations live on the model's device, as its outputs
    torch::Tensor f = backbone(torch::stack(patches));          // [B*3, C, h, w]
    keepGradCamFeatures(f);
    torch::Tensor sex = sexColumn(input, f).repeat_interleave(kPatches, 0);
    torch::Tensor x = torch::cat({f.mean({2, 3}), sex}, 1);
    return toMonths(out(torch::relu(fc1(x))).view({b, kPatches}));
}

torch::Tensor RsnaResNetPatchesImpl::camToInputFrame(const torch::Tensor& cam, int64_t height, int64_t width) const
{
    const int64_t b = cam.size(0) / kPatches;
    torch::Tensor perPatch = mapToInputFrame(cam, patch_, patch_).view({b, kPatches, patch_, patch_});
    torch::Tensor frame = torch::zeros({b, height, width}, perPatch.options());
    for (int64_t i = 0; i < b; ++i)
        for (int k = 0; k < kPatches; ++k) {
            const int64_t x = lastBoxes_[i][k][0].item<int64_t>(), y = lastBoxes_[i][k][1].item<int64_t>();
            torch::Tensor region = frame[i].narrow(0, y, patch_).narrow(1, x, patch_);
            region.copy_(torch::maximum(region, perPatch[i][k]));
        }
    return frame;
}

ModelOutput RsnaResNetPatchesImpl::forward(const ModelInput& input)
{
    torch::Tensor boxes;
    torch::Tensor perPatch = patchPredictions(input, boxes);
    ModelOutput o;
    o.boneAgeMonths = perPatch.mean(1);
    o.boxes["patches"] = boxes;
    o.scores["patches"] = perPatch.detach();
    return o;
}

torch::Tensor RsnaResNetPatchesImpl::loss(const TrainingBatch& b)
{
    torch::Tensor boxes;
    return mse(patchPredictions(b.input, boxes), b.boneAgeMonths.view({-1, 1}));
}

// ---------------------------------------------------------------------------------------------
AgCnnImpl::AgCnnImpl(const ArchitecturePreset& p) : BoneAgeModelImpl(p)
{
    auto resnet = [&] {
        return ResNet(ResNetOptions().depth(50).widthMultiplier(p.widthMultiplier).inChannels(p.inputChannels)
                          .leakyRelu(true).heUniform(true));
    };
    // "global" is a Python keyword, which torch's archive format cannot store as a module name.
    global = register_module("globalBranch", resnet());
    local = register_module("localBranch", resnet());
    const int64_t c = global->stageChannels(4);
    // Heads keep the paper's widths in every preset: with dropout 0.5, narrower layers (64-32 at width
    // 0.25) were too noisy for the fusion branch to learn at all in our overfitting check (its MSE stayed
    // at the targets' variance), and at 256-128 they cost only 0.4 M parameters at width 0.25.
    globalHead = register_module("globalHead", leakyHead(c, {256}));
    localHead = register_module("localHead", leakyHead(c, {256}));
    // Fusion: [global pool, local pool, sex] -> 256 -> 128 -> 1 (Table 3: 1,082,113 weights at width 1).
    fusion = register_module("fusion", leakyHead(2 * c + 1, {256, 128}));
}

AgCnnImpl::Branches AgCnnImpl::run(const ModelInput& input)
{
    const torch::Tensor image = stemInput(input.image);
    const int64_t b = image.size(0), H = image.size(2), W = image.size(3);
    Branches r;
    torch::Tensor fg = global(image);
    keepGradCamFeatures(fg);
    torch::Tensor pg = fg.mean({2, 3});
    r.global = toMonths(globalHead->forward(pg).squeeze(1));

    // Attention crop: channel sum, bilinear upsampling to the input, per image Otsu + component + box.
    torch::Tensor crops;
    {
        torch::NoGradGuard noGrad;
        r.heat = mapToInputFrame(fg.detach().sum(1), H, W).contiguous();     // [B,H,W]
        r.mask = torch::zeros({b, H, W});
        r.boxes = torch::zeros({b, 1, 4});
        r.thresholds = torch::zeros({b});
        std::vector<torch::Tensor> cropList;
        for (int64_t i = 0; i < b; ++i) {
            torch::Tensor h = r.heat[i].to(torch::kCPU, torch::kFloat).contiguous();
            std::vector<float> values(h.data_ptr<float>(), h.data_ptr<float>() + h.numel());
            const AttentionCrop crop = attentionCrop(values, static_cast<int>(W), static_cast<int>(H));
            r.mask[i].copy_(torch::from_blob(const_cast<uint8_t*>(crop.mask.data()), {H, W}, torch::kUInt8).to(torch::kFloat));
            r.boxes[i][0] = torch::tensor({float(crop.box.x0), float(crop.box.y0), float(crop.box.x1), float(crop.box.y1)});
            r.thresholds[i] = crop.threshold;
            torch::Tensor region = image[i].narrow(1, crop.box.y0, crop.box.height()).narrow(2, crop.box.x0, crop.box.width());
            cropList.push_back(F::interpolate(region.unsqueeze(0), F::InterpolateFuncOptions()
                                                                      .size(std::vector<int64_t>{H, W})
                                                                      .mode(torch::kBilinear)
                                                                      .align_corners(false)));
        }
        crops = torch::cat(cropList, 0);
        r.mask = r.mask.to(image.device());
        r.boxes = r.boxes.to(image.device());
        r.thresholds = r.thresholds.to(image.device());
        // Heat map for display: min-max scaled per image to [0,1] (what Otsu saw, divided by 255).
        torch::Tensor flat = r.heat.view({b, -1});
        torch::Tensor lo = std::get<0>(flat.min(1, true)), hi = std::get<0>(flat.max(1, true));
        r.heat = ((flat - lo) / (hi - lo).clamp_min(1e-12)).view({b, H, W});
    }
    torch::Tensor pl = local(crops).mean({2, 3});
    r.local = toMonths(localHead->forward(pl).squeeze(1));
    // In training, the fusion branch is updated by its own loss only (seed 004: one gradient per branch
    // w.r.t. that branch's parameters), so its inputs are detached; in evaluation they are not, so
    // Grad-CAM of the fusion output reaches the global features.
    torch::Tensor g = is_training() ? pg.detach() : pg, l = is_training() ? pl.detach() : pl;
    r.fusion = toMonths(fusion->forward(torch::cat({g, l, sexColumn(input, pg)}, 1)).squeeze(1));
    return r;
}

ModelOutput AgCnnImpl::forward(const ModelInput& input)
{
    Branches r = run(input);
    ModelOutput o;
    o.boneAgeMonths = r.fusion;
    o.maps["attention"] = r.heat;
    o.maps["attentionMask"] = r.mask;
    o.boxes["attentionCrop"] = r.boxes;
    o.vectors["prediction.global"] = r.global.detach();
    o.vectors["prediction.local"] = r.local.detach();
    o.vectors["attentionThreshold"] = r.thresholds;
    return o;
}

torch::Tensor AgCnnImpl::loss(const TrainingBatch& b)
{
    Branches r = run(b.input);
    return kGlobalWeight * mse(r.global, b.boneAgeMonths) + kLocalWeight * mse(r.local, b.boneAgeMonths) +
           kFusionWeight * mse(r.fusion, b.boneAgeMonths);
}

TrainingStepResult AgCnnImpl::trainingStep(const TrainingBatch& b, torch::optim::Optimizer& optimizer)
{
    optimizer.zero_grad();
    Branches r = run(b.input);
    const torch::Tensor lg = mse(r.global, b.boneAgeMonths), ll = mse(r.local, b.boneAgeMonths),
                        lf = mse(r.fusion, b.boneAgeMonths);
    // The global features reach the local branch only through the (non-differentiable) crop and the
    // fusion branch only detached: each weighted term's gradient lands on its own branch.
    const torch::Tensor total = kGlobalWeight * lg + kLocalWeight * ll + kFusionWeight * lf;
    total.backward();
    optimizer.step();
    TrainingStepResult res;
    res.loss = total.detach();
    res.parts["loss"] = res.loss;
    res.parts["mse.global"] = lg.detach();
    res.parts["mse.local"] = ll.detach();
    res.parts["mse.fusion"] = lf.detach();
    return res;
}

// ---------------------------------------------------------------------------------------------
const std::array<const char*, 3>& RsnaEnsembleImpl::memberArchitectures()
{
    static const std::array<const char*, 3> names = {"rsna-resnet50-patches", "rsna-inceptionv3", "rsna-xception"};
    return names;
}

std::vector<double> RsnaEnsembleImpl::normalisedWeights(const std::vector<double>& weights)
{
    const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    if (weights.empty() || !(sum > 0) ||
        std::any_of(weights.begin(), weights.end(), [](double w) { return w < 0 || !std::isfinite(w); }))
        throw std::invalid_argument("ensemble weights must be non-negative with a positive sum");
    std::vector<double> n;
    for (double w : weights) n.push_back(w / sum);
    return n;
}

RsnaEnsembleImpl::RsnaEnsembleImpl(const ArchitecturePreset& p) : BoneAgeModelImpl(p), weights_(normalisedWeights(paperWeights()))
{
    for (const char* arch : memberArchitectures()) {
        const ArchitecturePreset* mp = findArchitecturePreset(arch, p.preset);
        if (!mp) throw std::logic_error(std::string("ensemble member missing: ") + arch + "/" + p.preset);
        BoneAgeModel m = makeRsnaReplica(*mp);
        std::string name = arch;
        std::replace(name.begin(), name.end(), '-', '_');   // module names may not contain '.'; '-' kept readable
        members_.push_back(register_module(name, m));
    }
}

ModelOutput RsnaEnsembleImpl::forward(const ModelInput& input)
{
    ModelOutput o;
    torch::Tensor sum;
    for (size_t i = 0; i < members_.size(); ++i) {
        ModelOutput m = members_[i]->forward(input);
        sum = i == 0 ? weights_[i] * m.boneAgeMonths : sum + weights_[i] * m.boneAgeMonths;
        o.vectors[std::string("member.") + memberArchitectures()[i]] = m.boneAgeMonths.detach();
        for (auto& [k, v] : m.boxes) o.boxes[k] = v;
        for (auto& [k, v] : m.scores) o.scores[k] = v;
    }
    o.boneAgeMonths = sum;
    o.vectors["ensembleWeights"] = torch::tensor(weights_, torch::kDouble).to(torch::kFloat);
    return o;
}

torch::Tensor RsnaEnsembleImpl::loss(const TrainingBatch& b)
{
    torch::Tensor total;
    for (auto& m : members_) total = total.defined() ? total + m->loss(b) : m->loss(b);
    return total;
}

void RsnaEnsembleImpl::reseedAugmentation(uint64_t seed)
{
    for (auto& m : members_) m->reseedAugmentation(seed);
}

BoneAgeModel makeRsnaReplica(const ArchitecturePreset& p)
{
    if (p.architecture == "rsna-inceptionv3") return std::make_shared<RsnaInceptionV3Impl>(p);
    if (p.architecture == "rsna-xception") return std::make_shared<RsnaXceptionImpl>(p);
    if (p.architecture == "rsna-resnet50-patches") return std::make_shared<RsnaResNetPatchesImpl>(p);
    if (p.architecture == "agcnn") return std::make_shared<AgCnnImpl>(p);
    if (p.architecture == "rsna-ensemble") return std::make_shared<RsnaEnsembleImpl>(p);
    throw std::invalid_argument("not a seed-004 architecture: " + p.architecture);
}

} // namespace boneage::nn
