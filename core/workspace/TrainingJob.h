#pragma once
// Training a model on a workspace's read cases, as a job in a separate process (issue 16).
//
// The program that holds the workspace (the workstation or `boneage workspace train`) plans a job:
// the version number is taken in the registry (state "running", with its lineage: base packages and
// their digest, the training cases and a hash of their readings, command, seed, device) and the job
// folder WORKSPACE/jobs/vN is written: job.json, the labels of the training cases and of the check set.
// The job itself runs as `boneage workspace run-job WORKSPACE/jobs/vN` in a child process, so that a
// crash or out-of-memory never takes the workstation down; it reads no database, writes only its
// folder (caches, checkpoints, packages, log) and ends with result.json, written atomically. It
// prints one JSON object per line (parseJobLine) for the progress bar, the curves and the log.
// When the child has ended, finishTrainingJob moves the packages into models/vN and records the
// outcome in one transaction. A version whose job died without a result (the machine stopped, the
// program was killed) is found by recoverInterruptedJobs and marked failed, resumable from its last
// checkpoint (resumeTrainingJob). The check set is never among the training cases; the job measures
// it after every epoch for the curves and never lets it choose anything.
//
// Torch-free and Qt-free: the workstation runs the child with QProcess, the command line with
// runJobProcess.
#include "ModelRegistry.h"
#include "Workspace.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace boneage {

struct TrainingRequest {
    std::string base;                  // a model package, or a folder of packages (one ensemble)
    std::string what = "bone-age";     // "bone-age" (cases with a reading); "landmarks" (corrected keypoints, LandmarkTrainingJob.h)
    std::string recipe = "fine-tune";  // "fine-tune": the architecture's early blocks frozen; "full": nothing frozen
    std::string device = "cpu";        // "cpu" or "cuda"
    double minutes = 10;               // training time budget of the whole job
    std::uint64_t seed = 1;
    int epochs = 100;                  // an upper bound; the budget usually ends the run first
    // A negative control for the promotion gate: the readings are shuffled among the training cases
    // before training (docs/training-in-the-workspace.md). Recorded in the lineage.
    bool shuffleReadings = false;
    std::string command;               // how it was started, for the lineage
};

struct PlannedJob {
    int version = 0;
    std::string jobDir;                // absolute: WORKSPACE/jobs/vN
    int trainingCases = 0, checkCases = 0;
    std::vector<std::string> arguments;   // after the boneage executable: workspace run-job JOBDIR
};

// Takes the version and writes the job folder. Throws WorkspaceError (InvalidValue with the reason:
// no such package, too few read cases, a job already running) or PackageError for a broken package.
PlannedJob planTrainingJob(Workspace& workspace, ModelRegistry& registry, const TrainingRequest& request);

// One line of the job's output. Lines that are not JSON (a library's warning) are kind Log.
struct JobEvent {
    enum class Kind { Log, Phase, Package, Step, Epoch, PackageDone, Done } kind = Kind::Log;
    std::string text;                  // Log: the line; Phase: prepare|train|evaluate; Package: its name; Done: state
    std::string package;               // Step/Epoch: the package being trained
    int packageIndex = 0, packageCount = 0;
    int epoch = 0, epochs = 0, step = 0, steps = 0;
    double loss = 0, trainMae = 0, validationMae = -1, checkMae = -1;
    bool keypointError = false;        // a landmark job: validationMae and checkMae are mean keypoint errors (hand scale)
    double etaSeconds = -1;            // of the whole job, from the time budget and the packages left
    double fraction = 0;               // of the whole job, 0..1
};
JobEvent parseJobLine(const std::string& line);

// After the child ended (exitDescription: "exit 0", "killed by signal 9", ...): reads result.json,
// moves the finished packages to models/vN and sets the version's state (done, failed, cancelled),
// metrics, curves and message, in one transaction. Returns the version as recorded.
ModelVersion finishTrainingJob(Workspace& workspace, ModelRegistry& registry, int version,
                               const std::string& exitDescription);

// Versions still "running" whose job process is gone (its job.lock is free): finished as above when
// the job left a result, else marked failed with the reason and whether a checkpoint can resume it.
// Returns the versions it changed.
std::vector<int> recoverInterruptedJobs(Workspace& workspace, ModelRegistry& registry);

// A failed or cancelled version whose job folder holds a checkpoint goes back to "running"; returns
// the child's arguments (as PlannedJob::arguments), which continue from the last epoch.
PlannedJob resumeTrainingJob(Workspace& workspace, ModelRegistry& registry, int version);

// Can resumeTrainingJob continue this version: a failed or cancelled version (either kind) whose job folder
// holds its plan and a checkpoint (or a finished package) of at least one package.
bool canResumeTrainingJob(const Workspace& workspace, const ModelVersion& version);

// Is a job process working in this folder now (it holds JOBDIR/job.lock)?
bool jobIsRunning(const std::string& jobDir);

// The `boneage` command beside a program (the workstation's folder, the build tree's app/boneage,
// then PATH); BONEAGE_COMMAND overrides. Empty when none is found.
std::string findBoneageCommand(const std::string& besideProgram);

// Runs `command arguments...` with OMP_WAIT_POLICY=passive, hands each output line (stdout and stderr
// together) to onLine and returns "exit N" or "killed by signal N". cancelRequested is polled: when it
// returns true the child gets SIGTERM (it stops after the current step).
std::string runJobProcess(const std::string& command, const std::vector<std::string>& arguments,
                          const std::function<void(const std::string& line)>& onLine,
                          const std::function<bool()>& cancelRequested = {});

} // namespace boneage
