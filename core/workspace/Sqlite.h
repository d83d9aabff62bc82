#pragma once
// A thin RAII layer over SQLite's C API: a connection, prepared statements with bound values, and
// transactions that roll back unless committed. Errors throw WorkspaceError with SQLite's message.
#include "WorkspaceError.h"

#include <cstdint>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace boneage::sql {

class Database {
public:
    enum class Mode { ReadWrite, ReadWriteCreate, ReadOnly, Immutable };
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(const std::string& sql);   // one or more statements without parameters
    sqlite3* handle() const { return db_; }
    std::int64_t lastInsertId() const;
    int changes() const;
    [[noreturn]] void fail(const std::string& what, int code) const;

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

class Statement {
public:
    Statement(Database& db, const std::string& sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, const char* value) { return bind(index, std::string(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bindNull(int index);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    bool step();            // true: a row is ready; false: done
    void run();             // steps to the end (INSERT/UPDATE/DELETE)
    void reset();           // for another run with new bindings

    bool isNull(int column) const;
    std::string text(int column) const;
    double real(int column) const;
    std::int64_t integer(int column) const;
    std::optional<std::string> optText(int column) const;
    std::optional<double> optReal(int column) const;

private:
    Database& db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE (the write lock is taken at once, so that a conflict shows up before any work);
// rolled back by the destructor unless commit() ran.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

} // namespace boneage::sql
