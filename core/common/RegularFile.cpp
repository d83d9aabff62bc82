#include "RegularFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace boneage {

namespace {

using Kind = RegularFileError::Kind;

struct Descriptor {
    int fd = -1;
    ~Descriptor()
    {
        if (fd >= 0) ::close(fd);
    }
};

} // namespace

bool isRegularFile(const std::string& path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string readRegularFile(const std::string& path, std::uint64_t maxBytes)
{
    // stat first, so that nothing but a regular file is even opened (opening some devices acts);
    // O_NONBLOCK and fstat after, for a file swapped for a FIFO in between.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) throw RegularFileError(Kind::Missing, path + " does not exist");
        throw RegularFileError(Kind::Unreadable, path + " cannot be read (" + std::strerror(errno) + ")");
    }
    if (!S_ISREG(st.st_mode)) throw RegularFileError(Kind::NotRegular, path + " is not a regular file");
    Descriptor d;
    d.fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (d.fd < 0) throw RegularFileError(Kind::Unreadable, path + " cannot be opened (" + std::strerror(errno) + ")");
    if (::fstat(d.fd, &st) != 0 || !S_ISREG(st.st_mode)) throw RegularFileError(Kind::NotRegular, path + " is not a regular file");
    const auto tooLarge = [&] {
        return RegularFileError(Kind::TooLarge, path + " is larger than " + std::to_string(maxBytes) + " bytes");
    };
    if (static_cast<std::uint64_t>(st.st_size) > maxBytes) throw tooLarge();
    std::string bytes;
    bytes.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    for (;;) {
        if (got == bytes.size()) {
            if (bytes.size() >= maxBytes) {   // the file grew: one byte more says whether it is over
                char extra;
                const ssize_t n = ::read(d.fd, &extra, 1);
                if (n > 0) throw tooLarge();
                if (n < 0 && errno == EINTR) continue;
                if (n < 0) throw RegularFileError(Kind::Unreadable, path + " cannot be read (" + std::strerror(errno) + ")");
                break;
            }
            bytes.resize(std::min<std::uint64_t>(maxBytes, bytes.size() + 65536));
        }
        const ssize_t n = ::read(d.fd, bytes.data() + got, bytes.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw RegularFileError(Kind::Unreadable, path + " cannot be read (" + std::strerror(errno) + ")");
        if (n == 0) break;
        got += static_cast<size_t>(n);
    }
    bytes.resize(got);
    return bytes;
}

} // namespace boneage
