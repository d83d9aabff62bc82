#pragma once
// The one policy of every command that writes (docs/outputs.md), checked here:
//   1. Nothing the command did not write is ever deleted or replaced.
//   2. An output that exists is refused unless --overwrite; with it, only what the command writes
//      is replaced, each file or folder atomically (AtomicFile.h), and nothing else is touched.
//   3. An output that is one of the command's inputs (or a folder output that contains one) is
//      refused, --overwrite or not.
//   4. The checks run before any work, so a refusal costs nothing; the temporaries a killed run
//      left beside the output are cleared then (removeStaleTemporaries).
// Three kinds of output:
//   - a file (export-dicom OUT, --attention/--overlay/--screenshot OUT.png, recipes --out): a
//     folder at its path is refused;
//   - a folder written whole and swapped in (prepare's cache, atlas build): it may be absent or
//     empty; with --overwrite it may also be a finished output of the same kind holding nothing
//     else. Anything else is refused even with --overwrite: swapping the folder would delete it;
//   - named files in a folder that may hold anything else (a model folder, evaluate --report):
//     those names that exist need --overwrite; the folder's other files are left alone.
// The checks see the disk as the command starts. Two commands writing the same output at the
// same time: the last to finish wins, and neither leaves a half-written output.
#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace boneage {

struct OutputRefused : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct OutputRequest {
    std::string path;
    std::string name;          // how the command line names it, for messages: "--out", "OUT"
    bool overwrite = false;    // --overwrite was given
    std::vector<std::pair<std::string, std::string>> inputs;   // {how it is named, path} of what the command reads
};

// A folder output written whole. `ownEntries(folder)` lists the names a finished one in `folder`
// consists of (it may read the folder's manifest); `marker` is the entry every finished one has.
struct FolderOutput {
    std::string kind;     // "a dataset cache"
    std::string marker;   // "cache.txt"
    std::function<std::set<std::string>(const std::string& folder)> ownEntries;
};

void checkOutputFile(const OutputRequest& request);
void checkOutputFolder(const OutputRequest& request, const FolderOutput& output);
// `advice` ends the refusal of existing files, e.g. "--resume DIR/checkpoint.pt continues that run".
void checkOutputFiles(const OutputRequest& request, const std::vector<std::string>& names, const std::string& advice = "");

// Throws OutputRefused unless the existing folder `folder` is empty or a finished `output` holding
// only its own entries; `shownAs` names it in the message. checkOutputFolder uses it, and the swap
// asks it again (DirectoryBeingWritten::commit) in case the folder changed during the run.
void requireOnlyOwnEntries(const std::string& folder, const std::string& shownAs, const FolderOutput& output);

// Whether `a` and `b` name the same file or folder (links, "." and ".." resolved).
bool samePath(const std::string& a, const std::string& b);

} // namespace boneage
