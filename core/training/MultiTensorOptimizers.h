#pragma once
// SGD, Adam and AdamW that update all parameters with LibTorch's multi-tensor (`_foreach_`) ops:
// on a GPU about ten kernel launches per step instead of about ten per parameter tensor (2M-Net
// compact has 120 parameter tensors), which is what PyTorch does by default on CUDA (issue 20).
// The arithmetic, the options and the per-parameter state are LibTorch's own optimizers' (they are
// subclasses), so checkpoints move freely between the two and the results agree (on the CPU the
// `_foreach_` ops run the same per-tensor kernels: bit for bit; tested in tst_optimizers).
// Options these do not batch (AMSGrad, Nesterov, dampening, sparse gradients) fall back to the
// parent's per-tensor step. LibTorch only.
#include <torch/torch.h>

#include <vector>

namespace boneage::training {

class MultiTensorSgd : public torch::optim::SGD {
public:
    MultiTensorSgd(std::vector<torch::Tensor> params, torch::optim::SGDOptions options)
        : torch::optim::SGD(std::move(params), std::move(options))
    {
    }
    torch::Tensor step(LossClosure closure = nullptr) override;
};

class MultiTensorAdam : public torch::optim::Adam {
public:
    MultiTensorAdam(std::vector<torch::Tensor> params, torch::optim::AdamOptions options)
        : torch::optim::Adam(std::move(params), std::move(options))
    {
    }
    torch::Tensor step(LossClosure closure = nullptr) override;
};

class MultiTensorAdamW : public torch::optim::AdamW {
public:
    MultiTensorAdamW(std::vector<torch::Tensor> params, torch::optim::AdamWOptions options)
        : torch::optim::AdamW(std::move(params), std::move(options))
    {
    }
    torch::Tensor step(LossClosure closure = nullptr) override;
};

} // namespace boneage::training
