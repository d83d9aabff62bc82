#pragma once
// Loading a weights file (torch's archive of a module's parameters and buffers, as saveModel writes
// it) with every stored tensor checked before any reaches the network. LibTorch's Module::load swaps
// each parameter's storage for the stored one without comparing dtypes or shapes: a float16 file
// loaded into a float32 network leaves tensors that claim twice the bytes their storage holds, and the
// first forward pass reads past it (the segfault of a card whose "dtype" said float32 for float16
// weights). Here the archive is read into tensors first, compared with the network, and copied in.
#include <torch/torch.h>

#include <optional>
#include <string>

namespace boneage::nn {

// Copies the archive's tensors into `module` (converting float16 to the module's dtype). The archive
// must hold exactly the module's parameters and buffers, by name, each of the module's shape; its
// floating-point tensors must all be `storedFloat` (a card's "dtype"), or, with nullopt, all of one
// floating-point dtype (float32 or float16); integer buffers must have the module's dtype or a
// floating-point one (Module::to(kHalf) converts them too: the shipped float16 files hold them so).
// Throws std::invalid_argument naming the first difference; c10::Error for bytes that are not an archive.
void loadCheckedWeights(torch::nn::Module& module, const std::string& archiveBytes,
                        std::optional<torch::Dtype> storedFloat = std::nullopt);
void loadCheckedWeightsFile(torch::nn::Module& module, const std::string& path,
                            std::optional<torch::Dtype> storedFloat = std::nullopt);

} // namespace boneage::nn
