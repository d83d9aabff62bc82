#include "Workspace.h"
#include "Sqlite.h"
#include "WorkspaceSchema.h"

#include "common/AtomicFile.h"
#include "common/Sha256.h"
#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace boneage {

namespace {

using Reason = WorkspaceError::Reason;

const char* kDatabaseName = "workspace.sqlite";
const char* kLockName = "workspace.lock";
const char* kFilmsFolder = "films";

std::string lowered(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The extension a film keeps in the workspace: its own when it has a known one, else one for its format.
std::string filmExtension(const std::string& path, const std::string& format)
{
    const std::string ext = lowered(fs::path(path).extension().string());
    static const std::set<std::string> known = {".dcm", ".dicom", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".j2k", ".jp2", ".j2c"};
    if (known.count(ext)) return ext;
    if (format == "DICOM") return ".dcm";
    if (format == "PNG") return ".png";
    if (format == "JPEG") return ".jpg";
    if (format == "TIFF") return ".tif";
    return ".j2k";
}

std::string describeOpenFailure(const std::string& dir, const WorkspaceError& e)
{
    return dir + " cannot be opened as a workspace: " + e.what();
}

CaseRecord caseFrom(const sql::Statement& q)
{
    // Column order of kCaseColumns.
    CaseRecord c;
    c.id = q.text(0);
    c.sha256 = q.text(1);
    c.sopInstanceUid = q.optText(2).value_or("");
    c.film = q.text(3);
    c.originalName = q.text(4);
    c.format = q.text(5);
    c.width = static_cast<int>(q.integer(6));
    c.height = static_cast<int>(q.integer(7));
    c.sex = q.text(8) == "M" ? Sex::Male : Sex::Female;
    c.sexSource = q.text(9);
    if (auto d = q.optText(10)) c.birthDate = Date::fromIso(*d);
    if (auto d = q.optText(11)) c.studyDate = Date::fromIso(*d);
    c.ageMonths = q.optReal(12);
    c.ageSource = q.text(13);
    c.patientId = q.text(14);
    c.patientName = q.text(15);
    c.importedAt = q.text(16);
    return c;
}
const char* kCaseColumns = "id, sha256, sop_instance_uid, film, original_name, format, width, height, sex, sex_source, "
                           "birth_date, study_date, age_months, age_source, patient_id, patient_name, imported_at";

Reading readingFrom(const sql::Statement& q)
{
    Reading r;
    r.id = q.integer(0);
    r.caseId = q.text(1);
    r.reader = q.text(2);
    r.boneAgeMonths = q.real(3);
    r.method = parseReadingMethod(q.text(4)).value_or(ReadingMethod::Other);
    r.confidence = q.text(5);
    r.comment = q.text(6);
    r.createdAt = q.text(7);
    return r;
}
const char* kReadingColumns = "id, case_id, reader, bone_age_months, method, confidence, comment, created_at";

std::string number(double v)
{
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return b;
}

std::string trimmed(const std::string& s)
{
    const auto a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return {};
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

void checkReading(const Reading& r)
{
    if (trimmed(r.reader).empty()) throw WorkspaceError(Reason::InvalidValue, "a reading needs the reader's name");
    if (!std::isfinite(r.boneAgeMonths) || r.boneAgeMonths < 0 || r.boneAgeMonths > 240)
        throw WorkspaceError(Reason::InvalidValue, "a bone age of " + number(r.boneAgeMonths) +
                                                       " months is outside 0-240 months (0-20 years); check the value "
                                                       "(in months, not years)");
    if (!(r.confidence.empty() || r.confidence == "low" || r.confidence == "medium" || r.confidence == "high"))
        throw WorkspaceError(Reason::InvalidValue, "confidence must be low, medium or high, not '" + r.confidence + "'");
}

void checkItem(const AnnotationItem& item)
{
    const CaseAnnotation reference = CaseAnnotation::emptyTemplate("", "");
    if (!reference.find(item.kind, item.name))
        throw WorkspaceError(Reason::InvalidValue, std::string("'") + item.name + "' is not a " + toString(item.kind) +
                                                       " of the annotation template");
    if (!std::isfinite(item.x) || !std::isfinite(item.y) || !std::isfinite(item.w) || !std::isfinite(item.h) ||
        item.w < 0 || item.h < 0)
        throw WorkspaceError(Reason::InvalidValue, "the position of " + item.name + " is not valid");
    if (item.stage && (item.kind != ItemKind::Roi || !isTw3Stage(item.stage)))
        throw WorkspaceError(Reason::InvalidValue, "a TW3 stage is a letter A-I on an ROI");
}

struct CopyFailed : std::runtime_error {
    CopyFailed(const std::string& what, int e) : std::runtime_error(what + ": " + std::strerror(e)), error(e) {}
    int error;
};

// Copies `from` to `to` and flushes it to disk; throws CopyFailed with the errno.
void copyFile(const std::string& from, const std::string& to)
{
    struct Fd {
        int fd;
        ~Fd()
        {
            if (fd >= 0) ::close(fd);
        }
    };
    Fd in{::open(from.c_str(), O_RDONLY | O_CLOEXEC)};
    if (in.fd < 0) throw CopyFailed("cannot read the film", errno);
    Fd out{::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
    if (out.fd < 0) throw CopyFailed("cannot create the copy", errno);
    std::vector<char> buffer(1 << 20);
    for (;;) {
        const ssize_t n = ::read(in.fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw CopyFailed("cannot read the film", errno);
        if (n == 0) break;
        for (ssize_t done = 0; done < n;) {
            const ssize_t k = ::write(out.fd, buffer.data() + done, static_cast<std::size_t>(n - done));
            if (k < 0 && errno == EINTR) continue;
            if (k < 0) throw CopyFailed("cannot write the copy", errno);
            done += k;
        }
    }
    if (::fsync(out.fd) != 0) throw CopyFailed("cannot write the copy", errno);
}

} // namespace

const char* toString(ReadingMethod method)
{
    switch (method) {
    case ReadingMethod::Gp: return "gp";
    case ReadingMethod::Tw3: return "tw3";
    case ReadingMethod::Other: return "other";
    }
    return "other";
}

std::optional<ReadingMethod> parseReadingMethod(const std::string& text)
{
    const std::string t = lowered(text);
    if (t == "gp") return ReadingMethod::Gp;
    if (t == "tw3") return ReadingMethod::Tw3;
    if (t == "other") return ReadingMethod::Other;
    return std::nullopt;
}

const char* toString(CaseStatus status)
{
    switch (status) {
    case CaseStatus::New: return "new";
    case CaseStatus::Assessed: return "assessed";
    case CaseStatus::Annotated: return "annotated";
    case CaseStatus::Read: return "read";
    case CaseStatus::DoubleRead: return "double-read";
    }
    return "new";
}

std::optional<CaseStatus> parseCaseStatus(const std::string& text)
{
    for (CaseStatus s : {CaseStatus::New, CaseStatus::Assessed, CaseStatus::Annotated, CaseStatus::Read, CaseStatus::DoubleRead})
        if (text == toString(s)) return s;
    return std::nullopt;
}

std::string workspaceDatabasePath(const std::string& dir) { return (fs::path(dir) / kDatabaseName).string(); }

std::string utcNow()
{
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[80];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buffer;
}

// ---- Opening ------------------------------------------------------------------------------------

void Workspace::init(const std::string& dir)
{
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec))
            throw WorkspaceError(Reason::Exists, dir + " is a file; give a new or empty folder for the workspace");
        if (fs::exists(workspaceDatabasePath(dir), ec))
            throw WorkspaceError(Reason::Exists, dir + " is already a workspace");
        if (!fs::is_empty(dir, ec))
            throw WorkspaceError(Reason::Exists, dir + " holds other files; give a new or empty folder for the workspace");
    }
    fs::create_directories(fs::path(dir) / kFilmsFolder, ec);
    if (ec) throw WorkspaceError(Reason::ReadOnly, dir + ": cannot create the workspace folder (" + ec.message() + ")");
    // The schema is made in one transaction by migrate(): a kill here leaves an empty database,
    // which the next open completes.
    {
        sql::Database created(workspaceDatabasePath(dir), sql::Database::Mode::ReadWriteCreate);
        created.exec("PRAGMA journal_mode=WAL");
    }
    auto ws = open(dir, Access::ReadWrite);
}

Workspace::Workspace(std::string dir, Access access) : dir_(std::move(dir)), access_(access) {}

Workspace::~Workspace()
{
    db_.reset();
    if (lockFd_ >= 0) ::close(lockFd_);   // releases the flock
}

std::unique_ptr<Workspace> Workspace::open(const std::string& dir, Access access)
{
    std::error_code ec;
    const std::string database = workspaceDatabasePath(dir);
    if (!fs::is_directory(dir, ec))
        throw WorkspaceError(Reason::NotAWorkspace, dir + " does not exist or is not a folder; create a workspace with "
                                                          "`boneage workspace init " + dir + "`");
    if (!fs::exists(database, ec))
        throw WorkspaceError(Reason::NotAWorkspace, dir + " is not a workspace (it has no " + kDatabaseName +
                                                          "); create one with `boneage workspace init FOLDER`");
    std::unique_ptr<Workspace> ws(new Workspace(dir, access));
    const bool folderWritable = ::access(dir.c_str(), W_OK) == 0 && ::access(database.c_str(), W_OK) == 0;
    if (access == Access::ReadWrite) {
        if (!folderWritable)
            throw WorkspaceError(Reason::ReadOnly, dir + " is read-only (the folder or its database cannot be written); "
                                                         "ask for write permission or copy the workspace somewhere writable");
        const std::string lock = (fs::path(dir) / kLockName).string();
        ws->lockFd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (ws->lockFd_ < 0)
            throw WorkspaceError(Reason::ReadOnly, lock + ": cannot create the lock file (" + std::strerror(errno) + ")");
        if (::flock(ws->lockFd_, LOCK_EX | LOCK_NB) != 0) {
            char holder[32] = {};
            const ssize_t n = ::pread(ws->lockFd_, holder, sizeof holder - 1, 0);
            const std::string pid = n > 0 ? trimmed(std::string(holder, static_cast<std::size_t>(n))) : "";
            throw WorkspaceError(Reason::Locked, dir + " is open in another program" +
                                                     (pid.empty() ? std::string() : " (process " + pid + ")") +
                                                     "; close the workspace there first, or wait until that program "
                                                     "has finished");
        }
        const std::string me = std::to_string(::getpid()) + "\n";
        if (::ftruncate(ws->lockFd_, 0) != 0 || ::pwrite(ws->lockFd_, me.data(), me.size(), 0) < 0) {
            // The PID is only for the message; the lock holds without it.
        }
    }
    try {
        using Mode = sql::Database::Mode;
        ws->db_ = std::make_unique<sql::Database>(database, access == Access::ReadWrite ? Mode::ReadWrite
                                                            : folderWritable              ? Mode::ReadOnly
                                                                                          : Mode::Immutable);
        int v = 0;
        {
            sql::Statement version(*ws->db_, "PRAGMA user_version");
            version.step();
            v = static_cast<int>(version.integer(0));
        }
        if (v > kWorkspaceSchemaVersion)
            throw WorkspaceError(Reason::NewerSchema,
                                 dir + " was written by a newer version of Bone Age Workstation (workspace schema " +
                                     std::to_string(v) + "; this program reads up to " +
                                     std::to_string(kWorkspaceSchemaVersion) + "); update the program to open it");
        if (access == Access::ReadWrite) {
            ws->db_->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
            ws->migrate();
            ws->removeLeftovers();
            v = kWorkspaceSchemaVersion;
        } else if (v < 1) {
            throw WorkspaceError(Reason::NewerSchema, dir + " holds no workspace schema yet (its creation was interrupted); "
                                                          "open it once for writing (e.g. `boneage workspace import`) "
                                                          "to complete it");
        }
        // Read-only on an older schema: what it has is read; newer tables read as empty.
        ws->schemaVersion_ = v;
        // Reads the schema: a file that is not an SQLite database fails here.
        {
            sql::Statement probe(*ws->db_, "SELECT COUNT(*) FROM cases");
            probe.step();
        }
    } catch (const WorkspaceError& e) {
        if (e.reason() == Reason::NewerSchema || e.reason() == Reason::Locked || e.reason() == Reason::DiskFull) throw;
        throw WorkspaceError(e.reason() == Reason::Storage ? Reason::Unreadable : e.reason(), describeOpenFailure(dir, e));
    }
    return ws;
}

void Workspace::migrate()
{
    int from = 0;
    {
        sql::Statement version(*db_, "PRAGMA user_version");
        version.step();
        from = static_cast<int>(version.integer(0));
    }
    const auto& migrations = workspaceMigrations();
    if (from >= static_cast<int>(migrations.size())) return;
    sql::Transaction t(*db_);
    for (int v = from; v < static_cast<int>(migrations.size()); ++v) db_->exec(migrations[static_cast<std::size_t>(v)]);
    if (from == 0) {
        sql::Statement meta(*db_, "INSERT INTO meta(key, value) VALUES ('created_at', ?1), ('created_by', 'Bone Age Workstation')");
        meta.bind(1, utcNow()).run();
    }
    db_->exec("PRAGMA user_version=" + std::to_string(migrations.size()));
    t.commit();
}

// Films copied in by an import that was killed before its transaction committed: temporaries
// (".NAME.tmp-...") and finished copies that no case refers to. Only a writer that holds the lock
// gets here, so none of them can belong to a live import.
void Workspace::removeLeftovers()
{
    std::set<std::string> referenced;
    sql::Statement q(*db_, "SELECT film FROM cases");
    while (q.step()) referenced.insert(fs::path(q.text(0)).filename().string());
    std::error_code ec;
    const fs::path films = fs::path(dir_) / kFilmsFolder;
    fs::create_directories(films, ec);
    for (const auto& entry : fs::directory_iterator(films, ec)) {
        const std::string name = entry.path().filename().string();
        if (!referenced.count(name)) fs::remove_all(entry.path(), ec);
    }
}

// ---- Cases --------------------------------------------------------------------------------------

ImportOutcome Workspace::importFilm(const std::string& path, const ImportOptions& options)
{
    if (!isWritable()) throw WorkspaceError(Reason::ReadOnly, "the workspace was opened read-only");
    ImportOutcome out;
    Radiograph film;
    try {
        film = loadRadiograph(path);
    } catch (const InputError& e) {
        out.message = e.what();
        return out;
    }
    const std::string sha = sha256OfFile(path);
    const std::string& uid = film.metadata.sopInstanceUid;

    auto addLabel = [&](const std::string& caseId) {
        if (!options.labelBoneAgeMonths) return false;
        sql::Statement has(*db_, "SELECT 1 FROM readings WHERE case_id = ?1 AND reader = ?2");
        has.bind(1, caseId).bind(2, options.labelReader);
        if (has.step()) return false;   // importing the labels again adds nothing
        Reading r;
        r.caseId = caseId;
        r.reader = options.labelReader;
        r.boneAgeMonths = *options.labelBoneAgeMonths;
        r.method = options.labelMethod;
        r.comment = "imported from a labels file";
        addReading(r);
        return true;
    };

    sql::Statement same(*db_, "SELECT id, sha256 = ?1 FROM cases WHERE sha256 = ?1 OR (?2 <> '' AND sop_instance_uid = ?2)");
    same.bind(1, sha).bind(2, uid);
    if (same.step()) {
        out.kind = ImportOutcome::Kind::AlreadyThere;
        out.caseId = same.text(0);
        out.message = same.integer(1) ? "the same film is case " + out.caseId
                                      : "a film with the same SOP Instance UID is case " + out.caseId;
        out.readingAdded = addLabel(out.caseId);
        return out;
    }

    Sex sex = film.metadata.sex;
    std::string sexSource = "film";
    if (sex == Sex::Unknown && options.sex && *options.sex != Sex::Unknown) {
        sex = *options.sex;
        sexSource = options.sexSource;
    }
    if (sex == Sex::Unknown) {
        out.message = path + ": the film does not say the patient's sex, which the bone-age standards need; give it "
                             "with --sex M|F or a labels file (id,boneage,male)";
        return out;
    }

    const std::string id = sha.substr(0, 16);
    const std::string relative = std::string(kFilmsFolder) + "/" + id + filmExtension(path, film.metadata.format);
    const std::string target = (fs::path(dir_) / relative).string();
    try {
        writeFileAtomically(target, [&](const std::string& tmp) { copyFile(path, tmp); });
    } catch (const std::exception& e) {
        const auto* copy = dynamic_cast<const CopyFailed*>(&e);
        const bool full = copy && (copy->error == ENOSPC || copy->error == EFBIG || copy->error == EDQUOT);
        throw WorkspaceError(full ? Reason::DiskFull : Reason::Storage,
                             dir_ + ": cannot copy the film in (" + e.what() + ")" +
                                 (full ? "; the disk is full: free some space and import again" : ""));
    }
    try {
        sql::Transaction t(*db_);
        const RadiographMetadata& m = film.metadata;
        sql::Statement insert(*db_, std::string("INSERT INTO cases(") + kCaseColumns +
                                        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
        insert.bind(1, id).bind(2, sha);
        if (uid.empty()) insert.bindNull(3);
        else insert.bind(3, uid);
        insert.bind(4, relative).bind(5, fs::path(path).filename().string()).bind(6, m.format);
        insert.bind(7, film.width()).bind(8, film.height()).bind(9, sex == Sex::Male ? "M" : "F").bind(10, sexSource);
        if (m.birthDate) insert.bind(11, m.birthDate->toIso());
        else insert.bindNull(11);
        if (m.studyDate) insert.bind(12, m.studyDate->toIso());
        else insert.bindNull(12);
        insert.bind(13, m.chronologicalAgeMonths).bind(14, m.chronologicalAgeSource);
        insert.bind(15, m.patientId).bind(16, m.patientName).bind(17, utcNow());
        insert.run();
        out.readingAdded = addLabel(id);
        t.commit();
    } catch (...) {
        std::error_code ec;
        fs::remove(target, ec);
        throw;
    }
    out.kind = ImportOutcome::Kind::Added;
    out.caseId = id;
    return out;
}

std::vector<CaseSummary> Workspace::listCases() const
{
    // The latest reading of each reader counts (a reader may correct a reading by reading again).
    std::map<std::string, std::map<std::string, double>> latest;   // case -> reader -> months
    {
        sql::Statement q(*db_, "SELECT case_id, reader, bone_age_months FROM readings ORDER BY id");
        while (q.step()) latest[q.text(0)][q.text(1)] = q.real(2);
    }
    std::vector<CaseSummary> out;
    sql::Statement q(*db_, std::string("SELECT ") + kCaseColumns + R"sql(,
        (SELECT COUNT(*) FROM readings r WHERE r.case_id = cases.id),
        (SELECT COUNT(*) FROM assessments a WHERE a.case_id = cases.id),
        (SELECT a.bone_age_months FROM assessments a WHERE a.case_id = cases.id ORDER BY a.id DESC LIMIT 1),
        EXISTS (SELECT 1 FROM annotation_items i WHERE i.case_id = cases.id AND i.state <> 'proposed')
      FROM cases ORDER BY imported_at, id)sql");
    while (q.step()) {
        CaseSummary s;
        s.record = caseFrom(q);
        s.readingCount = static_cast<int>(q.integer(17));
        s.assessmentCount = static_cast<int>(q.integer(18));
        s.modelBoneAgeMonths = q.optReal(19);
        s.annotated = q.integer(20) != 0;
        if (auto it = latest.find(s.record.id); it != latest.end()) {
            s.readerCount = static_cast<int>(it->second.size());
            double sum = 0;
            for (const auto& [reader, months] : it->second) sum += months;
            s.meanReadingMonths = sum / static_cast<double>(it->second.size());
        }
        s.status = s.readerCount >= 2 ? CaseStatus::DoubleRead
                   : s.readerCount == 1 ? CaseStatus::Read
                   : s.annotated        ? CaseStatus::Annotated
                   : s.assessmentCount  ? CaseStatus::Assessed
                                        : CaseStatus::New;
        out.push_back(std::move(s));
    }
    return out;
}

std::optional<CaseRecord> Workspace::findCase(const std::string& id) const
{
    sql::Statement q(*db_, std::string("SELECT ") + kCaseColumns + " FROM cases WHERE id = ?1");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return caseFrom(q);
}

CaseRecord Workspace::requireCase(const std::string& id) const
{
    if (auto c = findCase(id)) return *c;
    throw WorkspaceError(Reason::UnknownCase, dir_ + " has no case " + id + " (see `boneage workspace list " + dir_ + "`)");
}

std::string Workspace::filmPath(const CaseRecord& record) const { return (fs::path(dir_) / record.film).string(); }

std::vector<std::string> Workspace::casesNamed(const std::string& stem) const
{
    std::vector<std::string> out;
    sql::Statement q(*db_, "SELECT id, original_name FROM cases ORDER BY id");
    while (q.step())
        if (fs::path(q.text(1)).stem().string() == stem) out.push_back(q.text(0));
    return out;
}

// ---- Readings and assessments -------------------------------------------------------------------

std::int64_t Workspace::addReading(const Reading& reading)
{
    if (!isWritable()) throw WorkspaceError(Reason::ReadOnly, "the workspace was opened read-only");
    checkReading(reading);
    requireCase(reading.caseId);
    sql::Statement q(*db_, "INSERT INTO readings(case_id, reader, bone_age_months, method, confidence, comment, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    q.bind(1, reading.caseId).bind(2, trimmed(reading.reader)).bind(3, reading.boneAgeMonths);
    q.bind(4, toString(reading.method)).bind(5, reading.confidence).bind(6, reading.comment).bind(7, utcNow());
    q.run();   // one statement: its own transaction when none is open
    return db_->lastInsertId();
}

std::vector<Reading> Workspace::readings(const std::string& caseId) const
{
    std::vector<Reading> out;
    sql::Statement q(*db_, std::string("SELECT ") + kReadingColumns + " FROM readings" +
                               (caseId.empty() ? "" : " WHERE case_id = ?1") + " ORDER BY id");
    if (!caseId.empty()) q.bind(1, caseId);
    while (q.step()) out.push_back(readingFrom(q));
    return out;
}

std::int64_t Workspace::addAssessment(const StoredAssessment& a)
{
    if (!isWritable()) throw WorkspaceError(Reason::ReadOnly, "the workspace was opened read-only");
    requireCase(a.caseId);
    sql::Statement q(*db_, "INSERT INTO assessments(case_id, package_id, package_sha256, bone_age_months, result_json, "
                           "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    q.bind(1, a.caseId).bind(2, a.packageId).bind(3, a.packageSha256).bind(4, a.boneAgeMonths);
    q.bind(5, a.resultJson).bind(6, utcNow());
    q.run();
    return db_->lastInsertId();
}

std::vector<StoredAssessment> Workspace::assessments(const std::string& caseId) const
{
    std::vector<StoredAssessment> out;
    sql::Statement q(*db_, std::string("SELECT id, case_id, package_id, package_sha256, bone_age_months, result_json, "
                                       "created_at FROM assessments") +
                               (caseId.empty() ? "" : " WHERE case_id = ?1") + " ORDER BY id");
    if (!caseId.empty()) q.bind(1, caseId);
    while (q.step())
        out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.optReal(4), q.text(5), q.text(6)});
    return out;
}

// ---- Annotations --------------------------------------------------------------------------------

CaseAnnotation Workspace::annotation(const std::string& caseId, const std::string& reader) const
{
    CaseAnnotation a = CaseAnnotation::emptyTemplate(caseId, reader);
    sql::Statement q(*db_, "SELECT kind, name, placed, x, y, w, h, state, stage, locked, updated_at FROM annotation_items "
                           "WHERE case_id = ?1 AND reader = ?2");
    q.bind(1, caseId).bind(2, reader);
    while (q.step()) {
        AnnotationItem* item = a.find(q.text(0) == "roi" ? ItemKind::Roi : ItemKind::Keypoint, q.text(1));
        if (!item) continue;   // an item of an older template
        item->placed = q.integer(2) != 0;
        item->x = q.real(3), item->y = q.real(4), item->w = q.real(5), item->h = q.real(6);
        item->state = parseItemState(q.text(7)).value_or(ItemState::Proposed);
        const std::string stage = q.text(8);
        item->stage = stage.empty() ? 0 : stage[0];
        item->locked = q.integer(9) != 0;
        item->updatedAt = q.text(10);
    }
    return a;
}

std::vector<std::string> Workspace::annotators(const std::string& caseId) const
{
    std::vector<std::string> out;
    sql::Statement q(*db_, "SELECT DISTINCT reader FROM annotation_items WHERE case_id = ?1 ORDER BY reader");
    q.bind(1, caseId);
    while (q.step()) out.push_back(q.text(0));
    return out;
}

namespace {
void writeItem(sql::Database& db, const std::string& caseId, const std::string& reader, const AnnotationItem& item,
               const std::string& now)
{
    checkItem(item);
    const bool empty = !item.placed && item.state == ItemState::Proposed && !item.stage && !item.locked;
    if (empty) {   // a cleared item of the template: nothing to keep
        sql::Statement del(db, "DELETE FROM annotation_items WHERE case_id = ?1 AND reader = ?2 AND kind = ?3 AND name = ?4");
        del.bind(1, caseId).bind(2, reader).bind(3, toString(item.kind)).bind(4, item.name).run();
        return;
    }
    sql::Statement q(db, R"sql(INSERT INTO annotation_items(case_id, reader, kind, name, placed, x, y, w, h, state, stage,
        locked, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
        ON CONFLICT (case_id, reader, kind, name) DO UPDATE SET placed = excluded.placed, x = excluded.x, y = excluded.y,
        w = excluded.w, h = excluded.h, state = excluded.state, stage = excluded.stage, locked = excluded.locked,
        updated_at = excluded.updated_at)sql");
    q.bind(1, caseId).bind(2, reader).bind(3, toString(item.kind)).bind(4, item.name).bind(5, item.placed ? 1 : 0);
    q.bind(6, item.x).bind(7, item.y).bind(8, item.w).bind(9, item.h).bind(10, toString(item.state));
    q.bind(11, item.stage ? std::string(1, item.stage) : std::string()).bind(12, item.locked ? 1 : 0).bind(13, now);
    q.run();
}
} // namespace

void Workspace::saveItem(const std::string& caseId, const std::string& reader, const AnnotationItem& item)
{
    if (!isWritable()) throw WorkspaceError(Reason::ReadOnly, "the workspace was opened read-only");
    if (trimmed(reader).empty()) throw WorkspaceError(Reason::InvalidValue, "an annotation needs the reader's name");
    requireCase(caseId);
    sql::Transaction t(*db_);
    writeItem(*db_, caseId, trimmed(reader), item, utcNow());
    t.commit();
}

void Workspace::saveAnnotation(const CaseAnnotation& annotation)
{
    if (!isWritable()) throw WorkspaceError(Reason::ReadOnly, "the workspace was opened read-only");
    if (trimmed(annotation.reader).empty()) throw WorkspaceError(Reason::InvalidValue, "an annotation needs the reader's name");
    requireCase(annotation.caseId);
    const std::string now = utcNow();
    sql::Transaction t(*db_);
    for (const AnnotationItem& item : annotation.items) writeItem(*db_, annotation.caseId, trimmed(annotation.reader), item, now);
    t.commit();
}

} // namespace boneage
