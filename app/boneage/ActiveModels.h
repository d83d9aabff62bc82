#pragma once
// The models a command runs (issue 16): the installed ones, or, with --workspace DIR, the versions
// active in that workspace for each kind (bone age, hand landmarks), each falling back to the
// installed models when the workspace has promoted none of its kind. The version is named in the
// output as `workspace assess` names it.
#include "inference/LandmarkModel.h"
#include "workspace/LandmarkTrainingJob.h"
#include "workspace/ModelRegistry.h"
#include "workspace/Workspace.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace boneage::cli {

struct ActiveModels {
    std::string boneAgeDir;                        // a folder of bone-age packages
    std::optional<std::string> landmarkPackage;    // none: no landmark package anywhere
    std::optional<int> boneAgeVersion, landmarkVersion;   // none: the installed models
    std::string workspace;                         // empty: no --workspace

    // {"workspace": DIR, "bone-age": N | "installed", "landmarks": N | "installed"}
    nlohmann::json versionsJson() const
    {
        const auto name = [](const std::optional<int>& v) { return v ? nlohmann::json(*v) : nlohmann::json("installed"); };
        return {{"workspace", workspace}, {"bone-age", name(boneAgeVersion)}, {"landmarks", name(landmarkVersion)}};
    }
};

inline ActiveModels activeModels(const std::string& installedDir, const std::optional<std::string>& workspaceDir)
{
    ActiveModels m;
    m.boneAgeDir = installedDir;
    m.landmarkPackage = LandmarkModel::find(installedDir);
    if (!workspaceDir) return m;
    const auto ws = Workspace::open(*workspaceDir, Workspace::Access::ReadOnly);
    const ModelRegistry registry(*ws);
    m.workspace = ws->dir();
    m.boneAgeVersion = registry.activeVersion("bone-age");
    if (m.boneAgeVersion) m.boneAgeDir = registry.packageFolder(*m.boneAgeVersion);
    m.landmarkVersion = registry.activeVersion("landmarks");
    if (m.landmarkVersion) m.landmarkPackage = landmarkBasePackage(registry.packageFolder(*m.landmarkVersion));
    return m;
}

} // namespace boneage::cli
