#pragma once
// Where the installed model packages are: --models DIR, else $BONEAGE_MODELS, else the nearest
// `models` folder holding packages above the executable (the source tree when run from a build).
#include <string>

namespace boneage::cli {

std::string modelsDirectory(const std::string& option);

} // namespace boneage::cli
