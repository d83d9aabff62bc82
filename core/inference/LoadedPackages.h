#pragma once
// Packages kept loaded between assessments (issue 18's speed): loading the two landmark packages
// cost about 200 ms of every 600 ms assessment. A package is loaded again only when its folder's
// files change (card and weights: size and modification time), or when a refinement package is
// added to or removed from the folder beside it (the models folder's own modification time). At most
// kCapacity packages of each kind are kept; the one used longest ago goes first. Thread-safe: the
// workstation's worker and its batch assessment share one cache. Torch-free.
#include "inference/LandmarkModel.h"
#include "inference/ModelPackage.h"

#include <string>

namespace boneage {

struct LoadedPackages {
    static constexpr int kCapacity = 12;
    // `milliseconds`: what getting it cost here (0.0x ms when it was kept; the load when it was not).
    static LandmarkModel landmarks(const std::string& directory, double* milliseconds = nullptr);
    // One instance per test-time augmentation mode: the mode is the model's state.
    static InstalledModel model(const std::string& directory, TestTimeAugmentation tta, double* milliseconds = nullptr);
    // Forget everything (tests; a models folder replaced wholesale is caught by the keys anyway).
    static void clear();
};

} // namespace boneage
