#include "TrainingJob.h"
#include "LandmarkTrainingJob.h"

#include "common/AtomicFile.h"
#include "common/Sha256.h"
#include "inference/ModelCard.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace boneage {

namespace {
using Reason = WorkspaceError::Reason;

// Fine-tuning keeps an architecture's early blocks (edges, textures: what transfers from one site to
// another) and adapts the rest to the local films. Our choice per architecture; the papers fine-tune
// only TJ-Net (blocks 1-3 frozen), and the others are written down here. An architecture without an
// entry is fine-tuned whole.
const std::map<std::string, std::string> kFrozenForFineTuning = {
    {"2mnet", "backbone.conv1,backbone.bn1,backbone.layer1"},   // the ResNet stem and its first stage
    {"tjnet", "block1.,block2.,block3."},                         // as TJ-Net's paper fine-tunes
};

std::string jobFolder(const Workspace& ws, int version)
{
    return (fs::path(ws.dir()) / "jobs" / ("v" + std::to_string(version))).string();
}

std::string readText(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string lastLines(const std::string& path, int count)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '{') lines.push_back(line);   // progress objects say nothing here
    std::string out;
    for (size_t i = lines.size() > size_t(count) ? lines.size() - size_t(count) : 0; i < lines.size(); ++i)
        out += (out.empty() ? "" : " | ") + lines[i];
    return out;
}

// The base: one package or a folder of packages (one ensemble, e.g. the per-sex pair).
std::vector<std::string> basePackages(const std::string& base)
{
    if (fs::exists(fs::path(base) / "model.json")) {
        const nlohmann::json card = nlohmann::json::parse(readCardText(base), nullptr, false);
        if (card.is_object() && card.value("format", std::string()).rfind("boneage-landmarks", 0) == 0)
            throw WorkspaceError(Reason::InvalidValue, base + " is a hand landmark package; --what bone-age trains the bone age "
                                                              "model: give a bone age package (or --base installed), or use --what landmarks");
        readModelCard(base);   // throws PackageError naming what is wrong
        return {fs::absolute(base).lexically_normal().string()};
    }
    if (!fs::is_directory(base))
        throw WorkspaceError(Reason::InvalidValue, base + ": no such model package or folder of packages");
    std::vector<std::string> out;
    for (const std::string& p : findModelPackages(base)) {
        readModelCard(p);
        out.push_back(fs::absolute(p).lexically_normal().string());
    }
    if (out.empty()) throw WorkspaceError(Reason::InvalidValue, base + " holds no bone age model package (model.json)");
    return out;
}

std::string cardsDigest(const std::vector<std::string>& packages)
{
    std::string cards;
    for (const std::string& p : packages) cards += readCardText(p) + "\n";
    return sha256Hex(cards);
}

bool hasCheckpoint(const std::string& jobDir)
{
    std::error_code ec;
    if (!fs::is_directory(fs::path(jobDir) / "out", ec)) return false;
    for (const auto& e : fs::directory_iterator(fs::path(jobDir) / "out", ec))
        if (fs::exists(e.path() / "checkpoint.pt") || fs::exists(e.path() / "model.json")) return true;
    return false;
}

std::string labelsCsv(const std::vector<ReadCase>& cases, const std::vector<double>& months)
{
    std::ostringstream s;
    s << "id,boneage,male\n";
    for (size_t i = 0; i < cases.size(); ++i)
        s << cases[i].caseId << ',' << months[i] << ',' << (cases[i].sex == Sex::Male ? "True" : "False") << '\n';
    return s.str();
}

nlohmann::json parseObject(const std::string& text)
{
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
}

} // namespace

PlannedJob planTrainingJob(Workspace& ws, ModelRegistry& registry, const TrainingRequest& r)
{
    if (!ws.isWritable()) throw WorkspaceError(Reason::ReadOnly, "the workspace was opened read-only");
    if (r.what != "bone-age" && r.what != "landmarks") throw WorkspaceError(Reason::InvalidValue, "--what must be bone-age or landmarks");
    if (r.recipe != "fine-tune" && r.recipe != "full")
        throw WorkspaceError(Reason::InvalidValue, "the recipe is fine-tune or full, not '" + r.recipe + "'");
    if (r.device != "cpu" && r.device != "cuda") throw WorkspaceError(Reason::InvalidValue, "the device is cpu or cuda");
    if (!(r.minutes > 0 && r.minutes <= 7 * 24 * 60))
        throw WorkspaceError(Reason::InvalidValue, "the time budget must be between a few seconds and 7 days (minutes)");
    if (r.epochs < 1 || r.epochs > 10000) throw WorkspaceError(Reason::InvalidValue, "epochs must be 1-10000");
    recoverInterruptedJobs(ws, registry);
    for (const ModelVersion& v : registry.versions())
        if (v.state == "running")
            throw WorkspaceError(Reason::InvalidValue, "model version " + std::to_string(v.version) +
                                                           " is training now; one job at a time (wait, or cancel it)");
    if (r.what == "landmarks") return planLandmarkTrainingJob(ws, registry, r);
    const std::vector<std::string> packages = basePackages(r.base);

    const std::vector<std::string> checkIds = registry.ensureCheckSet();
    const std::set<std::string> check(checkIds.begin(), checkIds.end());
    std::vector<ReadCase> training, checking;
    for (const ReadCase& c : registry.readCases()) (check.count(c.caseId) ? checking : training).push_back(c);
    if (training.size() < 10)
        throw WorkspaceError(Reason::InvalidValue, "only " + std::to_string(training.size()) +
                                                       " read cases are outside the check set; record readings of at least 10 more");
    std::vector<double> months, checkMonths;
    for (const ReadCase& c : training) months.push_back(c.referenceMonths);
    for (const ReadCase& c : checking) checkMonths.push_back(c.referenceMonths);
    if (r.shuffleReadings) std::shuffle(months.begin(), months.end(), std::mt19937_64(r.seed));
    std::string snapshot;
    nlohmann::json ids = nlohmann::json::array();
    for (size_t i = 0; i < training.size(); ++i) {
        snapshot += training[i].caseId + "," + std::to_string(months[i]) + "\n";
        ids.push_back(training[i].caseId);
    }

    ModelVersion v;
    v.what = r.what;
    v.state = "running";
    v.base = fs::absolute(r.base).lexically_normal().string();
    v.baseSha256 = cardsDigest(packages);
    v.dataCases = static_cast<int>(training.size());
    v.dataHash = sha256Hex(snapshot);
    v.command = r.command;
    v.device = r.device;
    v.seed = static_cast<std::int64_t>(r.seed);
    v.metricsJson = nlohmann::json{{"lineage", {{"recipe", r.recipe}, {"minutes", r.minutes}, {"epochs", r.epochs},
                                                {"shuffled_readings", r.shuffleReadings}, {"training_case_ids", ids},
                                                {"check_set_cases", checking.size()}, {"base_packages", packages}}}}
                        .dump();
    const int number = registry.addVersion(v);

    PlannedJob job;
    job.version = number;
    job.jobDir = jobFolder(ws, number);
    job.trainingCases = static_cast<int>(training.size());
    job.checkCases = static_cast<int>(checking.size());
    job.arguments = {"workspace", "run-job", job.jobDir};
    try {
        std::error_code ec;
        fs::remove_all(job.jobDir, ec);   // a folder of a plan killed before its version was committed
        fs::create_directories(job.jobDir);
        writeTextAtomically((fs::path(job.jobDir) / "labels-train.csv").string(), labelsCsv(training, months));
        writeTextAtomically((fs::path(job.jobDir) / "labels-check.csv").string(), labelsCsv(checking, checkMonths));
        nlohmann::json list = nlohmann::json::array();
        for (const std::string& p : packages) {
            const ModelCard card = readModelCard(p);
            const auto frozen = kFrozenForFineTuning.find(card.architecture);
            list.push_back({{"name", fs::path(p).filename().string()},
                            {"base", p},
                            {"preprocess", card.recipe.name},
                            {"freeze", r.recipe == "fine-tune" && frozen != kFrozenForFineTuning.end() ? frozen->second : ""}});
        }
        const nlohmann::json plan = {{"format", "boneage-job-1"},
                                     {"version", number},
                                     {"films", (fs::path(ws.dir()) / "films").string()},
                                     {"what", r.what},
                                     {"recipe", r.recipe},
                                     {"device", r.device},
                                     {"minutes", r.minutes},
                                     {"epochs", r.epochs},
                                     {"seed", r.seed},
                                     {"packages", list}};
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

JobEvent parseJobLine(const std::string& line)
{
    JobEvent e;
    e.text = line;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("event") || !j["event"].is_string()) return e;
    const auto num = [&](const char* k, double fallback) { return j.contains(k) && j[k].is_number() ? j[k].get<double>() : fallback; };
    const auto str = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string(); };
    const std::string event = str("event");
    static const std::map<std::string, JobEvent::Kind> kinds = {
        {"phase", JobEvent::Kind::Phase}, {"package", JobEvent::Kind::Package}, {"step", JobEvent::Kind::Step},
        {"epoch", JobEvent::Kind::Epoch}, {"package_done", JobEvent::Kind::PackageDone}, {"done", JobEvent::Kind::Done}};
    const auto k = kinds.find(event);
    if (k == kinds.end()) return e;
    e.kind = k->second;
    e.text = e.kind == JobEvent::Kind::Phase ? str("phase") : e.kind == JobEvent::Kind::Done ? str("state") : str("message");
    e.package = str("package");
    if (e.kind == JobEvent::Kind::Package && e.text.empty()) e.text = e.package;
    e.packageIndex = static_cast<int>(num("index", 0));
    e.packageCount = static_cast<int>(num("count", 0));
    e.epoch = static_cast<int>(num("epoch", 0));
    e.epochs = static_cast<int>(num("epochs", 0));
    e.step = static_cast<int>(num("step", 0));
    e.steps = static_cast<int>(num("steps", 0));
    e.loss = num("loss", 0);
    e.trainMae = num("train_mae", 0);
    // A landmark job reports keypoint errors (fractions of the hand scale) in the same places.
    e.validationMae = num("validation_mae", num("validation_error", -1));
    e.checkMae = num("check_mae", num("check_error", -1));
    e.keypointError = j.contains("validation_error") || j.contains("check_error");
    e.etaSeconds = num("job_eta_s", -1);
    e.fraction = std::clamp(num("job_fraction", 0), 0.0, 1.0);
    return e;
}

ModelVersion finishTrainingJob(Workspace& ws, ModelRegistry& registry, int number, const std::string& exitDescription)
{
    auto found = registry.version(number);
    if (!found) throw WorkspaceError(Reason::InvalidValue, ws.dir() + " has no model version " + std::to_string(number));
    ModelVersion v = *found;
    if (v.state != "running") return v;
    const std::string jobDir = jobFolder(ws, number);
    const fs::path resultFile = fs::path(jobDir) / "result.json";
    nlohmann::json result = fs::exists(resultFile) ? parseObject(readText(resultFile.string())) : nlohmann::json::object();
    nlohmann::json metrics = parseObject(v.metricsJson);
    v.finishedAt = utcNow();
    const std::string resumeHint = hasCheckpoint(jobDir)
                                       ? "; its last checkpoint can continue it (boneage workspace train " + ws.dir() +
                                             " --resume " + std::to_string(number) + ")"
                                       : "";
    const std::string state = result.value("state", std::string());
    if (state != "done") {
        v.state = state == "cancelled" ? "cancelled" : "failed";
        if (!result.empty())
            v.message = result.value("message", std::string("the job ended: ") + exitDescription);
        else
            v.message = "the training process ended without a result (" + exitDescription + ")" +
                        [&] {
                            const std::string tail = lastLines((fs::path(jobDir) / "log.txt").string(), 2);
                            return tail.empty() ? std::string() : "; its log ends: " + tail;
                        }();
        v.message += resumeHint;
        if (result.contains("curves")) v.curvesJson = result["curves"].dump();
        registry.updateVersion(v);
        return v;
    }
    // The finished packages, checked as assess will load them, then moved in with the outcome.
    std::vector<std::string> packages;
    try {
        for (const auto& name : result.at("packages")) {
            const std::string dir = (fs::path(jobDir) / "out" / name.get<std::string>()).string();
            if (v.what == "landmarks") readLandmarkCard(dir);
            else readModelCard(dir);
            std::error_code ec;
            fs::remove(fs::path(dir) / "checkpoint.pt", ec);   // only a resume needs it; a finished package does not
            packages.push_back(dir);
        }
        if (packages.empty()) throw std::runtime_error("the job finished without a package");
    } catch (const std::exception& e) {
        v.state = "failed";
        v.message = std::string("the job's packages are not usable: ") + e.what();
        registry.updateVersion(v);
        return v;
    }
    v.state = "done";
    v.packageSha256 = cardsDigest(packages);
    metrics["training"] = result.value("training", nlohmann::json::object());
    if (result.contains("check_set")) metrics["check_set_in_job"] = result["check_set"];
    v.metricsJson = metrics.dump();
    v.curvesJson = result.value("curves", nlohmann::json::array()).dump();
    v.message = result.value("message", std::string());
    registry.completeVersion(v, [&](const std::string& folder) {
        fs::create_directories(folder);
        std::vector<std::pair<fs::path, fs::path>> moved;
        try {
            for (const std::string& p : packages) {
                const fs::path to = fs::path(folder) / fs::path(p).filename();
                fs::rename(p, to);
                moved.emplace_back(p, to);
            }
        } catch (...) {
            for (const auto& [from, to] : moved) fs::rename(to, from);
            throw;
        }
    });
    return *registry.version(number);
}

bool jobIsRunning(const std::string& jobDir)
{
    const std::string lock = (fs::path(jobDir) / "job.lock").string();
    const int fd = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd);
    return held;
}

std::vector<int> recoverInterruptedJobs(Workspace& ws, ModelRegistry& registry)
{
    std::vector<int> changed;
    if (!ws.isWritable()) return changed;
    for (const ModelVersion& v : registry.versions()) {
        if (v.state != "running" || jobIsRunning(jobFolder(ws, v.version))) continue;
        finishTrainingJob(ws, registry, v.version, "its process is gone: the program or the machine stopped during training");
        changed.push_back(v.version);
    }
    return changed;
}

bool canResumeTrainingJob(const Workspace& ws, const ModelVersion& v)
{
    if (v.state != "failed" && v.state != "cancelled") return false;
    const std::string jobDir = jobFolder(ws, v.version);
    return fs::exists(fs::path(jobDir) / "job.json") && hasCheckpoint(jobDir);
}

PlannedJob resumeTrainingJob(Workspace& ws, ModelRegistry& registry, int number)
{
    recoverInterruptedJobs(ws, registry);
    auto found = registry.version(number);
    if (!found) throw WorkspaceError(Reason::InvalidValue, ws.dir() + " has no model version " + std::to_string(number));
    ModelVersion v = *found;
    const std::string jobDir = jobFolder(ws, number);
    if (v.state == "running") throw WorkspaceError(Reason::InvalidValue, "model version " + std::to_string(number) + " is training now");
    if (v.state == "done") throw WorkspaceError(Reason::InvalidValue, "model version " + std::to_string(number) + " is finished");
    if (!canResumeTrainingJob(ws, v))
        throw WorkspaceError(Reason::InvalidValue, "model version " + std::to_string(number) +
                                                       " left no checkpoint to continue from; train a new version");
    for (const ModelVersion& other : registry.versions())
        if (other.state == "running")
            throw WorkspaceError(Reason::InvalidValue, "model version " + std::to_string(other.version) + " is training now; one job at a time");
    v.state = "running";
    v.message = "resumed";
    v.finishedAt.clear();
    registry.updateVersion(v);
    std::error_code ec;
    fs::remove(fs::path(jobDir) / "result.json", ec);
    PlannedJob job;
    job.version = number;
    job.jobDir = jobDir;
    job.trainingCases = v.dataCases;
    job.arguments = {"workspace", "run-job", jobDir};
    return job;
}

std::string findBoneageCommand(const std::string& besideProgram)
{
    if (const char* c = std::getenv("BONEAGE_COMMAND"); c && *c) return c;
    const fs::path here = fs::path(besideProgram).parent_path();
    for (const fs::path& candidate : {here / "boneage", here.parent_path() / "boneage" / "boneage"})
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    if (const char* path = std::getenv("PATH")) {
        std::stringstream dirs(path);
        for (std::string d; std::getline(dirs, d, ':');)
            if (!d.empty() && ::access((fs::path(d) / "boneage").c_str(), X_OK) == 0) return (fs::path(d) / "boneage").string();
    }
    return {};
}

std::string runJobProcess(const std::string& command, const std::vector<std::string>& arguments,
                          const std::function<void(const std::string&)>& onLine, const std::function<bool()>& cancelRequested)
{
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot start the job: ") + std::strerror(errno));
    std::vector<std::string> all = {command};
    all.insert(all.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("cannot start the job: ") + std::strerror(errno));
    if (pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(out[1], STDERR_FILENO);
        ::setenv("OMP_WAIT_POLICY", "passive", 0);
        ::execv(command.c_str(), argv.data());
        const char msg[] = "cannot run the boneage command\n";
        (void)!::write(STDERR_FILENO, msg, sizeof msg - 1);
        ::_exit(127);
    }
    ::close(out[1]);
    std::string pending;
    bool cancelled = false;
    char buffer[4096];
    for (;;) {
        pollfd p{out[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, 200);
        if (!cancelled && cancelRequested && cancelRequested()) {
            ::kill(pid, SIGTERM);
            cancelled = true;
        }
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        const ssize_t n = ::read(out[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        pending.append(buffer, static_cast<size_t>(n));
        for (size_t end; (end = pending.find('\n')) != std::string::npos;) {
            if (onLine) onLine(pending.substr(0, end));
            pending.erase(0, end + 1);
        }
    }
    if (!pending.empty() && onLine) onLine(pending);
    ::close(out[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
    return "exit " + std::to_string(WEXITSTATUS(status));
}

} // namespace boneage
