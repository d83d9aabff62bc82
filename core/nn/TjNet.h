#pragma once
// TJ-Net (seed 001: Tang, Wu & Shen, "Automatic radiographic bone age assessment using deep joint
// learning with attention modules"): small-kernel convolution blocks 1-2, Inception-ResNet and
// Inception modules in blocks 3-4, three CBAMs on the front blocks, a sex classifier on fused
// multi-scale features (block 5, training only), a sex input, and an age classifier over 77 classes of
// 3 months (block 6), trained jointly with alpha * MAD^2 + class-weighted cross-entropies.
// The paper's Fig. 2 (layer list) is not in the text we have; the layout below is our reading of its
// prose, every choice is commented and listed in core/nn/README.md.
#include "nn/BoneAgeModel.h"
#include "nn/Blocks.h"

#include <string>
#include <vector>

namespace boneage::nn {

struct TjNetOptions {
    TORCH_ARG(int, inChannels) = 1;
    // Base width c: blocks 1-4 have c, 2c, 4c, 8c channels (c = 32 in the paper preset).
    TORCH_ARG(int64_t, baseWidth) = 32;
    // Dense widths of the paper: sex classifier 256, sex input 64, age classifier 512 -> 256.
    TORCH_ARG(int64_t, sexHidden) = 256;
    TORCH_ARG(int64_t, sexInput) = 64;
    TORCH_ARG(int64_t, ageHidden1) = 512;
    TORCH_ARG(int64_t, ageHidden2) = 256;
    // alpha of the joint loss: 1.5 at the start, 77 (the number of classes) "after the loss became
    // stable". The trainer's progress fraction at which it switches (paper: when the loss plateaus).
    TORCH_ARG(double, alphaStart) = 1.5;
    TORCH_ARG(double, alphaEnd) = 77.0;
    TORCH_ARG(double, alphaSwitchProgress) = 0.5;
};

// Age classes: 77 bins of 3 months, class k = [3k, 3k+3) months, 0-231 months (RSNA labels 0-228).
constexpr int64_t kTjAgeClasses = 77;
constexpr double kTjBinMonths = 3.0;

// One of TJ-Net's blocks 1-4: a body (convolutions, pooling, IncRes/Inception modules) and, for the
// three front blocks, a CBAM on its output.
class TjBlockImpl : public torch::nn::Module {
public:
    TjBlockImpl(torch::nn::Sequential body, int64_t outChannels, bool withCbam);
    torch::Tensor forward(const torch::Tensor& x);
    Cbam cbam{nullptr};

private:
    torch::nn::Sequential body{nullptr};
};
TORCH_MODULE(TjBlock);

class TjNetImpl : public BoneAgeModelImpl {
public:
    TjNetImpl(const ArchitecturePreset& preset, const TjNetOptions& options);

    // Age = expected value of the bin centres under the age-class softmax (differentiable, finer than
    // the arg-max class); the sex classifier's P(male) and the class probabilities go to `vectors`.
    ModelOutput forward(const ModelInput& input) override;

    // alpha * e^2 + sum_i (1 - |C_i|/|C_t|) H_sex + sum_j (1 - |C_j|/|C_t|) H_age (see jointLoss).
    torch::Tensor loss(const TrainingBatch& batch) override;
    TrainingStepResult trainingStep(const TrainingBatch& batch, torch::optim::Optimizer& optimizer) override;

    // alpha = alphaStart before alphaSwitchProgress, alphaEnd from it on (the paper's step "boost").
    void setTrainingProgress(double fraction) override;
    double alpha() const { return alpha_; }
    // Overrides the schedule (a trainer that detects the plateau itself sets alphaEnd when it does).
    void setAlpha(double alpha) { alpha_ = alpha; }
    static double alphaForProgress(const TjNetOptions& options, double fraction);

    struct Logits {
        torch::Tensor age;   // [B,77]
        torch::Tensor sex;   // [B,2], class 1 = male
    };
    Logits logits(const ModelInput& input);

    struct LossParts {
        torch::Tensor total, mad, sexCrossEntropy, ageCrossEntropy;   // mad in years
    };
    // The joint loss of the paper's Sec. 2.3 on one batch. e = mean |expected age - true age| in years
    // over the batch (the paper's "global" MAD, estimated per batch); each cross-entropy term weights a
    // sample of class c by 1 - (samples of class c in the batch) / (batch size), and is averaged over
    // the batch (so a class that fills the whole batch contributes nothing).
    static LossParts jointLoss(const Logits& logits, const torch::Tensor& ageMonths, const torch::Tensor& sex,
                               double alpha);

    static torch::Tensor ageClassOf(const torch::Tensor& months);          // [B] int64 in 0..76
    static torch::Tensor binCentresMonths();                                // [77]: 3k + 1.5
    static torch::Tensor expectedAgeMonths(const torch::Tensor& probabilities);  // [B,77] -> [B]

    // Parameter-name prefixes of blocks 1..n (for fine-tuning with blocks 1-3 frozen, as the paper's
    // best transfer result): {"block1.", "block2.", "block3."} for n = 3. The CBAMs sit inside blocks 1-3.
    static std::vector<std::string> blockPrefixes(int lastFrozenBlock);

    const TjNetOptions& options() const { return options_; }

private:
    TjNetOptions options_;
    double alpha_;
    TjBlock block1{nullptr}, block2{nullptr}, block3{nullptr}, block4{nullptr};
    torch::nn::Sequential sexClassifier{nullptr};   // block 5
    torch::nn::Sequential sexInput{nullptr};
    torch::nn::Sequential ageClassifier{nullptr};   // block 6
    torch::Tensor binCentres_;
};
TORCH_MODULE(TjNet);

BoneAgeModel makeTjNet(const ArchitecturePreset& preset);

} // namespace boneage::nn
