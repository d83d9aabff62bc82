#include "Augmentation.h"

#include <cmath>

namespace boneage::training {

torch::Tensor augment(const torch::Tensor& images, const AugmentationOptions& o)
{
    if (!o.enabled) return images;
    namespace F = torch::nn::functional;
    const int64_t b = images.size(0);
    const auto opts = images.options();
    auto uniform = [&](double lo, double hi) { return torch::rand({b}, opts) * (hi - lo) + lo; };
    const double pi = std::acos(-1.0);
    const torch::Tensor angle = uniform(-o.rotationDegrees, o.rotationDegrees) * (pi / 180.0);
    const torch::Tensor scale = uniform(1 - o.scaleRange, 1 + o.scaleRange);
    const torch::Tensor flip = torch::where(torch::rand({b}, opts) < o.flipProbability, torch::full({b}, -1.0, opts),
                                            torch::ones({b}, opts));
    const torch::Tensor tx = uniform(-o.shiftFraction, o.shiftFraction) * 2;   // grid units span 2
    const torch::Tensor ty = uniform(-o.shiftFraction, o.shiftFraction) * 2;
    // Output pixel -> input pixel: inverse of (flip, rotate, scale, shift).
    const torch::Tensor c = torch::cos(angle) / scale, s = torch::sin(angle) / scale;
    const torch::Tensor theta = torch::stack({torch::stack({c * flip, -s, tx}, 1), torch::stack({s * flip, c, ty}, 1)}, 1);
    const torch::Tensor grid = F::affine_grid(theta, images.sizes().vec(), /*align_corners=*/false);
    torch::Tensor out = F::grid_sample(images, grid,
                                       F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kZeros).align_corners(false));
    const torch::Tensor gamma = torch::exp(uniform(-o.gammaRange, o.gammaRange)).view({b, 1, 1, 1});
    out = out.clamp(0, 1).pow(gamma);
    const torch::Tensor contrast = uniform(1 - o.contrastRange, 1 + o.contrastRange).view({b, 1, 1, 1});
    const torch::Tensor mean = out.mean({1, 2, 3}, true);
    return ((out - mean) * contrast + mean).clamp(0, 1);
}

} // namespace boneage::training
