#pragma once
// A workspace: a folder with one SQLite database (workspace.sqlite, WAL, one transaction per edit,
// a schema version with migrations) and the imported films (films/CASE.EXT). Cases are keyed by the
// film's content (SHA-256) and, for DICOM, its SOP Instance UID: importing a film twice gives the
// same case. Each case keeps its model assessments, every reader's readings and every reader's
// annotation (CaseAnnotation, stored item by item).
//
// One program at a time writes a workspace: opening it for writing takes an exclusive lock
// (workspace.lock, flock); a second writer is refused with a message, readers (list, stats, export)
// need no lock (WAL gives them a consistent snapshot). Patient data stays in the database: messages
// name the case id, never the patient.
#include "CaseAnnotation.h"
#include "WorkspaceError.h"

#include "imaging/Radiograph.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace boneage {

namespace sql {
class Database;
}

inline constexpr int kWorkspaceSchemaVersion = 2;   // the number of migrations (WorkspaceSchema.cpp)

struct CaseRecord {
    std::string id;                 // 16 hex digits of the film's SHA-256
    std::string sha256;
    std::string sopInstanceUid;     // DICOM only
    std::string film;               // relative to the workspace: films/ID.EXT
    std::string originalName;       // the file name it was imported from (no folder)
    std::string format;             // DICOM, PNG, JPEG, TIFF, JPEG 2000
    int width = 0, height = 0;
    Sex sex = Sex::Unknown;
    std::string sexSource;          // "film", "labels", "import"
    std::optional<Date> birthDate, studyDate;
    std::optional<double> ageMonths;
    std::string ageSource;          // "dates", "PatientAge", ""
    std::string patientId, patientName;   // stay inside the workspace
    std::string importedAt;         // ISO 8601 UTC
};

enum class ReadingMethod { Gp, Tw3, Other };
const char* toString(ReadingMethod method);   // "gp", "tw3", "other"
std::optional<ReadingMethod> parseReadingMethod(const std::string& text);

struct Reading {
    std::int64_t id = 0;
    std::string caseId, reader;
    double boneAgeMonths = 0;
    ReadingMethod method = ReadingMethod::Gp;
    std::string confidence;         // "low", "medium", "high" or ""
    std::string comment;
    std::string createdAt;
};

struct StoredAssessment {
    std::int64_t id = 0;
    std::string caseId;
    std::string packageId, packageSha256;   // the ensemble's id and the digest of its weights
    std::optional<double> boneAgeMonths;    // none when the estimate was withheld
    std::string resultJson;                 // the assessment as `boneage assess --json` writes it
    std::string createdAt;
};

// new: nothing yet; assessed: a model result; annotated: a reader reviewed the annotation; read:
// one reader's reading; double-read: readings of two or more readers.
enum class CaseStatus { New, Assessed, Annotated, Read, DoubleRead };
const char* toString(CaseStatus status);   // "new", "assessed", "annotated", "read", "double-read"
std::optional<CaseStatus> parseCaseStatus(const std::string& text);

struct CaseSummary {
    CaseRecord record;
    CaseStatus status = CaseStatus::New;
    int readingCount = 0, readerCount = 0, assessmentCount = 0;
    std::optional<double> modelBoneAgeMonths;   // the latest assessment's estimate
    std::optional<double> meanReadingMonths;    // mean of each reader's latest reading
    bool annotated = false;
};

struct ImportOptions {
    std::optional<Sex> sex;                     // for films without one (the film's own wins)
    std::string sexSource = "import";
    std::optional<double> labelBoneAgeMonths;   // recorded as a reading by labelReader
    std::string labelReader;
    ReadingMethod labelMethod = ReadingMethod::Gp;
};

struct ImportOutcome {
    enum class Kind { Added, AlreadyThere, Refused };
    Kind kind = Kind::Refused;
    std::string caseId;
    std::string message;    // Refused: why (names the file); AlreadyThere: what matched
    bool readingAdded = false;
};

class Workspace {
public:
    enum class Access { ReadOnly, ReadWrite };

    // Creates a workspace in `dir` (made if missing; refused if it holds anything).
    static void init(const std::string& dir);
    // Throws WorkspaceError: not a workspace, locked by another program, newer schema, unreadable.
    static std::unique_ptr<Workspace> open(const std::string& dir, Access access);
    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    const std::string& dir() const { return dir_; }
    int schemaVersion() const { return schemaVersion_; }
    bool isWritable() const { return access_ == Access::ReadWrite; }

    // Checks and copies one film in and records it (one transaction). Input it cannot use is
    // Refused with the loader's message; nothing is written for it.
    ImportOutcome importFilm(const std::string& path, const ImportOptions& options = {});

    std::vector<CaseSummary> listCases() const;
    std::optional<CaseRecord> findCase(const std::string& id) const;
    // Absolute path of the case's film.
    std::string filmPath(const CaseRecord& record) const;
    // The case imported from a file of that name (without extension), e.g. an RSNA id; empty if none.
    std::vector<std::string> casesNamed(const std::string& stem) const;

    // Throws WorkspaceError(InvalidValue) for a bone age outside 0-240 months or an empty reader.
    std::int64_t addReading(const Reading& reading);
    std::vector<Reading> readings(const std::string& caseId = {}) const;   // all cases when empty

    std::int64_t addAssessment(const StoredAssessment& assessment);
    std::vector<StoredAssessment> assessments(const std::string& caseId = {}) const;

    // The reader's annotation: the template with the stored items filled in.
    CaseAnnotation annotation(const std::string& caseId, const std::string& reader) const;
    std::vector<std::string> annotators(const std::string& caseId) const;
    // One item, one transaction (an edit in the workstation). Sets item.updatedAt.
    void saveItem(const std::string& caseId, const std::string& reader, const AnnotationItem& item);
    // Every item of the annotation in one transaction (an import, a new model proposal).
    void saveAnnotation(const CaseAnnotation& annotation);

private:
    friend class ModelRegistry;
    Workspace(std::string dir, Access access);
    void migrate();
    void removeLeftovers();
    CaseRecord requireCase(const std::string& id) const;

    std::string dir_;
    Access access_;
    int lockFd_ = -1;
    int schemaVersion_ = 0;
    std::unique_ptr<sql::Database> db_;
};

std::string workspaceDatabasePath(const std::string& dir);
// Current time, ISO 8601 UTC with milliseconds ("2026-11-29T23:59:01.123Z").
std::string utcNow();

} // namespace boneage
