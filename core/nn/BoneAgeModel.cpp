#include "nn/BoneAgeModel.h"
#include "nn/StoredWeights.h"
#include "nn/Registry.h"
#include "nn/GlobalLocalNet.h"
#include "nn/PrsNet.h"
#include "nn/RsnaReplicas.h"
#include "nn/TjNet.h"
#include "nn/TwoMNet.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace boneage::nn {

namespace F = torch::nn::functional;

TrainingStepResult BoneAgeModelImpl::trainingStep(const TrainingBatch& batch, torch::optim::Optimizer& optimizer)
{
    optimizer.zero_grad();
    torch::Tensor l = loss(batch);
    l.backward();
    optimizer.step();
    TrainingStepResult r;
    r.loss = l.detach();
    r.parts["loss"] = r.loss;
    return r;
}

int64_t BoneAgeModelImpl::parameterCount() const
{
    int64_t n = 0;
    for (const auto& p : parameters()) n += p.numel();
    return n;
}

torch::Tensor BoneAgeModelImpl::stemInput(const torch::Tensor& image) const
{
    if (image.dim() != 4) throw std::invalid_argument("model input must be [B,C,H,W]");
    if (image.size(1) == preset_.inputChannels) return image;
    if (image.size(1) == 1) return image.expand({image.size(0), preset_.inputChannels, image.size(2), image.size(3)});
    throw std::invalid_argument("model input must have 1 or " + std::to_string(preset_.inputChannels) + " channels");
}

torch::Tensor BoneAgeModelImpl::camToInputFrame(const torch::Tensor& cam, int64_t height, int64_t width) const
{
    return mapToInputFrame(cam, height, width);
}

torch::Tensor mapToInputFrame(const torch::Tensor& map, int64_t height, int64_t width)
{
    torch::Tensor m = map.dim() == 3 ? map.unsqueeze(1) : map;
    m = F::interpolate(m.to(torch::kFloat), F::InterpolateFuncOptions()
                                                 .size(std::vector<int64_t>{height, width})
                                                 .mode(torch::kBilinear)
                                                 .align_corners(false));
    return m.squeeze(1);
}

torch::Tensor gradCam(BoneAgeModelImpl& model, const ModelInput& input)
{
    const bool wasTraining = model.is_training();
    model.eval();
    model.setCaptureGradCamFeatures(true);
    torch::Tensor features;
    torch::Tensor cam;
    {
        torch::AutoGradMode enable(true);
        ModelOutput out = model.forward(input);
        features = model.gradCamFeatures();
        model.setCaptureGradCamFeatures(false);
        if (!features.defined()) throw std::logic_error("model has no Grad-CAM feature map");
        // Gradients of each sample's age w.r.t. its own features (samples are independent in eval mode).
        torch::Tensor grads = torch::autograd::grad({out.boneAgeMonths.sum()}, {features},
                                                    /*grad_outputs=*/{}, /*retain_graph=*/false,
                                                    /*create_graph=*/false, /*allow_unused=*/true)[0];
        if (!grads.defined()) grads = torch::zeros_like(features);
        torch::NoGradGuard noGrad;
        torch::Tensor weights = grads.mean({2, 3}, /*keepdim=*/true);
        // ReLU keeps the regions that push the age up (Selvaraju et al.'s choice for a class score).
        cam = torch::relu((weights * features).sum(1));
    }
    model.train(wasTraining);
    torch::NoGradGuard noGrad;
    cam = model.camToInputFrame(cam, input.image.size(2), input.image.size(3));
    torch::Tensor peak = cam.flatten(1).amax(1).clamp_min(1e-12).view({-1, 1, 1});
    return cam / peak;
}

void saveModel(BoneAgeModelImpl& model, const std::string& path)
{
    torch::serialize::OutputArchive archive;
    model.save(archive);
    archive.save_to(path);
}

void loadModel(BoneAgeModelImpl& model, const std::string& path)
{
    loadCheckedWeightsFile(model, path);   // never Module::load: it swaps storages unchecked (StoredWeights.h)
}

BoneAgeModel createModel(const std::string& architecture, const std::string& preset)
{
    const ArchitecturePreset* p = findArchitecturePreset(architecture, preset);
    if (!p) {
        std::string known;
        for (const auto& a : architectureCatalog()) known += " " + a.architecture + "/" + a.preset;
        throw std::invalid_argument("unknown architecture/preset '" + architecture + "/" + preset + "'; known:" + known);
    }
    if (p->architecture == "2mnet") return makeTwoMNet(*p);
    if (p->architecture == "tjnet") return makeTjNet(*p);
    if (p->architecture == "prsnet") return makePrsNet(*p);
    if (p->architecture == "globallocal") return makeGlobalLocalNet(*p);
    if (p->paper.rfind("004", 0) == 0) return makeRsnaReplica(*p);
    throw std::logic_error("architecture '" + architecture + "' is catalogued but not built");
}

ModelInput exampleInput(const ArchitecturePreset& preset, int64_t batch, uint64_t seed)
{
    torch::Generator gen = at::detail::createCPUGenerator(seed);
    const int64_t s = preset.inputSize;
    torch::Tensor ys = torch::linspace(-1, 1, s).view({1, 1, s, 1});
    torch::Tensor xs = torch::linspace(-1, 1, s).view({1, 1, 1, s});
    // A bright blob per sample at a random place, plus noise: enough structure for shapes and timing.
    torch::Tensor cx = torch::rand({batch, 1, 1, 1}, gen) - 0.5, cy = torch::rand({batch, 1, 1, 1}, gen) - 0.5;
    torch::Tensor image = torch::exp(-((xs - cx).pow(2) + (ys - cy).pow(2)) * 4.0) + 0.05 * torch::rand({batch, 1, s, s}, gen);
    ModelInput in;
    in.image = image.to(torch::kFloat);
    in.sex = (torch::rand({batch}, gen) > 0.5).to(torch::kFloat);
    if (preset.needsRoiPatches) {
        in.roiPatches = torch::rand({batch, 18, 64, 64}, gen);
        in.roiBoxes = torch::zeros({batch, 18, 4});
    }
    return in;
}

double medianForwardMilliseconds(BoneAgeModelImpl& model, int64_t batch, int repeats)
{
    const bool wasTraining = model.is_training();
    model.eval();
    torch::NoGradGuard noGrad;
    const ModelInput in = exampleInput(model.preset(), batch);
    model.forward(in);
    std::vector<double> times;
    for (int i = 0; i < std::max(1, repeats); ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        model.forward(in);
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    model.train(wasTraining);
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace boneage::nn
