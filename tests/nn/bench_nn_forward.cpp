// Forward latency of every architecture/preset (batch 1, 2 threads, median) and the training step
// time per image of 2M-Net's compact presets at batch 32. Not a CTest test: run by hand, figures go
// to core/nn/README.md.
//   bench_nn_forward [--repeats N] [--only ARCH] [--train-steps N]
#include "nn/Registry.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace boneage::nn;

int main(int argc, char** argv)
{
    int repeats = 15, trainSteps = 5;
    std::string only;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--repeats")) repeats = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--only")) only = argv[i + 1];
        else if (!std::strcmp(argv[i], "--train-steps")) trainSteps = std::atoi(argv[i + 1]);
    }
    torch::set_num_threads(2);
    std::printf("threads %d, batch 1, median of %d forward passes\n", torch::get_num_threads(), repeats);
    std::printf("%-12s %-12s %6s %12s %12s\n", "architecture", "preset", "input", "parameters", "forward_ms");
    double slowestCompact = 0;
    for (const auto& p : architectureCatalog()) {
        if (!only.empty() && p.architecture != only) continue;
        torch::manual_seed(1);
        BoneAgeModel m = createModel(p.architecture, p.preset);
        const double ms = medianForwardMilliseconds(*m, 1, p.paperPreset ? std::max(3, repeats / 3) : repeats);
        if (!p.paperPreset) slowestCompact = std::max(slowestCompact, ms);
        std::printf("%-12s %-12s %6d %12lld %12.1f\n", p.architecture.c_str(), p.preset.c_str(), p.inputSize,
                    static_cast<long long>(m->parameterCount()), ms);
        std::fflush(stdout);
    }
    std::printf("slowest compact preset: %.1f ms (budget 300 ms)\n", slowestCompact);

    // 2M-Net compact training: one trainingStep = the three progressive updates, batch 32.
    for (const char* preset : {"compact", "compact128"}) {
        if (!only.empty() && only != "2mnet") break;
        torch::manual_seed(2);
        BoneAgeModel m = createModel("2mnet", preset);
        m->train();
        TrainingBatch b;
        b.input = exampleInput(m->preset(), 32);
        b.boneAgeMonths = torch::rand({32}) * 228;
        torch::optim::SGD opt(m->parameters(), torch::optim::SGDOptions(0.0025).momentum(0.9).weight_decay(1e-4));
        m->trainingStep(b, opt);  // warm-up
        std::vector<double> times;
        for (int i = 0; i < trainSteps; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            m->trainingStep(b, opt);
            times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        std::sort(times.begin(), times.end());
        const double ms = times[times.size() / 2];
        std::printf("2mnet/%s training step (3 progressive updates), batch 32: %.0f ms = %.2f ms/image\n", preset,
                    ms, ms / 32);
    }
    return 0;
}
