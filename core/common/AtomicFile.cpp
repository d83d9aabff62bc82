#include "AtomicFile.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <stdexcept>

namespace boneage {

namespace fs = std::filesystem;

namespace {

fs::path withoutTrailingSlash(const std::string& path)
{
    fs::path p(path);
    if (p.filename().empty() && p.has_parent_path()) p = p.parent_path();   // "dir/" -> "dir"
    return p;
}

// ".NAME.tmp-PID-RAND" / ".NAME.old-PID-RAND" beside `target`.
fs::path temporaryBeside(const fs::path& target, const char* kind, const std::string& suffix)
{
    return target.parent_path() / ("." + target.filename().string() + "." + kind + "-" + suffix);
}

std::string uniqueSuffix()
{
    std::random_device rd;
    return std::to_string(::getpid()) + "-" + std::to_string(rd());
}

void syncFile(const fs::path& file)
{
    // So that a rename never exposes a file whose data is still only in the page cache.
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

bool allDigits(const std::string& s)
{
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

struct Writer {
    bool running = false;
    double started = std::numeric_limits<double>::quiet_NaN();
};

// Whether `pid` runs, and since when (Linux: /proc; elsewhere only whether it runs).
Writer writerState(long pid)
{
    Writer w;
    if (pid <= 0 || pid > std::numeric_limits<pid_t>::max()) return w;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return w;
    w.running = true;   // EPERM: it runs, as another user
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return w;
    const auto close = line.rfind(')');   // the command name may hold spaces and parentheses
    if (close == std::string::npos) return w;
    std::istringstream fields(line.substr(close + 1));
    char state = 0;
    fields >> state;
    if (state == 'Z' || state == 'X') {   // exited, not yet reaped: it writes nothing any more
        w.running = false;
        return w;
    }
    std::string skip;
    for (int field = 4; field < 22; ++field) fields >> skip;
    double startTicks = 0;
    if (!(fields >> startTicks)) return w;   // field 22: clock ticks after boot
    std::ifstream procStat("/proc/stat");
    for (std::string key; procStat >> key;) {
        if (key == "btime") {
            double bootTime = 0;
            if (procStat >> bootTime) w.started = bootTime + startTicks / double(::sysconf(_SC_CLK_TCK));
            break;
        }
        std::getline(procStat, skip);
    }
    return w;
}

} // namespace

bool temporaryIsStale(bool writerRunning, double writerStarted, double temporaryChanged)
{
    if (!writerRunning) return true;
    return !std::isnan(writerStarted) && writerStarted - temporaryChanged > kPidReuseMarginSeconds;
}

std::vector<std::string> removeStaleTemporaries(const std::string& path)
{
    std::vector<std::string> removed;
    const fs::path target = withoutTrailingSlash(path);
    if (target.filename().empty()) return removed;
    const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    const std::string prefix = "." + target.filename().string() + ".";
    std::error_code ec;
    std::vector<std::pair<fs::path, bool>> stale;   // {temporary, is an ".old"}
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string rest = name.substr(prefix.size());
        const bool old = rest.compare(0, 4, "old-") == 0;
        if (!old && rest.compare(0, 4, "tmp-") != 0) continue;
        const std::string ids = rest.substr(4);
        const auto dash = ids.find('-');
        if (dash == std::string::npos || !allDigits(ids.substr(0, dash)) || !allDigits(ids.substr(dash + 1))) continue;
        if (ids.size() - dash > 12 || dash > 10) continue;   // not numbers this code writes
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) != 0) continue;
        const double changed = double(st.st_ctim.tv_sec) + 1e-9 * double(st.st_ctim.tv_nsec);
        const Writer w = writerState(std::stol(ids.substr(0, dash)));
        if (temporaryIsStale(w.running, w.started, changed)) stale.emplace_back(it->path(), old);
    }
    for (const auto& [temporary, old] : stale) {
        std::error_code e;
        if (old && !fs::exists(fs::symlink_status(target, e))) {
            fs::rename(temporary, target, e);
            if (!e) {
                removed.push_back(temporary.filename().string() + " (restored as " + target.filename().string() + ")");
                continue;
            }
        }
        if (fs::remove_all(temporary, e) != static_cast<std::uintmax_t>(-1) && !e)
            removed.push_back(temporary.filename().string());
    }
    return removed;
}

void writeFileAtomically(const std::string& path, const std::function<void(const std::string&)>& write)
{
    const fs::path target(path);
    removeStaleTemporaries(path);
    const std::string tmp = temporaryBeside(target, "tmp", uniqueSuffix()).string();
    try {
        write(tmp);
        syncFile(tmp);
        fs::rename(tmp, target);
    } catch (...) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw;
    }
}

void writeTextAtomically(const std::string& path, const std::string& content)
{
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out) throw std::runtime_error(path + ": cannot write the file (disk full or no permission?)");
    });
}

DirectoryBeingWritten::DirectoryBeingWritten(const std::string& path)
{
    const fs::path target = withoutTrailingSlash(path);
    removeStaleTemporaries(target.string());
    const std::string suffix = uniqueSuffix();
    target_ = target.string();
    tmp_ = temporaryBeside(target, "tmp", suffix).string();
    old_ = temporaryBeside(target, "old", suffix).string();
    fs::create_directories(tmp_);
}

DirectoryBeingWritten::~DirectoryBeingWritten()
{
    if (committed_) return;
    std::error_code ec;
    fs::remove_all(tmp_, ec);
}

void DirectoryBeingWritten::commit(const std::function<void(const std::string& existing)>& checkExisting)
{
    std::error_code ec;
    for (fs::directory_iterator it(tmp_, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec)) syncFile(it->path());
    // rename() cannot replace a non-empty folder: move the old one aside first.
    const bool existed = fs::exists(fs::symlink_status(target_));
    if (existed) {
        fs::rename(target_, old_);
        try {
            if (checkExisting) checkExisting(old_);
            fs::rename(tmp_, target_);
        } catch (...) {
            fs::rename(old_, target_);
            throw;
        }
        committed_ = true;
        fs::remove_all(old_, ec);
    } else {
        fs::rename(tmp_, target_);
        committed_ = true;
    }
}

void replaceDirectoryAtomically(const std::string& path, const std::function<void(const std::string&)>& fill,
                                const std::function<void(const std::string& existing)>& checkExisting)
{
    DirectoryBeingWritten folder(path);
    fill(folder.temporary());
    folder.commit(checkExisting);
}

} // namespace boneage
