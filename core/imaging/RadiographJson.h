#pragma once
// The metadata of a radiograph as JSON: what `boneage info` prints and what caches and reports record.
#include "Radiograph.h"

#include <nlohmann/json.hpp>

namespace boneage {

nlohmann::json toJson(const Radiograph& radiograph);

} // namespace boneage
