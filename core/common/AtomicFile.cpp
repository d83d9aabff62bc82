#include "AtomicFile.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace boneage {

namespace fs = std::filesystem;

void writeFileAtomically(const std::string& path, const std::function<void(const std::string&)>& write)
{
    const fs::path target(path);
    std::random_device rd;
    const std::string tmp = (target.parent_path() / ("." + target.filename().string() + ".tmp-" +
                                                     std::to_string(::getpid()) + "-" + std::to_string(rd())))
                                .string();
    try {
        write(tmp);
        // fsync so that the rename never exposes a file whose data is still only in the page cache.
        const int fd = ::open(tmp.c_str(), O_RDONLY);
        if (fd >= 0) { ::fsync(fd); ::close(fd); }
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

void replaceDirectoryAtomically(const std::string& path, const std::function<void(const std::string&)>& fill)
{
    fs::path target(path);
    if (target.filename().empty()) target = target.parent_path();   // "dir/" -> "dir"
    std::random_device rd;
    const std::string suffix = std::to_string(::getpid()) + "-" + std::to_string(rd());
    const fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".tmp-" + suffix);
    const fs::path old = target.parent_path() / ("." + target.filename().string() + ".old-" + suffix);
    try {
        fs::create_directories(tmp);
        fill(tmp.string());
        // rename() cannot replace a non-empty folder: move the old one aside first.
        const bool existed = fs::exists(target);
        if (existed) fs::rename(target, old);
        try {
            fs::rename(tmp, target);
        } catch (...) {
            if (existed) fs::rename(old, target);
            throw;
        }
        std::error_code ec;
        if (existed) fs::remove_all(old, ec);
    } catch (...) {
        std::error_code ec;
        fs::remove_all(tmp, ec);
        throw;
    }
}

} // namespace boneage
