#pragma once
// The commands find the installed packages as the workstation does (core/inference/ModelsLocation.h).
#include "inference/ModelsLocation.h"

namespace boneage::cli {

using boneage::modelsDirectory;

} // namespace boneage::cli
