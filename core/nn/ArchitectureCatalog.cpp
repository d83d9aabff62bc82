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
        {"2mnet", "compact128-w100", "000 (Liu et al., QIMS 2024)",
         "ResNet-18 at 128 px, full width, 1-channel stem (for GPU training)",
         128, 1, 1.0, false, false, false},
        // TJ-Net: trained from scratch in the paper (grey, 500 x 500), so every preset has a 1-channel stem.
        {"tjnet", "paper", "001 (Tang, Wu & Shen, TJ-Net)",
         "500 px, base width 32 (blocks 32/64/128/256), dense 256 / 64 / 512-256, 77 classes",
         500, 1, 1.0, true, false, true},
        {"tjnet", "compact", "001 (Tang, Wu & Shen, TJ-Net)",
         "96 px, width 0.5 for convolutions and dense layers; same blocks, CBAMs and joint loss",
         96, 1, 0.5, true, false, false},
        {"tjnet", "compact128", "001 (Tang, Wu & Shen, TJ-Net)",
         "128 px, width 0.5 for convolutions and dense layers",
         128, 1, 0.5, true, false, false},
        {"prsnet", "paper", "002 (PRSNet)",
         "two ResNet-34 at 512 px, 3-channel stem; relation module on res3-res5; top-3 parts of 224 px",
         512, 3, 1.0, true, false, true},
        {"prsnet", "compact", "002 (PRSNet)",
         "two ResNet-34 width 0.25 at 96 px, 1-channel stem; top-3 parts of 48 px",
         96, 1, 0.25, true, false, false},
        // Global-local fusion: the fusion grid (56 x 56 from a 224 px image and 64 px ROI patches) fixes
        // the global input size in every preset; the compact preset narrows the widths only.
        {"globallocal", "paper", "003 (global-local fusion)",
         "224 px global pathway + 18 x 64 x 64 ROI pathway, Table 1 widths, fused at 56/28/14/7",
         224, 1, 1.0, false, true, true, false},
        {"globallocal", "compact", "003 (global-local fusion)",
         "same sizes (the fusion grid needs 224 px and 64 px patches), width 0.25",
         224, 1, 0.25, false, true, false, false},
        // Seed 004. Paper presets: 500 px; the ImageNet replicas have a 3-channel stem (grey replicated),
        // AG-CNN is trained from scratch on single-channel images. Compact: 96 px, width 0.25, 1 channel.
        {"rsna-inceptionv3", "paper", "004 (RSNA winner replica)",
         "InceptionV3 at 500 px, 3-channel stem; sex dense 32 sigmoid; dense 1000 tanh x2 (dropout 0.5); linear",
         500, 3, 1.0, true, false, true},
        {"rsna-inceptionv3", "compact", "004 (RSNA winner replica)",
         "InceptionV3 width 0.25 at 96 px, 1-channel stem; dense 250 tanh x2",
         96, 1, 0.25, true, false, false},
        {"rsna-xception", "paper", "004 (RSNA replica, Xception)",
         "Xception at 500 px, 3-channel stem; sex dense 32 sigmoid; dense 10 ReLU; linear",
         500, 3, 1.0, true, false, true},
        {"rsna-xception", "compact", "004 (RSNA replica, Xception)",
         "Xception width 0.25 at 96 px, 1-channel stem",
         96, 1, 0.25, true, false, false},
        {"rsna-resnet50-patches", "paper", "004 (RSNA replica, ResNet-50 patches)",
         "ResNet-50 on 3 overlapping 224 px patches of a 500 px image, 3-channel stem; raw sex; dense 14; mean over patches",
         500, 3, 1.0, true, false, true},
        {"rsna-resnet50-patches", "compact", "004 (RSNA replica, ResNet-50 patches)",
         "ResNet-50 width 0.25 on 3 overlapping 64 px patches of a 96 px image",
         96, 1, 0.25, true, false, false},
        {"agcnn", "paper", "004 (AG-CNN)",
         "global + local ResNet-50 (LeakyReLU, He-uniform) at 500 px, Otsu attention crop, fusion 256-128 with sex",
         500, 1, 1.0, true, false, true},
        {"agcnn", "compact", "004 (AG-CNN)",
         "both ResNet-50 branches width 0.25 at 96 px; heads and fusion 256-128 as the paper",
         96, 1, 0.25, true, false, false},
        {"rsna-ensemble", "paper", "004 (weighted ensemble)",
         "paper presets of the three replicas, weights 0.5 ResNet-50 patches / 0.1 InceptionV3 / 0.1 Xception, normalised",
         500, 3, 1.0, true, false, true},
        {"rsna-ensemble", "compact", "004 (weighted ensemble)",
         "compact presets of the three replicas, same weights",
         96, 1, 0.25, true, false, false},
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
