#include "training/TrainingSupport.h"

#include "common/AtomicFile.h"
#include "training/MultiTensorOptimizers.h"

#include <algorithm>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <cmath>
#include <fstream>
#include <sstream>

namespace boneage::training {

double learningRateAt(const TrainingRecipe& r, double epoch, int epochs)
{
    const double w = r.warmupEpochs;
    if (epoch < w && w > 0) return r.warmupStartLearningRate + (r.learningRate - r.warmupStartLearningRate) * epoch / w;
    switch (r.schedule) {
    case ScheduleKind::Paper: return r.learningRate * std::pow(r.stepFactor, std::floor((epoch - w) / std::max(1, r.stepEpochs)));
    case ScheduleKind::Cosine: {
        const double span = std::max(1.0, epochs - w);
        return 0.5 * r.learningRate * (1 + std::cos(std::acos(-1.0) * std::min(1.0, (epoch - w) / span)));
    }
    case ScheduleKind::Constant: break;
    }
    return r.learningRate;
}

// LibTorch's optimizers with one multi-tensor update for all parameters (MultiTensorOptimizers.h).
std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const std::vector<torch::Tensor>& params, const TrainingRecipe& r)
{
    switch (r.optimizer) {
    case OptimizerKind::Sgd:
        return std::make_unique<MultiTensorSgd>(
            params, torch::optim::SGDOptions(r.learningRate).momentum(r.momentum).weight_decay(r.weightDecay));
    case OptimizerKind::Adam:
        return std::make_unique<MultiTensorAdam>(params, torch::optim::AdamOptions(r.learningRate).weight_decay(r.weightDecay));
    case OptimizerKind::AdamW:
        return std::make_unique<MultiTensorAdamW>(params, torch::optim::AdamWOptions(r.learningRate).weight_decay(r.weightDecay));
    }
    throw std::logic_error("unknown optimizer");
}

void setLearningRate(torch::optim::Optimizer& optimizer, double lr)
{
    for (auto& group : optimizer.param_groups()) group.options().set_lr(lr);
}

const char* optimizerName(OptimizerKind k)
{
    return k == OptimizerKind::Sgd ? "sgd" : k == OptimizerKind::Adam ? "adam" : "adamw";
}
const char* scheduleName(ScheduleKind k)
{
    return k == ScheduleKind::Paper ? "paper-step" : k == ScheduleKind::Cosine ? "cosine" : "constant";
}

void keepFreedMemoryForReuse()
{
#ifdef __GLIBC__
    static const bool once = [] {
        mallopt(M_MMAP_MAX, 0);
        mallopt(M_TRIM_THRESHOLD, 1 << 30);
        return true;
    }();
    (void)once;
#endif
}

// Through memory, so that the archive's internal name does not carry the temporary file's name:
// the same weights give the same bytes (and the same SHA-256 in the card).
void saveArchiveAtomically(torch::serialize::OutputArchive& archive, const std::string& path)
{
    std::ostringstream bytes;
    archive.save_to(bytes);
    const std::string data = bytes.str();
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        out.flush();
        if (!out) throw std::runtime_error(path + ": cannot write (disk full?)");
    });
}

namespace {

// The names --freeze can take, for its error message: parameter names cut after their second part
// (backbone.layer1, head3.0, ...), in the model's order.
std::string blockNames(torch::nn::Module& model)
{
    std::vector<std::string> names;
    for (const auto& p : model.named_parameters()) {
        const std::string& key = p.key();
        const auto first = key.find('.');
        const auto second = first == std::string::npos ? first : key.find('.', first + 1);
        std::string block = key.substr(0, second);
        if (std::find(names.begin(), names.end(), block) == names.end()) names.push_back(block);
    }
    std::string text;
    for (const auto& n : names) text += (text.empty() ? "" : ", ") + n;
    return text;
}

} // namespace

void FrozenBlocks::keepInEval() const
{
    for (const auto& m : modules) m->eval();
}

FrozenBlocks freezeBlocks(torch::nn::Module& model, const std::vector<std::string>& prefixes, const std::string& modelName)
{
    const auto underPrefix = [&](const std::string& name) {
        return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) { return name.rfind(prefix, 0) == 0; });
    };
    FrozenBlocks f;
    for (auto& p : model.named_parameters()) {
        const bool frozen = underPrefix(p.key());
        p.value().set_requires_grad(!frozen);
        if (!frozen) f.trainable.push_back(p.value());
    }
    const auto params = model.named_parameters();
    for (const auto& prefix : prefixes)
        if (std::none_of(params.begin(), params.end(), [&](const auto& p) { return p.key().rfind(prefix, 0) == 0; }))
            throw std::runtime_error("--freeze " + prefix + ": no parameter of " + modelName + " starts with that name; its blocks are " +
                                     blockNames(model));
    if (f.trainable.empty()) throw std::runtime_error("every parameter is frozen; nothing to train");
    for (const auto& m : model.named_modules("", /*include_self=*/false))
        if (underPrefix(m.key() + ".")) f.modules.push_back(m.value());
    return f;
}

} // namespace boneage::training
