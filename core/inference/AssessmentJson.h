#pragma once
// The assessment as `boneage assess --json` writes it (models, ensemble, review, hand), without the
// command's own timing: also what a workspace stores per case (`boneage workspace assess` and the
// workstation's "Assess all" store the same), and read back from there to show a stored result
// without running the models again. Torch-free.
#include "inference/Assessment.h"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

namespace boneage {

nlohmann::json assessmentJson(const std::string& file, const Radiograph& radiograph, const Assessment& assessment);
// assessmentJson with the hand's 21 keypoints (hand.keypoints), from which an annotation is proposed.
nlohmann::json storedAssessmentJson(const std::string& file, const Radiograph& radiograph, const Assessment& assessment);
// What identifies the models that made an estimate: the ensemble of their ids, and a digest of their
// cards (each card holds its weights' SHA-256, so a retrained package gives a new digest).
std::pair<std::string, std::string> assessmentIdentity(const Assessment& assessment);
// The assessment as stored: estimates, ensemble, comparisons, review and the hand (with its
// keypoints and TW3 boxes when they were stored). Times, attention maps and explanation boxes are
// not stored and stay empty. Unknown or missing fields are left at their defaults.
Assessment assessmentFromJson(const nlohmann::json& json);

} // namespace boneage
