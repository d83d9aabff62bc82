#pragma once
// Shared by the two branches of `boneage workspace run-job` (WorkspaceTrain.cpp: bone age;
// WorkspaceTrainLandmarks.cpp: the hand landmark model). LibTorch builds only.
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>

namespace boneage::cli {

// The job's output: one JSON object per line on stdout and in JOBDIR/log.txt.
struct JobEmitter {
    std::function<void(const nlohmann::json&)> emit;
    std::function<void(const std::string&)> text;
};

// Trains the landmark package of the plan; fills result's curves and training, and, unless `stop`
// was raised, check_set, packages, state "done" and message. Throws on failure.
void runLandmarkJob(const std::filesystem::path& jobDir, const nlohmann::json& plan, const JobEmitter& out,
                    const std::atomic<bool>& stop, nlohmann::json& result);

} // namespace boneage::cli
