#pragma once
// What goes wrong with a workspace, written for the person at the keyboard: it names the workspace
// or the case (never the patient) and says what to do.
#include <stdexcept>
#include <string>

namespace boneage {

class WorkspaceError : public std::runtime_error {
public:
    enum class Reason {
        NotAWorkspace,   // the folder has no workspace database
        Exists,          // init on a folder that already holds something
        Locked,          // another program has the workspace open
        NewerSchema,     // made by a newer version of the program
        Unreadable,      // damaged database, no permission
        ReadOnly,        // the folder or the database cannot be written
        DiskFull,
        UnknownCase,
        InvalidValue,    // a reading or an annotation value out of range
        Storage,         // any other SQLite or file system failure
    };
    WorkspaceError(Reason reason, const std::string& message) : std::runtime_error(message), reason_(reason) {}
    Reason reason() const noexcept { return reason_; }

private:
    Reason reason_;
};

} // namespace boneage
