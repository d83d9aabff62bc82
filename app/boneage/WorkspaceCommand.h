#pragma once
#include <nlohmann/json.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace boneage::cli {

// A command's JSON answer on stdout (invalid UTF-8 in a name replaced, never an exception).
inline void printJson(const nlohmann::json& j)
{
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

// `boneage workspace assess` (WorkspaceAssess.cpp; needs LibTorch: without it, an error).
int runWorkspaceAssess(const std::vector<std::string>& args);
// The model registry (WorkspaceModels.cpp; compare and promote need LibTorch).
int runWorkspaceModels(const std::vector<std::string>& args);
int runWorkspaceCompare(const std::vector<std::string>& args);
int runWorkspacePromote(const std::vector<std::string>& args);
int runWorkspaceRollback(const std::vector<std::string>& args);
// Training jobs (WorkspaceTrain.cpp): `train` plans and follows one; `run-job` is the job's process.
int runWorkspaceTrain(const std::vector<std::string>& args);
int runWorkspaceRunJob(const std::vector<std::string>& args);

} // namespace boneage::cli
