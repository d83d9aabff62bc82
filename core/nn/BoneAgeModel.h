#pragma once
// The interface every seed architecture implements: an image batch (and sex, and ROI patches where the
// paper uses them) in, bone age in months plus what the network looked at out. Explanations are part
// of the output, not an afterthought, because the workstation shows them next to the estimate.
#include "nn/ArchitectureCatalog.h"

#include <torch/torch.h>

#include <map>
#include <memory>
#include <string>

namespace boneage::nn {

// Regression heads predict (months - centre) / scale, so their outputs start near a plausible age and
// their targets are of unit size; losses on ages are taken in these units (an L1 in months divided by
// the scale has the same minimiser). 120 and 50 months are round values near the RSNA mean and SD.
constexpr double kAgeCentreMonths = 120.0;
constexpr double kAgeScaleMonths = 50.0;

struct ModelInput {
    torch::Tensor image;       // [B,1,H,W] float, grey, intensities roughly in [0,1]
    torch::Tensor sex;         // [B] float, 1 = male, 0 = female (only read by models that take sex)
    torch::Tensor roiPatches;  // [B,18,64,64] TW3 ROI patches (global-local model only), else undefined
    torch::Tensor roiBoxes;    // [B,18,4] x0,y0,x1,y1 of those patches in input-image pixels, else undefined
    // Where to read 2M-Net's spatial attention: [B,2] x,y in input-image pixels; undefined = image centre.
    torch::Tensor attentionQuery;
};

// Explanation conventions (all in the frame of ModelInput::image, i.e. pixels of the H x W input):
//  - maps:   name -> [B,H,W] float, already resized to the input (bilinear), non-negative
//  - boxes:  name -> [B,K,4] float x0,y0,x1,y1 in input pixels (x right, y down, x1/y1 exclusive)
//  - scores: name -> [B,K] float, one per box of the same name
//  - vectors: anything that has no image frame (channel weights, class probabilities) -> tensor
struct ModelOutput {
    torch::Tensor boneAgeMonths;                    // [B]
    std::map<std::string, torch::Tensor> maps;
    std::map<std::string, torch::Tensor> boxes;
    std::map<std::string, torch::Tensor> scores;
    std::map<std::string, torch::Tensor> vectors;
};

struct TrainingBatch {
    ModelInput input;
    torch::Tensor boneAgeMonths;  // [B] float targets
};

// Detached 0-dim tensors on the model's device. Reading one (.item) waits for the GPU to finish the
// step, so the trainer sums them on the device and reads the sums only when it reports (issue 20).
struct TrainingStepResult {
    torch::Tensor loss;                           // sum of the losses that were back-propagated
    std::map<std::string, torch::Tensor> parts;   // per step / per term, for logging
};

class BoneAgeModelImpl : public torch::nn::Module {
public:
    explicit BoneAgeModelImpl(ArchitecturePreset preset) : preset_(std::move(preset)) {}
    ~BoneAgeModelImpl() override = default;

    const ArchitecturePreset& preset() const { return preset_; }

    virtual ModelOutput forward(const ModelInput& input) = 0;

    // The paper's training objective on one batch (may run several forward passes).
    virtual torch::Tensor loss(const TrainingBatch& batch) = 0;

    // One optimisation step as the paper trains: default is forward + loss + backward + step.
    // Models whose paper updates in several stages per batch (2M-Net's progressive steps) override it.
    virtual TrainingStepResult trainingStep(const TrainingBatch& batch, torch::optim::Optimizer& optimizer);

    // Grad-CAM support: while capture is on, forward() keeps the feature map named by the model
    // (its last spatial feature map before pooling) with its graph, so gradients can reach it.
    void setCaptureGradCamFeatures(bool on) { captureGradCam_ = on; }
    torch::Tensor gradCamFeatures() const { return gradCamFeatures_; }

    int64_t parameterCount() const;

    // Brings a Grad-CAM map of gradCamFeatures()'s grid ([N,h,w]) to the input frame [B,H,W]. Default:
    // bilinear resize (N = B). Models whose feature map is not one grid over the whole image (patches)
    // override it.
    virtual torch::Tensor camToInputFrame(const torch::Tensor& cam, int64_t height, int64_t width) const;

    // Reseeds the model's own random augmentation (2M-Net's jigsaw); torch's global generator
    // (dropout, initialisation) is seeded with torch::manual_seed as usual.
    virtual void reseedAugmentation(uint64_t seed) {}

    // Where training stands, as the fraction of the planned epochs completed (0 at the start, 1 at
    // the end; values outside are clamped by the models that read it). Models whose objective
    // changes during training read it (TJ-Net's alpha schedule); the default ignores it. Trainers
    // call it before each epoch (or step) with completedEpochs / plannedEpochs.
    virtual void setTrainingProgress(double fraction) {}

protected:
    void keepGradCamFeatures(const torch::Tensor& features)
    {
        if (captureGradCam_) gradCamFeatures_ = features;
    }
    // Brings the input to the preset's channel count: grey is replicated when the stem expects RGB,
    // as ImageNet-initialised networks are fed grey radiographs in the papers.
    torch::Tensor stemInput(const torch::Tensor& image) const;

private:
    ArchitecturePreset preset_;
    bool captureGradCam_ = false;
    torch::Tensor gradCamFeatures_;
};

using BoneAgeModel = std::shared_ptr<BoneAgeModelImpl>;

// Grad-CAM (Selvaraju et al.) of the bone age output w.r.t. the model's Grad-CAM feature map:
// [B,H,W] in input pixels, each map scaled to [0,1]. Works for every model of the registry.
torch::Tensor gradCam(BoneAgeModelImpl& model, const ModelInput& input);

// Weights only (torch's archive format); loading needs a model of the same architecture and preset.
void saveModel(BoneAgeModelImpl& model, const std::string& path);
void loadModel(BoneAgeModelImpl& model, const std::string& path);

// Resizes [B,h,w] or [B,1,h,w] maps to the input frame [B,H,W] (bilinear, corners not aligned, so
// feature cell (i,j) covers input pixels [j*s,(j+1)*s) x [i*s,(i+1)*s) with s the stride).
torch::Tensor mapToInputFrame(const torch::Tensor& map, int64_t height, int64_t width);

} // namespace boneage::nn
