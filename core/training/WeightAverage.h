#pragma once
// An exponential moving average of a model's weights and BatchNorm statistics, updated after every
// optimiser step (Polyak-Ruppert averaging in its exponential form, as used for ImageNet ResNets and
// EfficientNets). `boneage train/finetune --ema DECAY` validates and packages the average instead of
// the last weights: the seed papers are silent on it; it was added because a 2M-Net's held-out MAE
// moved by 0.3-0.5 months from one epoch to the next even at the end of a cosine schedule.
#include "nn/BoneAgeModel.h"

#include <cstdint>

namespace boneage::training {

class WeightAverage {
public:
    // `averaged` must have source's architecture; it starts as a copy of source.
    WeightAverage(nn::BoneAgeModel averaged, nn::BoneAgeModelImpl& source, double decay);

    // After an optimiser step: average = d * average + (1 - d) * source, with d = min(decay,
    // (1 + n) / (10 + n)) after n earlier updates, so that the first steps do not drag the start along
    // (the warm-up of TensorFlow's ExponentialMovingAverage with num_updates). Integer buffers
    // (BatchNorm's batch counter) are copied.
    void update(nn::BoneAgeModelImpl& source);

    nn::BoneAgeModelImpl& model() { return *averaged_; }
    double decay() const { return decay_; }
    std::int64_t updates() const { return updates_; }
    void setUpdates(std::int64_t n) { updates_ = n; }   // resuming from a checkpoint

private:
    nn::BoneAgeModel averaged_;
    double decay_;
    std::int64_t updates_ = 0;
};

} // namespace boneage::training
