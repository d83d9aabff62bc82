#include "nn/StoredWeights.h"

#include "common/RegularFile.h"

#include <map>
#include <sstream>
#include <stdexcept>

namespace boneage::nn {

namespace {

constexpr std::uint64_t kMaxWeightsFileBytes = 1ull << 30;   // as a package's card allows (inference/ModelCard.h)

// Every tensor of the archive by its dotted name ("encoder.conv1.weight"), read without a module to
// receive it: an undefined tensor takes the stored one as it is.
void collect(torch::serialize::InputArchive& archive, const std::string& prefix, int depth,
             std::map<std::string, torch::Tensor>& out)
{
    if (depth > 64) throw std::invalid_argument("the weights file nests modules more than 64 levels deep");
    for (const std::string& key : archive.keys()) {
        torch::Tensor t;
        if (archive.try_read(key, t)) {
            out[prefix + key] = t;
            continue;
        }
        torch::serialize::InputArchive child;
        if (archive.try_read(key, child)) collect(child, prefix + key + ".", depth + 1, out);
        // Anything else (a module's "training" flag) carries no weights.
    }
}

std::string shapeText(c10::IntArrayRef sizes)
{
    std::ostringstream s;
    s << sizes;
    return s.str();
}

} // namespace

void loadCheckedWeights(torch::nn::Module& module, const std::string& archiveBytes, std::optional<torch::Dtype> storedFloat)
{
    torch::serialize::InputArchive archive;
    archive.load_from(archiveBytes.data(), archiveBytes.size(), torch::Device(torch::kCPU));
    std::map<std::string, torch::Tensor> stored;
    collect(archive, "", 0, stored);

    std::map<std::string, torch::Tensor> expected;
    for (const auto& p : module.named_parameters(/*recurse=*/true))
        if (p.value().defined()) expected[p.key()] = p.value();
    for (const auto& b : module.named_buffers(/*recurse=*/true))
        if (b.value().defined()) expected[b.key()] = b.value();

    for (const auto& [name, t] : stored)
        if (!expected.count(name)) throw std::invalid_argument("the file holds a tensor the network does not have (" + name + ")");
    std::optional<torch::Dtype> floatType = storedFloat;
    for (const auto& [name, want] : expected) {
        const auto it = stored.find(name);
        if (it == stored.end()) throw std::invalid_argument("the file lacks the network's tensor " + name);
        const torch::Tensor& got = it->second;
        if (!got.defined()) throw std::invalid_argument("the file's tensor " + name + " is empty");
        if (got.sizes() != want.sizes())
            throw std::invalid_argument(name + " is " + shapeText(got.sizes()) + " in the file, " + shapeText(want.sizes()) +
                                        " in the network");
        if (want.is_floating_point()) {
            if (got.scalar_type() != torch::kFloat && got.scalar_type() != torch::kHalf)
                throw std::invalid_argument(name + " is stored as " + std::string(c10::toString(got.scalar_type())) +
                                            ", not float32 or float16");
            if (!floatType) floatType = got.scalar_type();
            if (got.scalar_type() != *floatType)
                throw std::invalid_argument(name + " is stored as " + std::string(c10::toString(got.scalar_type())) + ", expected " +
                                            std::string(c10::toString(*floatType)) + (storedFloat ? " (the card's dtype)" : ""));
        } else if (got.scalar_type() != want.scalar_type() && got.scalar_type() != torch::kFloat && got.scalar_type() != torch::kHalf) {
            // An integer buffer (BatchNorm's num_batches_tracked) stored as its own dtype, or as float:
            // LibTorch's Module::to(kHalf) converts every tensor, and the trainer's float16 files hold it so.
            throw std::invalid_argument(name + " is stored as " + std::string(c10::toString(got.scalar_type())) + ", the network has " +
                                        std::string(c10::toString(want.scalar_type())));
        }
    }
    torch::NoGradGuard noGrad;
    for (auto& [name, want] : expected) want.copy_(stored.at(name));
}

void loadCheckedWeightsFile(torch::nn::Module& module, const std::string& path, std::optional<torch::Dtype> storedFloat)
{
    std::string bytes;
    try {
        bytes = readRegularFile(path, kMaxWeightsFileBytes);
    } catch (const RegularFileError& e) {
        throw std::invalid_argument(std::string(e.what()) + ": the weights cannot be read");
    }
    loadCheckedWeights(module, bytes, storedFloat);
}

} // namespace boneage::nn
