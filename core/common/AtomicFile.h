#pragma once
// Writing files so that a crash or a full disk never leaves a half-written result where a good one
// was: the content goes to a temporary beside the target, which is flushed and renamed over the
// target only when complete.
//
// Temporaries are named ".NAME.tmp-PID-RAND" (the file or folder being written) and
// ".NAME.old-PID-RAND" (the previous folder, moved aside for the instant of the swap). A process
// killed with -9 leaves them behind; every write of NAME first clears those of dead writers
// (removeStaleTemporaries), so they never pile up and never pass for an output.
#include <functional>
#include <string>
#include <vector>

namespace boneage {

// Calls write(temporaryPath) and then renames it to `path`; removes the temporary file on failure.
void writeFileAtomically(const std::string& path, const std::function<void(const std::string&)>& write);
void writeTextAtomically(const std::string& path, const std::string& content);

// A folder built under a temporary name beside `path` and then swapped in whole: readers see the
// old folder or the new one, never a half-written one. Destroyed without commit(), the temporary
// is removed (a failed or cancelled run leaves nothing).
class DirectoryBeingWritten {
public:
    explicit DirectoryBeingWritten(const std::string& path);   // creates the (empty) temporary folder
    ~DirectoryBeingWritten();
    DirectoryBeingWritten(const DirectoryBeingWritten&) = delete;
    DirectoryBeingWritten& operator=(const DirectoryBeingWritten&) = delete;

    const std::string& temporary() const { return tmp_; }
    // Flushes the temporary's files to disk and puts it in place of `path`. A folder already there
    // is first moved aside and shown to `checkExisting` (e.g. "holds only what this command
    // writes"): when that throws, the folder goes back untouched and the exception propagates;
    // otherwise the old folder is deleted after the swap.
    void commit(const std::function<void(const std::string& existing)>& checkExisting = {});

private:
    std::string target_, tmp_, old_;
    bool committed_ = false;
};

// fill(temporaryFolder), then DirectoryBeingWritten::commit(checkExisting).
void replaceDirectoryAtomically(const std::string& path, const std::function<void(const std::string&)>& fill,
                                const std::function<void(const std::string& existing)>& checkExisting = {});

// Clears the temporaries of `path` (named as above) whose writer is gone, and returns their names.
// A temporary is stale when the PID in its name
//   - is not a running process (a zombie is not running), or
//   - is a running process that started more than kPidReuseMarginSeconds after the temporary last
//     changed (st_ctime: creating, filling and renaming it all set that): the writer died and the
//     PID was reused since, so the temporary cannot be that process's.
// A temporary of a running process that is not older than it is kept: it may be a live write.
// A stale ".old" folder with nothing at `path` is renamed back to `path` (its writer died between
// moving it aside and putting the new folder in place); with something at `path` it is deleted. A
// stale ".tmp" is deleted: it was never finished. Failures are ignored (best effort; a write never
// fails because of them).
std::vector<std::string> removeStaleTemporaries(const std::string& path);

inline constexpr double kPidReuseMarginSeconds = 10;   // clock granularity and NTP steps since boot

// The rule above for one temporary; times in seconds since the epoch, writerStarted NaN if unknown
// (then a running writer keeps its temporary).
bool temporaryIsStale(bool writerRunning, double writerStarted, double temporaryChanged);

} // namespace boneage
