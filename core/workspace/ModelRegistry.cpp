#include "ModelRegistry.h"
#include "Sqlite.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace boneage {

namespace {
using Reason = WorkspaceError::Reason;

ModelVersion versionFrom(const sql::Statement& q)
{
    ModelVersion v;
    v.version = static_cast<int>(q.integer(0));
    v.what = q.text(1);
    v.state = q.text(2);
    v.package = q.text(3);
    v.packageSha256 = q.text(4);
    v.base = q.text(5);
    v.baseSha256 = q.text(6);
    v.dataCases = static_cast<int>(q.integer(7));
    v.dataHash = q.text(8);
    v.command = q.text(9);
    v.seed = q.integer(10);
    v.device = q.text(11);
    v.metricsJson = q.text(12);
    v.curvesJson = q.text(13);
    v.message = q.text(14);
    v.createdAt = q.text(15);
    v.finishedAt = q.optText(16).value_or("");
    return v;
}
const char* kVersionColumns = "version, what, state, package, package_sha256, base, base_sha256, data_cases, data_hash, "
                              "command, seed, device, metrics_json, curves_json, message, created_at, finished_at";

void requireWhat(const std::string& what)
{
    if (what != "bone-age" && what != "landmarks")
        throw WorkspaceError(Reason::InvalidValue, "a model is a bone-age or a landmarks model, not '" + what + "'");
}
} // namespace

std::vector<ReadCase> ModelRegistry::readCases() const
{
    std::vector<ReadCase> out;
    for (const CaseSummary& c : ws_.listCases())
        if (c.meanReadingMonths) out.push_back({c.record.id, c.record.sex, *c.meanReadingMonths});
    return out;
}

std::vector<std::string> ModelRegistry::checkSet() const
{
    std::vector<std::string> out;
    if (ws_.schemaVersion() < 2) return out;
    sql::Statement q(*ws_.db_, "SELECT case_id FROM check_set ORDER BY case_id");
    while (q.step()) out.push_back(q.text(0));
    return out;
}

std::vector<std::string> ModelRegistry::ensureCheckSet(std::uint64_t seed)
{
    if (!ws_.isWritable()) throw WorkspaceError(Reason::ReadOnly, "the workspace was opened read-only");
    if (auto existing = checkSet(); !existing.empty()) return existing;
    std::vector<std::string> drawn;
    try {
        drawn = drawCheckSet(readCases(), seed);
    } catch (const std::invalid_argument& e) {
        throw WorkspaceError(Reason::InvalidValue, e.what());
    }
    addToCheckSet(drawn);
    return drawn;
}

void ModelRegistry::addToCheckSet(const std::vector<std::string>& ids)
{
    sql::Transaction t(*ws_.db_);
    sql::Statement insert(*ws_.db_, "INSERT INTO check_set(case_id, added_at) VALUES (?1, ?2)");
    const std::string now = utcNow();
    for (const std::string& id : ids) {
        insert.bind(1, id).bind(2, now).run();
        insert.reset();
    }
    t.commit();
}

std::vector<std::string> ModelRegistry::growCheckSet(std::uint64_t seed)
{
    if (!ws_.isWritable()) throw WorkspaceError(Reason::ReadOnly, "the workspace was opened read-only");
    const std::vector<std::string> current = ensureCheckSet();
    const std::set<std::string> inCheck(current.begin(), current.end());
    std::set<std::string> trainedOn;   // by any version (its lineage): such a case would favour it
    for (const ModelVersion& v : versions()) {
        const nlohmann::json m = nlohmann::json::parse(v.metricsJson, nullptr, false);
        if (!m.is_object() || !m.contains("lineage") || !m["lineage"].contains("training_case_ids")) continue;
        for (const auto& id : m["lineage"]["training_case_ids"])
            if (id.is_string()) trainedOn.insert(id.get<std::string>());
    }
    const std::vector<ReadCase> read = readCases();
    std::vector<ReadCase> eligible;
    for (const ReadCase& c : read)
        if (!inCheck.count(c.caseId) && !trainedOn.count(c.caseId)) eligible.push_back(c);
    const int outside = static_cast<int>(read.size() - current.size());
    const int wanted = std::min(checkSetSize(static_cast<int>(read.size())) - static_cast<int>(current.size()),
                                outside - kMinimumTrainingCases);
    const std::vector<std::string> added = drawStratified(eligible, wanted, seed);
    if (added.empty()) return added;
    addToCheckSet(added);
    return added;
}

int ModelRegistry::addVersion(ModelVersion v, const std::function<void(const std::string& folder)>& place)
{
    if (!ws_.isWritable()) throw WorkspaceError(Reason::ReadOnly, "the workspace was opened read-only");
    requireWhat(v.what);
    sql::Transaction t(*ws_.db_);
    sql::Statement q(*ws_.db_, std::string("INSERT INTO model_versions(") + kVersionColumns +
                                   ") VALUES (NULL, ?1, ?2, '', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    q.bind(1, v.what).bind(2, v.state).bind(3, v.packageSha256).bind(4, v.base).bind(5, v.baseSha256);
    q.bind(6, v.dataCases).bind(7, v.dataHash).bind(8, v.command).bind(9, v.seed).bind(10, v.device);
    q.bind(11, v.metricsJson).bind(12, v.curvesJson).bind(13, v.message).bind(14, utcNow());
    if (v.finishedAt.empty()) q.bindNull(15);
    else q.bind(15, v.finishedAt);
    q.run();
    const int number = static_cast<int>(ws_.db_->lastInsertId());
    sql::Statement path(*ws_.db_, "UPDATE model_versions SET package = ?1 WHERE version = ?2");
    path.bind(1, "models/v" + std::to_string(number)).bind(2, number).run();
    const std::string folder = packageFolder(number);
    std::error_code ec;
    fs::remove_all(folder, ec);   // no version has this number yet: a leftover of a killed registration
    if (place) {
        fs::create_directories(fs::path(folder).parent_path(), ec);
        try {
            place(folder);
        } catch (...) {
            fs::remove_all(folder, ec);
            throw;
        }
    }
    try {
        t.commit();
    } catch (...) {
        fs::remove_all(folder, ec);
        throw;
    }
    return number;
}

void ModelRegistry::updateVersion(const ModelVersion& v)
{
    if (!ws_.isWritable()) throw WorkspaceError(Reason::ReadOnly, "the workspace was opened read-only");
    sql::Statement q(*ws_.db_, "UPDATE model_versions SET state = ?1, package_sha256 = ?2, metrics_json = ?3, "
                               "curves_json = ?4, message = ?5, finished_at = ?6 WHERE version = ?7");
    q.bind(1, v.state).bind(2, v.packageSha256).bind(3, v.metricsJson).bind(4, v.curvesJson).bind(5, v.message);
    if (v.finishedAt.empty()) q.bindNull(6);
    else q.bind(6, v.finishedAt);
    q.bind(7, v.version).run();
    if (ws_.db_->changes() != 1)
        throw WorkspaceError(Reason::InvalidValue, ws_.dir() + " has no model version " + std::to_string(v.version));
}

void ModelRegistry::completeVersion(const ModelVersion& v, const std::function<void(const std::string& folder)>& place)
{
    if (!ws_.isWritable()) throw WorkspaceError(Reason::ReadOnly, "the workspace was opened read-only");
    sql::Transaction t(*ws_.db_);
    updateVersion(v);
    const std::string folder = packageFolder(v.version);
    if (fs::exists(folder))
        throw WorkspaceError(Reason::InvalidValue, folder + " exists already; model version " + std::to_string(v.version) +
                                                       " cannot be placed there");
    place(folder);
    try {
        t.commit();
    } catch (...) {
        std::error_code ec;
        fs::remove_all(folder, ec);
        throw;
    }
}

std::vector<ModelVersion> ModelRegistry::versions() const
{
    std::vector<ModelVersion> out;
    if (ws_.schemaVersion() < 2) return out;
    sql::Statement q(*ws_.db_, std::string("SELECT ") + kVersionColumns + " FROM model_versions ORDER BY version");
    while (q.step()) out.push_back(versionFrom(q));
    return out;
}

std::optional<ModelVersion> ModelRegistry::version(int number) const
{
    if (ws_.schemaVersion() < 2) return std::nullopt;
    sql::Statement q(*ws_.db_, std::string("SELECT ") + kVersionColumns + " FROM model_versions WHERE version = ?1");
    q.bind(1, number);
    if (!q.step()) return std::nullopt;
    return versionFrom(q);
}

std::string ModelRegistry::packageFolder(int number) const
{
    return (fs::path(ws_.dir()) / "models" / ("v" + std::to_string(number))).string();
}

std::optional<int> ModelRegistry::activeVersion(const std::string& what) const
{
    if (ws_.schemaVersion() < 2) return std::nullopt;
    sql::Statement q(*ws_.db_, "SELECT version FROM model_activations WHERE what = ?1 ORDER BY id DESC LIMIT 1");
    q.bind(1, what);
    if (!q.step() || q.isNull(0)) return std::nullopt;
    return static_cast<int>(q.integer(0));
}

std::vector<Activation> ModelRegistry::activations() const
{
    std::vector<Activation> out;
    if (ws_.schemaVersion() < 2) return out;
    sql::Statement q(*ws_.db_, "SELECT id, what, version, reason, comparison_json, at FROM model_activations ORDER BY id");
    while (q.step()) {
        Activation a;
        a.id = q.integer(0);
        a.what = q.text(1);
        if (!q.isNull(2)) a.version = static_cast<int>(q.integer(2));
        a.reason = q.text(3);
        a.comparisonJson = q.text(4);
        a.at = q.text(5);
        out.push_back(a);
    }
    return out;
}

void ModelRegistry::activate(const std::string& what, std::optional<int> number, const std::string& reason,
                             const std::string& comparisonJson)
{
    if (!ws_.isWritable()) throw WorkspaceError(Reason::ReadOnly, "the workspace was opened read-only");
    requireWhat(what);
    if (number) {
        const auto v = version(*number);
        if (!v) throw WorkspaceError(Reason::InvalidValue, ws_.dir() + " has no model version " + std::to_string(*number));
        if (v->state != "done")
            throw WorkspaceError(Reason::InvalidValue, "model version " + std::to_string(*number) + " is " + v->state +
                                                           ", not a finished model; it cannot become active");
        if (v->what != what)
            throw WorkspaceError(Reason::InvalidValue, "model version " + std::to_string(*number) + " is a " + v->what + " model");
        if (!fs::exists(fs::path(packageFolder(*number))))
            throw WorkspaceError(Reason::InvalidValue, "the package of model version " + std::to_string(*number) +
                                                           " is missing from " + packageFolder(*number));
    }
    sql::Statement q(*ws_.db_, "INSERT INTO model_activations(what, version, reason, comparison_json, at) VALUES (?1, ?2, ?3, ?4, ?5)");
    q.bind(1, what);
    if (number) q.bind(2, *number);
    else q.bindNull(2);
    q.bind(3, reason).bind(4, comparisonJson).bind(5, utcNow()).run();
}

} // namespace boneage
