#include "nn/ArchitectureCatalog.h"

namespace boneage::nn {

const std::vector<ArchitecturePreset>& architectureCatalog()
{
    // Compact presets follow the project's shared training data: 100 px films stretched square, grey,
    // trained on a 2-core CPU. 96 px keeps the 4x4 jigsaw tiles whole (24 px) and is the nearest
    // multiple of 32 (ResNet's total stride) to 100 px.
    // Measured on the 2-core development machine (core/nn/README.md): 2M-Net compact trains at about
    // 9 ms per image per progressive step (batch 32); width 0.5 at 96 px costs about 21 ms.
    static const std::vector<ArchitecturePreset> catalog = {
        {"2mnet", "paper", "000 (Liu et al., QIMS 2024)",
         "ResNet-18 at 448 px, full width, 3-channel stem (grey replicated, ImageNet-compatible)",
         448, 3, 1.0, false, false, true},
        {"2mnet", "compact", "000 (Liu et al., QIMS 2024)",
         "ResNet-18 at 96 px, width 0.25, 1-channel stem; same jigsaw steps and attention placement",
         96, 1, 0.25, false, false, false},
        {"2mnet", "compact-w50", "000 (Liu et al., QIMS 2024)",
         "ResNet-18 at 96 px, width 0.5, 1-channel stem",
         96, 1, 0.5, false, false, false},
        {"2mnet", "compact128", "000 (Liu et al., QIMS 2024)",
         "ResNet-18 at 128 px, width 0.5, 1-channel stem",
         128, 1, 0.5, false, false, false},
    };
    return catalog;
}

const ArchitecturePreset* findArchitecturePreset(const std::string& architecture, const std::string& preset)
{
    for (const auto& p : architectureCatalog())
        if (p.architecture == architecture && p.preset == preset) return &p;
    return nullptr;
}

} // namespace boneage::nn
