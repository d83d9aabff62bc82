#pragma once
// Reading a file that a user or another program put in place (a model card, weights) without trusting
// what it is: only a regular file is opened (a FIFO would block the reader forever, a device could be
// endless), and never more than a given number of bytes is read.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace boneage {

struct RegularFileError : std::runtime_error {
    enum class Kind { Missing, NotRegular, TooLarge, Unreadable };
    RegularFileError(Kind kind, const std::string& message) : std::runtime_error(message), kind(kind) {}
    Kind kind;
};

// The whole file, which must be a regular file (a symbolic link to one is followed) of at most
// `maxBytes` bytes. Throws RegularFileError; its message names the path and the reason.
std::string readRegularFile(const std::string& path, std::uint64_t maxBytes);
// Whether `path` is a regular file (following links), without opening it.
bool isRegularFile(const std::string& path);

} // namespace boneage
