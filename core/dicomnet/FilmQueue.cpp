#include "dicomnet/FilmQueue.h"

#include "common/AtomicFile.h"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace boneage {

namespace fs = std::filesystem;

namespace {

// Films of a state folder, oldest first (by modification time, then name): received order.
std::vector<fs::path> filmsIn(const fs::path& folder)
{
    std::vector<std::pair<fs::file_time_type, fs::path>> films;
    std::error_code e;
    for (const auto& entry : fs::directory_iterator(folder, e)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || name.empty() || name[0] == '.' || entry.path().extension() != ".dcm") continue;
        films.emplace_back(entry.last_write_time(e), entry.path());
    }
    std::sort(films.begin(), films.end());
    std::vector<fs::path> out;
    for (auto& f : films) out.push_back(f.second);
    return out;
}

} // namespace

FilmQueue::FilmQueue(const std::string& root) : root_(root)
{
    for (const char* d : {"incoming", "working", "done", "failed"}) fs::create_directories(fs::path(root) / d);
}

std::string FilmQueue::incomingFolder() const { return (fs::path(root_) / "incoming").string(); }

std::optional<std::string> FilmQueue::claim()
{
    for (const auto& f : filmsIn(fs::path(root_) / "incoming")) {
        const fs::path target = fs::path(root_) / "working" / f.filename();
        std::error_code e;
        fs::rename(f, target, e);   // another worker may have taken it first: then try the next
        if (!e) return target.string();
    }
    return std::nullopt;
}

void FilmQueue::complete(const std::string& workingFile, const std::string& summaryJson)
{
    const fs::path name = fs::path(workingFile).filename();
    writeTextAtomically((fs::path(root_) / "done" / name).replace_extension(".json").string(), summaryJson + "\n");
    fs::rename(workingFile, fs::path(root_) / "done" / name);
}

void FilmQueue::fail(const std::string& workingFile, const std::string& reason)
{
    const fs::path name = fs::path(workingFile).filename();
    writeTextAtomically((fs::path(root_) / "failed" / name).replace_extension(".txt").string(), reason + "\n");
    fs::rename(workingFile, fs::path(root_) / "failed" / name);
}

void FilmQueue::requeue(const std::string& workingFile)
{
    fs::rename(workingFile, fs::path(root_) / "incoming" / fs::path(workingFile).filename());
}

int FilmQueue::recover()
{
    int n = 0;
    for (const auto& f : filmsIn(fs::path(root_) / "working")) {
        requeue(f.string());
        ++n;
    }
    return n;
}

int FilmQueue::waiting() const { return static_cast<int>(filmsIn(fs::path(root_) / "incoming").size()); }

} // namespace boneage
