#pragma once
// Where the installed model packages are: an explicit folder (--models DIR or the workstation's
// setting), else $BONEAGE_MODELS, else the nearest `models` folder holding packages above the
// executable (the source tree when run from a build). Shared by `boneage` and the workstation.
#include <string>

namespace boneage {

std::string modelsDirectory(const std::string& option = {});

// Where the shipped resources are (atlas packs, GP tables, samples), found the same way: `option`,
// else $BONEAGE_RESOURCES, else the nearest `resources` (or share/boneage/resources) folder above the
// executable that holds gp/plates.csv. "resources" when none is found.
std::string resourcesDirectory(const std::string& option = {});

} // namespace boneage
