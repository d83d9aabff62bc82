#pragma once
// The architectures and presets that core/nn can build, as plain data: the UI and the command line
// can list them without including a torch header (torch lives in nn/Registry.h and the model files).
#include <string>
#include <vector>

namespace boneage::nn {

struct ArchitecturePreset {
    std::string architecture;   // "2mnet", ...
    std::string preset;         // "paper", "compact", ...
    std::string paper;          // seed paper the architecture comes from
    std::string description;    // one line: what differs from the paper in this preset
    int inputSize = 0;          // square input in pixels (the image is stretched to it)
    int inputChannels = 1;      // channels of the first convolution (3 where the paper used ImageNet weights)
    double widthMultiplier = 1.0; // scale of the backbone's channel widths (1 = the paper's)
    bool takesSex = false;      // the model reads ModelInput::sex
    bool needsRoiPatches = false; // the model reads ModelInput::roiPatches (18 TW3 patches)
    bool paperPreset = false;   // reproduces the paper's input size and widths
    // Whether its packages use test-time augmentation (card "test_time_augmentation"). false where the
    // shifted views were measured to change nothing (the global-local network ends in global max
    // pooling: 19.585 months MAE with and without, docs/training.md): they are work for no gain.
    bool testTimeAugmentation = true;
};

// Every architecture/preset pair, in a stable order (paper preset first within an architecture).
const std::vector<ArchitecturePreset>& architectureCatalog();

// nullptr when the pair is unknown.
const ArchitecturePreset* findArchitecturePreset(const std::string& architecture, const std::string& preset);

} // namespace boneage::nn
