#pragma once
#include <string>
#include <vector>

namespace boneage::cli {

// `boneage workspace assess` (WorkspaceAssess.cpp; needs LibTorch: without it, an error).
int runWorkspaceAssess(const std::vector<std::string>& args);
// The model registry (WorkspaceModels.cpp; compare and promote need LibTorch).
int runWorkspaceModels(const std::vector<std::string>& args);
int runWorkspaceCompare(const std::vector<std::string>& args);
int runWorkspacePromote(const std::vector<std::string>& args);
int runWorkspaceRollback(const std::vector<std::string>& args);

} // namespace boneage::cli
