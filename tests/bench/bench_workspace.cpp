// bench_workspace [cases=10000] [edits=500] [folder]: a generated workspace of that many cases
// (readings on 60 %, assessments on 80 %, a full annotation on 20 %), then the time to open it and
// list every case (the worklist), and to store one annotation edit (one transaction, fsync'd).
// Targets (issue 15): open + list under 1 s, an edit under 10 ms. Figures: docs/workspace.md.
#include "workspace/Workspace.h"

#include <sqlite3.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace boneage;
namespace fs = std::filesystem;

namespace {

double msSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

void exec(sqlite3* db, const std::string& sql)
{
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::fprintf(stderr, "bench_workspace: %s\n", error ? error : "sqlite error");
        std::exit(1);
    }
}

void generate(const std::string& dir, int cases)
{
    sqlite3* db = nullptr;
    sqlite3_open(workspaceDatabasePath(dir).c_str(), &db);
    exec(db, "BEGIN");
    sqlite3_stmt* c = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO cases(id, sha256, sop_instance_uid, film, original_name, format, width, height, sex, "
                           "sex_source, birth_date, study_date, age_months, age_source, patient_id, patient_name, imported_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, 'DICOM', 2048, 2500, ?6, 'film', '2012-03-01', '2024-05-02', ?7, "
                           "'dates', ?8, 'DOE^JANE', ?9)", -1, &c, nullptr);
    const CaseAnnotation shape = CaseAnnotation::emptyTemplate("", "");
    for (int i = 0; i < cases; ++i) {
        char id[17], sha[65], uid[64], film[40], name[32], pid[16], at[32];
        std::snprintf(id, sizeof id, "%016x", 0x1000000 + i * 7919);
        std::snprintf(sha, sizeof sha, "%s%048d", id, i);
        std::snprintf(uid, sizeof uid, "1.2.826.0.1.3680043.2.1143.%d", i);
        std::snprintf(film, sizeof film, "films/%s.dcm", id);
        std::snprintf(name, sizeof name, "%d.dcm", 100000 + i);
        std::snprintf(pid, sizeof pid, "P%07d", i);
        std::snprintf(at, sizeof at, "2026-11-%02dT10:%02d:%02d.000Z", 1 + i % 28, i / 60 % 60, i % 60);
        sqlite3_bind_text(c, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(c, 2, sha, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(c, 3, uid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(c, 4, film, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(c, 5, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(c, 6, i % 2 ? "M" : "F", -1, SQLITE_STATIC);
        sqlite3_bind_double(c, 7, 12 + i % 200);
        sqlite3_bind_text(c, 8, pid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(c, 9, at, -1, SQLITE_TRANSIENT);
        sqlite3_step(c);
        sqlite3_reset(c);
        const std::string q = std::string("'") + id + "'";
        if (i % 5 < 3)
            exec(db, "INSERT INTO readings(case_id, reader, bone_age_months, method, created_at) VALUES (" + q +
                         ", 'Dr A', " + std::to_string(10 + i % 200) + ", 'gp', '2026-11-29T00:00:00Z')");
        if (i % 10 == 0)
            exec(db, "INSERT INTO readings(case_id, reader, bone_age_months, method, created_at) VALUES (" + q +
                         ", 'Dr B', " + std::to_string(12 + i % 200) + ", 'tw3', '2026-11-29T00:00:00Z')");
        if (i % 5 < 4)
            exec(db, "INSERT INTO assessments(case_id, package_id, package_sha256, bone_age_months, result_json, created_at) "
                     "VALUES (" + q + ", 'ensemble(a+b)', 'ab', " + std::to_string(11 + i % 200) + ", '{\"models\":[]}', "
                     "'2026-11-29T00:00:00Z')");
        if (i % 5 == 0)
            for (const AnnotationItem& item : shape.items)
                exec(db, "INSERT INTO annotation_items(case_id, reader, kind, name, placed, x, y, w, h, state, updated_at) "
                         "VALUES (" + q + ", 'Dr A', '" + toString(item.kind) + "', '" + item.name +
                         "', 1, 100, 200, 40, 40, 'confirmed', '2026-11-29T00:00:00Z')");
    }
    sqlite3_finalize(c);
    exec(db, "COMMIT");
    sqlite3_close(db);
}

} // namespace

int main(int argc, char** argv)
{
    const int cases = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int edits = argc > 2 ? std::atoi(argv[2]) : 500;
    const std::string dir = argc > 3 ? argv[3] : (fs::temp_directory_path() / ("bench-workspace-" + std::to_string(::getpid()))).string();
    fs::remove_all(dir);
    Workspace::init(dir);
    auto t = std::chrono::steady_clock::now();
    generate(dir, cases);
    std::printf("generated %d cases in %.0f ms (%s, %.1f MB)\n", cases, msSince(t), dir.c_str(),
                fs::file_size(workspaceDatabasePath(dir)) / 1e6);

    std::vector<double> openList, openOnly;
    std::size_t listed = 0;
    for (int run = 0; run < 7; ++run) {
        t = std::chrono::steady_clock::now();
        auto ws = Workspace::open(dir, run % 2 ? Workspace::Access::ReadOnly : Workspace::Access::ReadWrite);
        openOnly.push_back(msSince(t));
        listed = ws->listCases().size();
        openList.push_back(msSince(t));
    }
    std::printf("open + list %zu cases: median %.0f ms, worst %.0f ms (open alone: median %.1f ms)   target < 1000 ms: %s\n",
                listed, percentile(openList, 0.5), percentile(openList, 1.0), percentile(openOnly, 0.5),
                percentile(openList, 1.0) < 1000 ? "met" : "MISSED");

    auto ws = Workspace::open(dir, Workspace::Access::ReadWrite);
    const std::string caseId = ws->listCases()[static_cast<std::size_t>(cases / 2)].record.id;
    CaseAnnotation a = ws->annotation(caseId, "Dr A");
    std::vector<double> editMs;
    for (int i = 0; i < edits; ++i) {
        AnnotationItem item = a.items[static_cast<std::size_t>(i) % a.items.size()];
        item.placed = true;
        item.x = 100 + i * 0.5;
        item.y = 200 + i * 0.25;
        item.state = ItemState::Corrected;
        t = std::chrono::steady_clock::now();
        ws->saveItem(caseId, "Dr A", item);
        editMs.push_back(msSince(t));
    }
    std::printf("annotation edit (one item, one transaction, synchronous=FULL): median %.2f ms, p95 %.2f ms, worst %.2f ms"
                "   target < 10 ms: %s\n",
                percentile(editMs, 0.5), percentile(editMs, 0.95), percentile(editMs, 1.0),
                percentile(editMs, 0.95) < 10 ? "met" : "MISSED");
    ws.reset();
    if (argc <= 3) fs::remove_all(dir);
    return 0;
}
