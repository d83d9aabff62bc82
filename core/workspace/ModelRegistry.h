#pragma once
// The workspace's model registry (issue 16): its local check set, every model version trained or
// registered in it (with lineage, metrics and curves; packages under models/vN), and which version
// is active for each kind of model. Activation is a log: promoting, overriding and rolling back each
// add a row (with the reason and the comparison that allowed it); the latest row counts; no row: the
// models installed with the program. Nothing here runs a model.
#include "CheckSet.h"
#include "Workspace.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace boneage {

struct ModelVersion {
    int version = 0;
    std::string what = "bone-age";   // "bone-age" or "landmarks"
    std::string state = "done";      // running, done, failed, cancelled
    std::string package;             // relative to the workspace: models/vN
    std::string packageSha256;       // digest of the version's model cards (each holds its weights' SHA-256)
    std::string base, baseSha256;    // what it was trained from
    int dataCases = 0;               // training cases (the check set is never among them)
    std::string dataHash;            // of the training cases' ids and readings
    std::string command, device;
    std::int64_t seed = 0;
    std::string metricsJson = "{}", curvesJson = "[]", message;
    std::string createdAt, finishedAt;
};

struct Activation {
    std::int64_t id = 0;
    std::string what;
    std::optional<int> version;      // none: the installed models
    std::string reason;              // "promoted", "override: ...", "rollback"
    std::string comparisonJson;
    std::string at;
};

class ModelRegistry {
public:
    explicit ModelRegistry(Workspace& workspace) : ws_(workspace) {}

    // The read cases with their reference (mean of each reader's latest reading) and sex.
    std::vector<ReadCase> readCases() const;
    std::vector<std::string> checkSet() const;
    // The recorded check set; drawn (drawCheckSet) and recorded in one transaction when there is none.
    std::vector<std::string> ensureCheckSet(std::uint64_t seed = kCheckSetSeed);
    // Cases read since the check set was drawn go to training unless the user grows the check set:
    // this adds, stratified, read cases that no version has trained on, until the check set is again
    // checkSetSize(read cases), keeping at least kMinimumTrainingCases for training. One transaction.
    // Returns the cases added (none when it is already large enough or nothing is eligible).
    std::vector<std::string> growCheckSet(std::uint64_t seed = 20261201);

    // Registers a version (its number assigned here, in one transaction: two jobs never get the
    // same one); `package` is filled in as models/vN. `place(folder)` runs inside the transaction
    // to put the package there (e.g. rename a finished temporary): when it throws, nothing is
    // registered. A folder left by a registration killed before its commit is removed first.
    // Returns the number.
    int addVersion(ModelVersion version, const std::function<void(const std::string& folder)>& place = {});
    void updateVersion(const ModelVersion& version);   // state, metrics, curves, message, finishedAt
    // updateVersion and `place(models/vN)` in one transaction: a finished job's packages arrive with
    // its outcome, or neither does (place must undo its own partial work when it throws).
    void completeVersion(const ModelVersion& version, const std::function<void(const std::string& folder)>& place);
    std::vector<ModelVersion> versions() const;
    std::optional<ModelVersion> version(int number) const;
    std::string packageFolder(int number) const;       // absolute: WORKSPACE/models/vN

    std::optional<int> activeVersion(const std::string& what = "bone-age") const;
    std::vector<Activation> activations() const;
    void activate(const std::string& what, std::optional<int> version, const std::string& reason,
                  const std::string& comparisonJson = "{}");

private:
    void addToCheckSet(const std::vector<std::string>& ids);   // one transaction

    Workspace& ws_;
};

} // namespace boneage
