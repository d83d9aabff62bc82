#include "LandmarkTrainingJob.h"

#include "AnnotationFormats.h"
#include "CorrectedKeypoints.h"

#include "common/AtomicFile.h"
#include "common/Sha256.h"
#include "inference/ModelCard.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace boneage {

namespace {
using Reason = WorkspaceError::Reason;

std::string cardFormat(const std::string& package)
{
    const nlohmann::json card = nlohmann::json::parse(readCardText(package), nullptr, false);
    return card.is_object() ? card.value("format", std::string()) : std::string();
}

std::string labelsCsv(const std::vector<ReadCase>& cases)
{
    std::ostringstream s;
    s << "id,boneage,male\n";
    for (const ReadCase& c : cases) s << c.caseId << ',' << c.referenceMonths << ',' << (c.sex == Sex::Male ? "True" : "False") << '\n';
    return s.str();
}
} // namespace

std::string landmarkBasePackage(const std::string& base)
{
    const auto isLandmarks = [](const std::string& p) { return cardFormat(p).rfind("boneage-landmarks", 0) == 0; };
    if (fs::exists(fs::path(base) / "model.json")) {
        if (!isLandmarks(base))
            throw WorkspaceError(Reason::InvalidValue, base + " is a bone age model package; --what landmarks trains the hand "
                                                              "landmark model: give a landmark package (e.g. the installed "
                                                              "hand-landmarks-128px, --base installed) or use --what bone-age");
        // throws PackageError naming what is wrong
        if (readLandmarkCard(base).card.recipe.alignHand)
            throw WorkspaceError(Reason::InvalidValue, base + " is the landmark refinement stage (it reads the hand aligned by the first "
                                                              "stage); --what landmarks trains the first stage: give hand-landmarks-128px "
                                                              "or the folder holding it (--base installed)");
        return fs::absolute(base).lexically_normal().string();
    }
    if (!fs::is_directory(base)) throw WorkspaceError(Reason::InvalidValue, base + ": no such model package or folder of packages");
    std::vector<fs::path> candidates;
    for (const auto& e : fs::directory_iterator(base))
        if (e.is_directory() && fs::exists(e.path() / "model.json")) candidates.push_back(e.path());
    std::sort(candidates.begin(), candidates.end());
    // The first stage: a refinement package (its recipe aligns the hand, issue 18) installed beside it
    // is never the base, whatever the folders' names.
    for (const fs::path& p : candidates)
        if (isLandmarks(p.string()) && !readLandmarkCard(p.string()).card.recipe.alignHand)
            return fs::absolute(p).lexically_normal().string();
    throw WorkspaceError(Reason::InvalidValue, base + " holds no hand landmark package; --what landmarks needs one (e.g. "
                                                      "hand-landmarks-128px of the installed models)");
}

PlannedJob planLandmarkTrainingJob(Workspace& ws, ModelRegistry& registry, const TrainingRequest& r)
{
    const std::string package = landmarkBasePackage(r.base);
    const LandmarkCard card = readLandmarkCard(package);

    // Counted before anything is recorded: the check set that ensureCheckSet would draw (the same
    // draw: same read cases, same seed) when none is recorded yet.
    const std::vector<ReadCase> read = registry.readCases();
    std::vector<std::string> checkIds = registry.checkSet();
    const bool drawNow = checkIds.empty();
    if (drawNow) {
        try {
            checkIds = drawCheckSet(read, kCheckSetSeed);
        } catch (const std::invalid_argument& e) {
            throw WorkspaceError(Reason::InvalidValue, e.what());
        }
    }
    const std::set<std::string> check(checkIds.begin(), checkIds.end());
    std::vector<ReadCase> training, checking;
    std::vector<CorrectedHand> trainingHands, checkHands;
    for (const ReadCase& c : read) {
        const auto hand = correctedHand(ws, c.caseId);
        if (!hand) continue;
        if (check.count(c.caseId)) {
            checking.push_back(c);
            checkHands.push_back(*hand);
        } else {
            training.push_back(c);
            trainingHands.push_back(*hand);
        }
    }
    if (static_cast<int>(training.size()) < kMinimumLandmarkTrainingHands || static_cast<int>(checking.size()) < kMinimumLandmarkCheckHands)
        throw WorkspaceError(Reason::InvalidValue,
                             "too few hands with keypoints a reader confirmed or corrected: " + std::to_string(training.size()) +
                                 " read cases outside the check set (at least " + std::to_string(kMinimumLandmarkTrainingHands) +
                                 " are needed) and " + std::to_string(checking.size()) + " in the check set (at least " +
                                 std::to_string(kMinimumLandmarkCheckHands) + "). A hand counts when its wrist, its middle-finger MCP and at least " +
                                 std::to_string(kMinimumReviewedKeypoints) +
                                 " of its 21 keypoints are confirmed or corrected: review the proposed keypoints of more read "
                                 "cases (Annotate in the workstation), or import corrected keypoints (boneage workspace import DIR FILE.json "
                                 "--reader NAME). Nothing was recorded.");
    if (drawNow && registry.ensureCheckSet() != checkIds)
        throw std::logic_error("the recorded check set differs from the one the hands were counted on");
    if (r.shuffleReadings) {   // the negative control: each training hand gets another hand's keypoints
        std::vector<HandKeypoints> points;
        for (const CorrectedHand& h : trainingHands) points.push_back(h.points);
        std::shuffle(points.begin(), points.end(), std::mt19937_64(r.seed));
        for (size_t i = 0; i < trainingHands.size(); ++i) trainingHands[i].points = points[i];
    }

    // The epoch is chosen on a seeded tenth of the training hands (never on the check set).
    std::vector<size_t> order(training.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), std::mt19937_64(r.seed));
    const size_t nValidation = std::max<size_t>(1, (training.size() + 5) / 10);
    std::vector<ReadCase> fit, validation;
    for (size_t k = 0; k < order.size(); ++k) (k < nValidation ? validation : fit).push_back(training[order[k]]);
    std::sort(validation.begin(), validation.end(), [](const ReadCase& a, const ReadCase& b) { return a.caseId < b.caseId; });

    nlohmann::json ids = nlohmann::json::array(), validationIds = nlohmann::json::array();
    for (const ReadCase& c : training) ids.push_back(c.caseId);
    for (const ReadCase& c : validation) validationIds.push_back(c.caseId);
    ModelVersion v;
    v.what = "landmarks";
    v.state = "running";
    v.base = package;
    v.baseSha256 = sha256Hex(readCardText(package) + "\n");
    v.dataCases = static_cast<int>(training.size());
    v.dataHash = correctedHandsDigest(trainingHands);
    v.command = r.command;
    v.device = r.device;
    v.seed = static_cast<std::int64_t>(r.seed);
    const std::string freeze = r.recipe == "fine-tune" ? kLandmarkFrozenForFineTuning : "";
    v.metricsJson = nlohmann::json{{"lineage", {{"recipe", r.recipe}, {"minutes", r.minutes}, {"epochs", r.epochs}, {"frozen", freeze},
                                                {"training_case_ids", ids}, {"validation_case_ids", validationIds},
                                                {"check_set_hands", checking.size()}, {"shuffled_keypoints", r.shuffleReadings}, {"check_set_hands_digest", correctedHandsDigest(checkHands)},
                                                {"data", "case ids and the readers' confirmed or corrected keypoints (data_hash)"},
                                                {"base_packages", {package}}}}}
                        .dump();
    const int number = registry.addVersion(v);

    PlannedJob job;
    job.version = number;
    job.jobDir = (fs::path(ws.dir()) / "jobs" / ("v" + std::to_string(number))).string();
    job.trainingCases = static_cast<int>(training.size());
    job.checkCases = static_cast<int>(checking.size());
    job.arguments = {"workspace", "run-job", job.jobDir};
    try {
        std::error_code ec;
        fs::remove_all(job.jobDir, ec);   // a folder of a plan killed before its version was committed
        fs::create_directories(job.jobDir);
        std::vector<AnnotatedFilm> films;
        for (const auto* hands : {&trainingHands, &checkHands})
            for (const CorrectedHand& h : *hands) {
                const CaseRecord c = *ws.findCase(h.caseId);
                films.push_back({h.caseId, fs::path(c.film).filename().string(), c.width, c.height,
                                 correctedAnnotation(h, "workspace-readers")});
            }
        writeTextAtomically((fs::path(job.jobDir) / "keypoints.json").string(), cocoKeypointsText(films));
        writeTextAtomically((fs::path(job.jobDir) / "labels-train.csv").string(), labelsCsv(fit));
        writeTextAtomically((fs::path(job.jobDir) / "labels-val.csv").string(), labelsCsv(validation));
        writeTextAtomically((fs::path(job.jobDir) / "labels-check.csv").string(), labelsCsv(checking));
        const nlohmann::json plan = {{"format", "boneage-job-1"},
                                     {"version", number},
                                     {"films", (fs::path(ws.dir()) / "films").string()},
                                     {"what", "landmarks"},
                                     {"recipe", r.recipe},
                                     {"device", r.device},
                                     {"minutes", r.minutes},
                                     {"epochs", r.epochs},
                                     {"seed", r.seed},
                                     {"packages", {{{"name", fs::path(package).filename().string()},
                                                    {"base", package},
                                                    {"preprocess", card.card.recipe.name},
                                                    {"freeze", freeze}}}}};
        writeTextAtomically((fs::path(job.jobDir) / "job.json").string(), plan.dump(2) + "\n");
    } catch (const std::exception& e) {
        v = *registry.version(number);
        v.state = "failed";
        v.message = std::string("the job folder could not be written: ") + e.what();
        v.finishedAt = utcNow();
        registry.updateVersion(v);
        throw WorkspaceError(Reason::DiskFull, v.message);
    }
    return job;
}

} // namespace boneage
