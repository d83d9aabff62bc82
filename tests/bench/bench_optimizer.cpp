// bench_optimizer [cpu|cuda] [threads=2] [steps=100] [arch=2mnet] [preset=compact]
// One optimizer step on a real network's parameters (gradients set once, random): LibTorch's own
// SGD (momentum, the 2M-Net paper's recipe) and AdamW against the trainer's multi-tensor versions
// (core/training/MultiTensorOptimizers.h, issue 20), in alternating blocks; prints the median
// milliseconds per step of each and their ratio. On a GPU the multi-tensor step launches about ten
// kernels instead of about ten per parameter tensor; on the CPU the two do the same work.
#include "BenchTiming.h"

#include "nn/Registry.h"
#include "training/MultiTensorOptimizers.h"

#include <torch/cuda.h>
#include <torch/torch.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>

using namespace boneage;
using bench::Clock;

int main(int argc, char** argv)
{
    const std::string deviceName = argc > 1 ? argv[1] : "cpu";
    const int threads = argc > 2 ? std::atoi(argv[2]) : 2, steps = argc > 3 ? std::atoi(argv[3]) : 100;
    const std::string arch = argc > 4 ? argv[4] : "2mnet", preset = argc > 5 ? argv[5] : "compact";
    if ((deviceName != "cpu" && deviceName != "cuda") || threads < 1 || steps < 1) {
        std::fprintf(stderr, "usage: bench_optimizer [cpu|cuda] [threads=2] [steps=100] [arch=2mnet] [preset=compact]\n");
        return 2;
    }
    if (deviceName == "cuda" && !torch::cuda::is_available()) {
        std::fprintf(stderr, "bench_optimizer: this LibTorch has no usable GPU\n");
        return 1;
    }
    torch::set_num_threads(threads);
    const torch::Device device(deviceName == "cuda" ? torch::kCUDA : torch::kCPU);
    const auto sync = [&] {
        if (device.is_cuda()) torch::cuda::synchronize();
    };
    nn::BoneAgeModel model = nn::createModel(arch, preset);
    model->to(device);
    std::vector<torch::Tensor> params = model->parameters();
    for (auto& p : params) p.mutable_grad() = torch::randn_like(p) * 1e-3;

    struct Candidate {
        const char* name;
        std::unique_ptr<torch::optim::Optimizer> optimizer;
        std::vector<double> blockMs;
    };
    std::vector<Candidate> c;
    c.push_back({"SGD (LibTorch)", std::make_unique<torch::optim::SGD>(params, torch::optim::SGDOptions(1e-6).momentum(0.9).weight_decay(1e-4)), {}});
    c.push_back({"SGD (multi-tensor)", std::make_unique<training::MultiTensorSgd>(params, torch::optim::SGDOptions(1e-6).momentum(0.9).weight_decay(1e-4)), {}});
    c.push_back({"AdamW (LibTorch)", std::make_unique<torch::optim::AdamW>(params, torch::optim::AdamWOptions(1e-6).weight_decay(1e-4)), {}});
    c.push_back({"AdamW (multi-tensor)", std::make_unique<training::MultiTensorAdamW>(params, torch::optim::AdamWOptions(1e-6).weight_decay(1e-4)), {}});
    for (auto& k : c) k.optimizer->step();   // state allocated, warm
    const int blocks = 7, perBlock = std::max(1, steps / blocks);
    for (int b = 0; b < blocks; ++b) {
        for (auto& k : c) {
            sync();
            const auto t0 = Clock::now();
            for (int i = 0; i < perBlock; ++i) k.optimizer->step();
            sync();
            k.blockMs.push_back(bench::ms(t0, Clock::now()) / perBlock);
        }
    }
    std::printf("%s/%s: %zu parameter tensors, %lld parameters; %s, %d threads, %d blocks of %d steps\n", arch.c_str(),
                preset.c_str(), params.size(), static_cast<long long>(model->parameterCount()), deviceName.c_str(), threads,
                blocks, perBlock);
    for (size_t i = 0; i < c.size(); i += 2) {
        const double a = bench::median(c[i].blockMs), m = bench::median(c[i + 1].blockMs);
        std::printf("%-22s %8.3f ms/step\n%-22s %8.3f ms/step   (LibTorch / multi-tensor: %.2fx)\n", c[i].name, a, c[i + 1].name, m,
                    a / std::max(1e-9, m));
    }
    return 0;
}
