#pragma once
#include <string>
#include <vector>

namespace boneage::cli {

// `boneage workspace assess` (WorkspaceAssess.cpp; needs LibTorch: without it, an error).
int runWorkspaceAssess(const std::vector<std::string>& args);

} // namespace boneage::cli
