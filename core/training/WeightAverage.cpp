#include "training/WeightAverage.h"

#include <algorithm>
#include <stdexcept>

namespace boneage::training {

WeightAverage::WeightAverage(nn::BoneAgeModel averaged, nn::BoneAgeModelImpl& source, double decay)
    : averaged_(std::move(averaged)), decay_(decay)
{
    if (!(decay > 0 && decay < 1)) throw std::runtime_error("the weight-average decay must be between 0 and 1");
    torch::NoGradGuard noGrad;
    const auto from = source.named_parameters(), fromBuffers = source.named_buffers();
    for (auto& p : averaged_->named_parameters()) {
        p.value().set_requires_grad(false);
        p.value().set_data(from[p.key()].detach().clone());
    }
    for (auto& b : averaged_->named_buffers()) b.value().set_data(fromBuffers[b.key()].detach().clone());
    averaged_->eval();
}

void WeightAverage::update(nn::BoneAgeModelImpl& source)
{
    torch::NoGradGuard noGrad;
    const double d = std::min(decay_, (1.0 + double(updates_)) / (10.0 + double(updates_)));
    // lerp_: average + (1 - d) (source - average), one kernel per tensor on the step's hot path.
    const auto to = averaged_->parameters(), from = source.parameters();
    for (size_t i = 0; i < to.size(); ++i) to[i].lerp_(from[i].detach(), 1.0 - d);
    const auto toBuffers = averaged_->buffers(), fromBuffers = source.buffers();
    for (size_t i = 0; i < toBuffers.size(); ++i) {
        if (toBuffers[i].is_floating_point()) toBuffers[i].lerp_(fromBuffers[i], 1.0 - d);
        else toBuffers[i].copy_(fromBuffers[i]);
    }
    ++updates_;
}

} // namespace boneage::training
