#pragma once
// The JSON of an assessment lives in core/inference (the workstation stores the same).
#include "inference/AssessmentJson.h"

namespace boneage::cli {
using boneage::assessmentJson;
using boneage::assessmentIdentity;
using boneage::storedAssessmentJson;
} // namespace boneage::cli
