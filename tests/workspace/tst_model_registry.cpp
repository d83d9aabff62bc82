// The workspace's model registry (issue 16) on real SQLite: version numbers, packages placed inside
// the registering transaction, the activation log (promote, rollback, refusals), and the check set
// recorded once.
#include "WorkspaceTestSupport.h"

#include "workspace/ModelRegistry.h"

#include <sqlite3.h>

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace boneage;
using boneage::test::expectWorkspaceError;
namespace fs = std::filesystem;
using Reason = WorkspaceError::Reason;

namespace {
const std::string kSamples = BONEAGE_SOURCE_DIR "/resources/samples/";

// `count` cases straight in SQL (as bench_workspace does), from number `first`, each read once.
void addReadCases(Workspace& ws, int first, int count)
{
    sqlite3* db = nullptr;
    sqlite3_open(workspaceDatabasePath(ws.dir()).c_str(), &db);
    for (int i = first; i < first + count; ++i) {
        const std::string id = QString("%1").arg(i, 16, 16, QChar('0')).toStdString();
        const std::string sql = "INSERT INTO cases(id, sha256, film, original_name, format, width, height, sex, sex_source, "
                                "imported_at) VALUES ('" + id + "', '" + id + "', 'films/" + id + ".png', '" + id +
                                ".png', 'PNG', 10, 10, '" + (i % 2 ? "M" : "F") + "', 'labels', '2026-11-30')";
        sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    }
    sqlite3_close(db);
    for (int i = first; i < first + count; ++i) {
        Reading reading;
        reading.caseId = QString("%1").arg(i, 16, 16, QChar('0')).toStdString();
        reading.reader = "RSNA";
        reading.boneAgeMonths = 6 + (i * 7) % 220;
        ws.addReading(reading);
    }
}

void writePackage(const std::string& folder)
{
    fs::create_directories(folder + "/pkg");
    std::ofstream(folder + "/pkg/model.json") << "{}\n";
}
} // namespace

class TestModelRegistry : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    int counter = 0;
    std::string fresh()
    {
        const std::string dir = tmp.filePath(QString("ws%1").arg(++counter)).toStdString();
        Workspace::init(dir);
        return dir;
    }

private slots:
    void versionsAreNumberedAndPlacedInTheirTransaction()
    {
        auto ws = Workspace::open(fresh(), Workspace::Access::ReadWrite);
        ModelRegistry r(*ws);
        QCOMPARE(r.versions().size(), size_t(0));
        ModelVersion v;
        v.base = "2mnet-compact-w50";
        const int first = r.addVersion(v, writePackage);
        const int second = r.addVersion(v, writePackage);
        QCOMPARE(first, 1);
        QCOMPARE(second, 2);
        QCOMPARE(r.version(2)->package, std::string("models/v2"));
        QVERIFY(fs::exists(r.packageFolder(2) + "/pkg/model.json"));
        // A placement that fails registers nothing and leaves no folder.
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, r.addVersion(v, [](const std::string& folder) {
            writePackage(folder);
            throw std::runtime_error("disk full");
        }));
        QCOMPARE(r.versions().size(), size_t(2));
        QVERIFY(!fs::exists(r.packageFolder(3)));
        // A folder left by a registration killed before its commit is replaced, not merged.
        fs::create_directories(r.packageFolder(3) + "/stale");
        QCOMPARE(r.addVersion(v, writePackage), 3);
        QVERIFY(!fs::exists(r.packageFolder(3) + "/stale"));
    }

    void activationIsALogWithRollback()
    {
        auto ws = Workspace::open(fresh(), Workspace::Access::ReadWrite);
        ModelRegistry r(*ws);
        QVERIFY(!r.activeVersion());   // the installed models
        ModelVersion done;
        const int one = r.addVersion(done, writePackage);
        ModelVersion running;
        running.state = "running";
        const int two = r.addVersion(running, writePackage);
        ModelVersion landmarks;
        landmarks.what = "landmarks";
        const int three = r.addVersion(landmarks, writePackage);
        QCOMPARE(expectWorkspaceError([&] { r.activate("bone-age", two, "test"); }).reason(), Reason::InvalidValue);
        QCOMPARE(expectWorkspaceError([&] { r.activate("bone-age", three, "test"); }).reason(), Reason::InvalidValue);
        QCOMPARE(expectWorkspaceError([&] { r.activate("bone-age", 99, "test"); }).reason(), Reason::InvalidValue);
        QCOMPARE(expectWorkspaceError([&] { r.activate("teeth", one, "test"); }).reason(), Reason::InvalidValue);
        QVERIFY(!r.activeVersion());
        r.activate("bone-age", one, "promoted", R"({"promotable":true})");
        QCOMPARE(*r.activeVersion(), one);
        QVERIFY(!r.activeVersion("landmarks"));
        r.activate("bone-age", std::nullopt, "rollback");
        QVERIFY(!r.activeVersion());
        QCOMPARE(r.activations().size(), size_t(2));
        QCOMPARE(r.activations()[0].comparisonJson, std::string(R"({"promotable":true})"));
        // A version whose package went missing cannot become active.
        fs::remove_all(r.packageFolder(one));
        QCOMPARE(expectWorkspaceError([&] { r.activate("bone-age", one, "again"); }).reason(), Reason::InvalidValue);
        // Readers see the same log.
        auto reader = Workspace::open(ws->dir(), Workspace::Access::ReadOnly);
        QCOMPARE(ModelRegistry(*reader).activations().size(), size_t(2));
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, ModelRegistry(*reader).activate("bone-age", std::nullopt, "x"));
    }

    void theCheckSetIsDrawnOnceAndKept()
    {
        auto ws = Workspace::open(fresh(), Workspace::Access::ReadWrite);
        ModelRegistry r(*ws);
        QCOMPARE(expectWorkspaceError([&] { r.ensureCheckSet(); }).reason(), Reason::InvalidValue);   // no read case
        // 45 read cases (DICOM written from the samples' pixels would be slow; cases straight in SQL
        // as bench_workspace does, readings through the API).
        {
            sqlite3* db = nullptr;
            sqlite3_open(workspaceDatabasePath(ws->dir()).c_str(), &db);
            for (int i = 0; i < 45; ++i) {
                const std::string id = QString("%1").arg(i, 16, 16, QChar('0')).toStdString();
                const std::string sql = "INSERT INTO cases(id, sha256, film, original_name, format, width, height, sex, sex_source, "
                                        "imported_at) VALUES ('" + id + "', '" + id + "', 'films/" + id + ".png', '" + id +
                                        ".png', 'PNG', 10, 10, '" + (i % 2 ? "M" : "F") + "', 'labels', '2026-11-30')";
                QCOMPARE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
            }
            sqlite3_close(db);
        }
        for (const CaseSummary& c : ws->listCases()) {
            Reading reading;
            reading.caseId = c.record.id;
            reading.reader = "RSNA";
            reading.boneAgeMonths = 10 + 4.5 * (std::stoi(c.record.id, nullptr, 16));
            ws->addReading(reading);
        }
        const auto drawn = r.ensureCheckSet(7);
        QCOMPARE(drawn.size(), size_t(30));
        QCOMPARE(r.checkSet(), drawn);
        QCOMPARE(r.ensureCheckSet(8), drawn);   // recorded: another seed changes nothing
        ws.reset();
        QCOMPARE(ModelRegistry(*Workspace::open(tmp.filePath(QString("ws%1").arg(counter)).toStdString(),
                                                Workspace::Access::ReadOnly)).checkSet(), drawn);
    }

    // Cases read later go to training unless the user grows the check set; growing takes only cases
    // no version has trained on, back to 20 % of the read cases, and leaves the drawn ones alone.
    void theCheckSetGrowsOnlyWithUntrainedCases()
    {
        auto ws = Workspace::open(fresh(), Workspace::Access::ReadWrite);
        ModelRegistry r(*ws);
        addReadCases(*ws, 0, 200);
        const auto drawn = r.ensureCheckSet(3);
        QCOMPARE(drawn.size(), size_t(40));
        QVERIFY(r.growCheckSet().empty());   // 20 % already
        // A version trained on the first 100 cases outside the check set.
        nlohmann::json ids = nlohmann::json::array();
        for (const CaseSummary& c : ws->listCases())
            if (ids.size() < 100 && std::find(drawn.begin(), drawn.end(), c.record.id) == drawn.end()) ids.push_back(c.record.id);
        ModelVersion v;
        v.metricsJson = nlohmann::json{{"lineage", {{"training_case_ids", ids}}}}.dump();
        r.addVersion(v);
        addReadCases(*ws, 200, 100);   // 300 read: the check set should be 60
        const auto added = r.growCheckSet();
        QCOMPARE(added.size(), size_t(20));
        const auto now = r.checkSet();
        QCOMPARE(now.size(), size_t(60));
        for (const std::string& id : drawn) QVERIFY(std::find(now.begin(), now.end(), id) != now.end());
        for (const std::string& id : added)
            QVERIFY(std::none_of(ids.begin(), ids.end(), [&](const nlohmann::json& t) { return t.get<std::string>() == id; }));
        QVERIFY(r.growCheckSet().empty());
    }

    void aVersionOneWorkspaceIsUpgraded()
    {
        const std::string dir = fresh();
        {
            // Make it look like a workspace of schema 1: without the registry's tables.
            sqlite3* db = nullptr;
            sqlite3_open(workspaceDatabasePath(dir).c_str(), &db);
            sqlite3_exec(db, "DROP TABLE check_set; DROP TABLE model_activations; DROP TABLE model_versions; PRAGMA user_version=1",
                         nullptr, nullptr, nullptr);
            sqlite3_close(db);
        }
        {
            auto reader = Workspace::open(dir, Workspace::Access::ReadOnly);   // read as it is
            QCOMPARE(reader->schemaVersion(), 1);
            QCOMPARE(ModelRegistry(*reader).versions().size(), size_t(0));
            QVERIFY(!ModelRegistry(*reader).activeVersion());
        }
        auto ws = Workspace::open(dir, Workspace::Access::ReadWrite);   // upgraded by the writer
        QCOMPARE(ws->schemaVersion(), kWorkspaceSchemaVersion);
        ModelRegistry r(*ws);
        QCOMPARE(r.addVersion({}, writePackage), 1);
    }
};

QTEST_GUILESS_MAIN(TestModelRegistry)
#include "tst_model_registry.moc"
