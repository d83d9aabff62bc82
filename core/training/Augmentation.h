#pragma once
// Augmentation on the training device, as the seed papers list it: rotation, shift, scale, flip,
// gamma and contrast. One random affine per image, applied with grid_sample.
#include <torch/torch.h>

namespace boneage::training {

struct AugmentationOptions {
    double rotationDegrees = 15;   // uniform in [-r, r]
    double shiftFraction = 0.06;   // of the image size, each axis
    double scaleRange = 0.1;       // uniform in [1-s, 1+s]
    double flipProbability = 0.5;  // left/right: RSNA holds left and some right hands
    double gammaRange = 0.3;       // gamma = exp(uniform[-g, g])
    double contrastRange = 0.15;   // contrast factor uniform in [1-c, 1+c] around the image mean
    bool enabled = true;
};

// images: [B,1,H,W] float in [0,1] on any device; returns the same shape, clamped to [0,1].
torch::Tensor augment(const torch::Tensor& images, const AugmentationOptions& options);

} // namespace boneage::training
