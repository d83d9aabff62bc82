#include "training/MultiTensorOptimizers.h"

#include <ATen/ops/_foreach_add.h>
#include <ATen/ops/_foreach_addcdiv.h>
#include <ATen/ops/_foreach_addcmul.h>
#include <ATen/ops/_foreach_div.h>
#include <ATen/ops/_foreach_mul.h>
#include <ATen/ops/_foreach_sqrt.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <type_traits>

namespace boneage::training {

namespace {

// The key of a parameter's state in the optimizer's map: its TensorImpl's address, as text up to
// LibTorch 2.0 (what c10::guts::to_string made of it), the address itself since.
template <typename Key>
Key stateKey(const torch::Tensor& p)
{
    if constexpr (std::is_same_v<Key, std::string>) {
        std::ostringstream s;
        s << p.unsafeGetTensorImpl();
        return s.str();
    } else {
        return static_cast<Key>(p.unsafeGetTensorImpl());
    }
}

torch::Tensor runClosure(const torch::optim::Optimizer::LossClosure& closure)
{
    if (closure == nullptr) return {};
    at::AutoGradMode enableGrad(true);
    return closure();
}

bool anySparseGradient(const std::vector<torch::optim::OptimizerParamGroup>& groups)
{
    for (const auto& g : groups)
        for (const auto& p : g.params())
            if (p.grad().defined() && p.grad().is_sparse()) return true;
    return false;
}

// The parameters of one step that share a step count (all of them, unless some had no gradient in
// an earlier step): one set of bias corrections, one launch per operation.
struct AdamBucket {
    std::vector<torch::Tensor> params, grads, expAvgs, expAvgSqs;
};

// Adam (decoupled = false: weight decay added to the gradient) and AdamW (decoupled = true: the
// parameters shrink by lr * weight decay first), as LibTorch 1.13's adam.cpp / adamw.cpp compute
// them, operation by operation.
template <typename Options, typename State, typename StateMap>
void adamStep(std::vector<torch::optim::OptimizerParamGroup>& groups, StateMap& stateMap, bool decoupled)
{
    for (auto& group : groups) {
        auto& options = static_cast<Options&>(group.options());
        const double lr = options.lr(), wd = options.weight_decay(), eps = options.eps();
        const double beta1 = std::get<0>(options.betas()), beta2 = std::get<1>(options.betas());
        std::map<int64_t, AdamBucket> buckets;
        std::vector<torch::Tensor> decayed;
        for (auto& p : group.params()) {
            if (!p.grad().defined()) continue;
            if (decoupled && wd != 0) decayed.push_back(p.data());
            const auto key = stateKey<typename StateMap::key_type>(p);
            auto it = stateMap.find(key);
            if (it == stateMap.end()) {
                auto s = std::make_unique<State>();
                s->step(0);
                s->exp_avg(torch::zeros_like(p, torch::MemoryFormat::Preserve));
                s->exp_avg_sq(torch::zeros_like(p, torch::MemoryFormat::Preserve));
                it = stateMap.emplace(key, std::move(s)).first;
            }
            auto& s = static_cast<State&>(*it->second);
            s.step(s.step() + 1);
            AdamBucket& b = buckets[s.step()];
            b.params.push_back(p.data());
            b.grads.push_back(p.grad().data());
            b.expAvgs.push_back(s.exp_avg());
            b.expAvgSqs.push_back(s.exp_avg_sq());
        }
        if (!decayed.empty()) at::_foreach_mul_(decayed, 1 - lr * wd);
        for (auto& [step, b] : buckets) {
            const double correction1 = 1 - std::pow(beta1, double(step)), correction2 = 1 - std::pow(beta2, double(step));
            std::vector<torch::Tensor> grads = (!decoupled && wd != 0) ? at::_foreach_add(b.grads, b.params, wd) : b.grads;
            at::_foreach_mul_(b.expAvgs, beta1);
            at::_foreach_add_(b.expAvgs, grads, 1 - beta1);
            at::_foreach_mul_(b.expAvgSqs, beta2);
            at::_foreach_addcmul_(b.expAvgSqs, grads, grads, 1 - beta2);
            std::vector<torch::Tensor> denominators = at::_foreach_sqrt(b.expAvgSqs);
            at::_foreach_div_(denominators, std::sqrt(correction2));
            at::_foreach_add_(denominators, eps);
            at::_foreach_addcdiv_(b.params, b.expAvgs, denominators, -(lr / correction1));
        }
    }
}

template <typename Options>
bool anyAmsgrad(const std::vector<torch::optim::OptimizerParamGroup>& groups)
{
    return std::any_of(groups.begin(), groups.end(), [](const auto& g) { return static_cast<const Options&>(g.options()).amsgrad(); });
}

} // namespace

torch::Tensor MultiTensorAdamW::step(LossClosure closure)
{
    if (anyAmsgrad<torch::optim::AdamWOptions>(param_groups_) || anySparseGradient(param_groups_)) return torch::optim::AdamW::step(closure);
    torch::NoGradGuard noGrad;
    torch::Tensor loss = runClosure(closure);
    adamStep<torch::optim::AdamWOptions, torch::optim::AdamWParamState>(param_groups_, state_, true);
    return loss;
}

torch::Tensor MultiTensorAdam::step(LossClosure closure)
{
    if (anyAmsgrad<torch::optim::AdamOptions>(param_groups_) || anySparseGradient(param_groups_)) return torch::optim::Adam::step(closure);
    torch::NoGradGuard noGrad;
    torch::Tensor loss = runClosure(closure);
    adamStep<torch::optim::AdamOptions, torch::optim::AdamParamState>(param_groups_, state_, false);
    return loss;
}

// As LibTorch 1.13's sgd.cpp: d = grad (+ weight decay * p); with momentum the buffer starts as a
// copy of d and then becomes momentum * buffer + (1 - dampening) * d; p -= lr * (buffer, or
// d + momentum * buffer with Nesterov).
torch::Tensor MultiTensorSgd::step(LossClosure closure)
{
    if (anySparseGradient(param_groups_)) return torch::optim::SGD::step(closure);
    torch::NoGradGuard noGrad;
    torch::Tensor loss = runClosure(closure);
    for (auto& group : param_groups_) {
        auto& options = static_cast<torch::optim::SGDOptions&>(group.options());
        const double lr = options.lr(), wd = options.weight_decay(), momentum = options.momentum(),
                     dampening = options.dampening();
        std::vector<torch::Tensor> stateKeys, params, grads;
        for (auto& p : group.params()) {
            if (!p.grad().defined()) continue;
            stateKeys.push_back(p);
            params.push_back(p.data());
            grads.push_back(p.grad().data());
        }
        if (params.empty()) continue;
        std::vector<torch::Tensor> d = wd != 0 ? at::_foreach_add(grads, params, wd) : grads;
        if (momentum != 0) {
            std::vector<torch::Tensor> buffers(params.size()), oldBuffers, oldD;
            for (size_t i = 0; i < params.size(); ++i) {
                const auto key = stateKey<typename decltype(state_)::key_type>(stateKeys[i]);
                auto it = state_.find(key);
                if (it == state_.end()) {
                    auto s = std::make_unique<torch::optim::SGDParamState>();
                    s->momentum_buffer(torch::clone(d[i]).detach());
                    buffers[i] = s->momentum_buffer();
                    state_[key] = std::move(s);
                } else {
                    buffers[i] = static_cast<torch::optim::SGDParamState&>(*it->second).momentum_buffer();
                    oldBuffers.push_back(buffers[i]);
                    oldD.push_back(d[i]);
                }
            }
            if (!oldBuffers.empty()) {
                at::_foreach_mul_(oldBuffers, momentum);
                at::_foreach_add_(oldBuffers, oldD, 1 - dampening);
            }
            d = options.nesterov() ? at::_foreach_add(d, buffers, momentum) : buffers;
        }
        at::_foreach_add_(params, d, -lr);
    }
    return loss;
}

} // namespace boneage::training
