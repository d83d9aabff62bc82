// `boneage arch`: the network architectures this build can train and run, with their presets.
#include "CommandLine.h"
#include "Commands.h"
#include "OpenMpWaiting.h"

#include "nn/Registry.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace boneage::cli {


int runArch(const std::vector<std::string>& args)
{
    Arguments a(args, {"repeats", "threads", "only"}, {"list", "json", "no-timing"});
    if (!a.positional().empty()) throw UsageError("unexpected argument '" + a.positional().front() + "'");
    const bool timing = !a.flag("no-timing");
    if (timing) restartWithPassiveOpenMpWaiting("boneage", "arch", args);
    const int repeats = a.value("repeats") ? static_cast<int>(parseNumber(*a.value("repeats"), "repeats")) : 5;
    const int threads = a.value("threads") ? static_cast<int>(parseNumber(*a.value("threads"), "threads")) : 2;
    if (repeats < 1 || threads < 1) throw UsageError("--repeats and --threads must be at least 1");
    const std::string only = a.value("only").value_or("");
    torch::set_num_threads(threads);

    nlohmann::json list = nlohmann::json::array();
    if (!a.flag("json"))
        std::printf("%-22s %-12s %6s %6s %12s %11s  %s\n", "arch", "preset", "input", "width", "parameters",
                    timing ? "forward_ms" : "", "description");
    for (const auto& p : nn::architectureCatalog()) {
        if (!only.empty() && p.architecture != only) continue;
        torch::manual_seed(1);
        nn::BoneAgeModel model = nn::createModel(p.architecture, p.preset);
        const double ms = timing ? nn::medianForwardMilliseconds(*model, 1, repeats) : -1.0;
        if (a.flag("json")) {
            nlohmann::json j = {{"architecture", p.architecture}, {"preset", p.preset}, {"paper", p.paper},
                                {"description", p.description}, {"inputSize", p.inputSize},
                                {"inputChannels", p.inputChannels}, {"widthMultiplier", p.widthMultiplier},
                                {"takesSex", p.takesSex}, {"needsRoiPatches", p.needsRoiPatches},
                                {"paperPreset", p.paperPreset}, {"parameters", model->parameterCount()}};
            if (timing) {
                j["forwardMilliseconds"] = ms;
                j["forwardThreads"] = threads;
                j["forwardBatch"] = 1;
            }
            list.push_back(j);
        } else {
            std::printf("%-22s %-12s %6d %6.2f %12lld %11s  %s\n", p.architecture.c_str(), p.preset.c_str(),
                        p.inputSize, p.widthMultiplier, static_cast<long long>(model->parameterCount()),
                        timing ? std::to_string(static_cast<int>(ms + 0.5)).c_str() : "", p.description.c_str());
            std::fflush(stdout);
        }
    }
    if (a.flag("json")) std::cout << list.dump(2) << "\n";
    else if (timing)
        std::printf("forward_ms: median of %d eval forward passes, batch 1, %d threads, this CPU\n", repeats, threads);
    return 0;
}

} // namespace boneage::cli
