#include "Sqlite.h"

#include <sqlite3.h>

#include <cerrno>

namespace boneage::sql {

namespace {
WorkspaceError::Reason reasonOf(int code, int systemErrno = 0)
{
    // A write refused by the file system for want of space (or past the process's file size
    // limit) reaches SQLite as an I/O error.
    if (systemErrno == ENOSPC || systemErrno == EFBIG || systemErrno == EDQUOT) return WorkspaceError::Reason::DiskFull;
    switch (code & 0xff) {
    case SQLITE_FULL: return WorkspaceError::Reason::DiskFull;
    case SQLITE_READONLY: return WorkspaceError::Reason::ReadOnly;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT: return WorkspaceError::Reason::Unreadable;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return WorkspaceError::Reason::Locked;
    default: return WorkspaceError::Reason::Storage;
    }
}
} // namespace

Database::Database(const std::string& path, Mode mode) : path_(path)
{
    int flags = SQLITE_OPEN_NOMUTEX;
    std::string name = path;
    switch (mode) {
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::Immutable:
        // A read-only folder: no -wal/-shm can be made, so the file is read as it is.
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        name = "file:" + path + "?immutable=1";
        break;
    }
    const int rc = sqlite3_open_v2(name.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw WorkspaceError(reasonOf(rc), path + ": cannot open the workspace database (" + message + ")");
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::fail(const std::string& what, int code) const
{
    const std::string message = sqlite3_errmsg(db_);
    const auto reason = reasonOf(code, sqlite3_system_errno(db_));
    std::string advice;
    if (reason == WorkspaceError::Reason::DiskFull) advice = "; the disk is full: free some space and try again";
    if (reason == WorkspaceError::Reason::ReadOnly) advice = "; the workspace cannot be written (read-only folder or file)";
    if (reason == WorkspaceError::Reason::Unreadable) advice = "; the database is damaged or not readable";
    throw WorkspaceError(reason, path_ + ": " + what + " failed (" + message + ")" + advice);
}

void Database::exec(const std::string& sql)
{
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    sqlite3_free(error);
    if (rc != SQLITE_OK) fail("a database statement", rc);
}

std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

Statement::Statement(Database& db, const std::string& sql) : db_(db)
{
    const int rc = sqlite3_prepare_v2(db.handle(), sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) db_.fail("preparing a query", rc);
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, const std::string& value)
{
    const int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) db_.fail("binding a value", rc);
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    const int rc = sqlite3_bind_double(stmt_, index, value);
    if (rc != SQLITE_OK) db_.fail("binding a value", rc);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    const int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) db_.fail("binding a value", rc);
    return *this;
}

Statement& Statement::bindNull(int index)
{
    const int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) db_.fail("binding a value", rc);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_.fail("a database statement", rc);
}

void Statement::run()
{
    while (step()) {}
}

void Statement::reset()
{
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::string Statement::text(int column) const
{
    const auto* p = sqlite3_column_text(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
}

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }
std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
std::optional<std::string> Statement::optText(int column) const
{
    return isNull(column) ? std::nullopt : std::optional<std::string>(text(column));
}
std::optional<double> Statement::optReal(int column) const
{
    return isNull(column) ? std::nullopt : std::optional<double>(real(column));
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction()
{
    if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    db_.exec("COMMIT");
    done_ = true;
}

} // namespace boneage::sql
