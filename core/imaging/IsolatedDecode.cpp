#include "IsolatedDecode.h"
#include "InputError.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace boneage {

namespace {

struct WireHeader {
    std::int32_t outcome = 0;   // 1: a result follows; 0: an InputError; -1: another exception
    std::int32_t reason = 0;
    std::uint64_t textBytes = 0, dataBytes = 0;
};

bool writeAll(int fd, const void* p, std::size_t n)
{
    const auto* b = static_cast<const char*>(p);
    while (n > 0) {
        const ssize_t k = ::write(fd, b, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return false;
        b += k;
        n -= static_cast<std::size_t>(k);
    }
    return true;
}

[[noreturn]] void childMain(int fd, const std::function<IsolatedResult()>& decode)
{
    // The parent's crash handlers (Qt Test's, libFuzzer's, a crash reporter) must not run for the
    // child's abort: it is an expected outcome here, reported by the parent as an InputError.
    for (const int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, SIG_DFL);
    // A library's assert message would reach the user's terminal as noise; the parent says it better.
    if (const int devnull = ::open("/dev/null", O_WRONLY); devnull >= 0) ::dup2(devnull, STDERR_FILENO);
    WireHeader h;
    IsolatedResult result;
    try {
        result = decode();
        h.outcome = 1;
    } catch (const InputError& e) {
        h.reason = static_cast<std::int32_t>(e.reason());
        result = {e.what(), {}};
    } catch (const std::exception& e) {
        h.outcome = -1;
        result = {e.what(), {}};
    }
    h.textBytes = result.text.size();
    h.dataBytes = result.bytes.size();
    const bool ok = writeAll(fd, &h, sizeof h) && writeAll(fd, result.text.data(), result.text.size()) &&
                    writeAll(fd, result.bytes.data(), result.bytes.size());
    ::_exit(ok ? 0 : 1);   // _exit: no atexit handlers, no flushing of the parent's buffers
}

// Reads exactly n bytes before `deadline`; false on end of data, error or time-out.
bool readAll(int fd, void* p, std::size_t n, std::chrono::steady_clock::time_point deadline, bool& timedOut)
{
    auto* b = static_cast<char*>(p);
    while (n > 0) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) return timedOut = true, false;
        pollfd pfd{fd, POLLIN, 0};
        const int r = ::poll(&pfd, 1, static_cast<int>(std::min<long long>(left, 1000)));
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return false;
        if (r == 0) continue;
        const ssize_t k = ::read(fd, b, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return false;
        b += k;
        n -= static_cast<std::size_t>(k);
    }
    return true;
}

std::string describeEnd(int status)
{
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        return sig == SIGABRT   ? "the decoder stopped on an internal check"
               : sig == SIGKILL ? "the decoder was stopped (out of memory)"
                                : "the decoder crashed (signal " + std::to_string(sig) + ")";
    }
    return "the decoder ended without a result (status " + std::to_string(WEXITSTATUS(status)) + ")";
}

class Child {
public:
    Child(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    ~Child()
    {
        ::close(fd_);
        if (!reaped_) {
            ::kill(pid_, SIGKILL);
            wait();
        }
    }
    int fd() const { return fd_; }
    void kill() { ::kill(pid_, SIGKILL); }
    int wait()
    {
        if (!reaped_) {
            while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {}
            reaped_ = true;
        }
        return status_;
    }

private:
    pid_t pid_;
    int fd_;
    int status_ = 0;
    bool reaped_ = false;
};

} // namespace

IsolatedResult runIsolated(const std::function<IsolatedResult()>& decode, const std::string& source,
                           const std::string& what, std::uint64_t maxBytes, int seconds)
{
    using R = InputError::Reason;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw std::runtime_error("cannot create a pipe for the " + what + " decoder: " + std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int err = errno;
        ::close(fds[0]), ::close(fds[1]);
        throw std::runtime_error("cannot start the " + what + " decoder process: " + std::strerror(err));
    }
    if (pid == 0) {
        ::close(fds[0]);
        childMain(fds[1], decode);
    }
    ::close(fds[1]);
    Child child(pid, fds[0]);

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    bool timedOut = false;
    auto lost = [&]() {
        if (timedOut) child.kill();
        const int status = child.wait();
        return InputError(R::Corrupt, source + ": the " + what + " is damaged: " +
                                          (timedOut ? "the decoder did not finish within " + std::to_string(seconds) + " s"
                                                    : describeEnd(status)) +
                                          "; copy the film again from the PACS or modality.");
    };
    WireHeader h;
    if (!readAll(child.fd(), &h, sizeof h, deadline, timedOut)) throw lost();
    if (h.textBytes > (1u << 20) || h.dataBytes > maxBytes) throw lost();
    IsolatedResult result;
    result.text.resize(static_cast<std::size_t>(h.textBytes));
    if (!readAll(child.fd(), result.text.data(), result.text.size(), deadline, timedOut)) throw lost();
    result.bytes.resize(static_cast<std::size_t>(h.dataBytes));
    if (!readAll(child.fd(), result.bytes.data(), result.bytes.size(), deadline, timedOut)) throw lost();
    const int status = child.wait();
    if (h.outcome == 0) throw InputError(static_cast<R>(h.reason), result.text);
    if (h.outcome < 0) throw std::runtime_error(result.text);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw lost();
    return result;
}

} // namespace boneage
