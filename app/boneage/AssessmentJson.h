#pragma once
// The assessment as `boneage assess --json` writes it (models, ensemble, review, hand), without the
// command's own timing: also what the workspace stores per case.
#include <nlohmann/json.hpp>

#include <string>

namespace boneage {
struct Assessment;
struct Radiograph;
}

namespace boneage::cli {

nlohmann::json assessmentJson(const std::string& file, const Radiograph& radiograph, const Assessment& assessment);

} // namespace boneage::cli
