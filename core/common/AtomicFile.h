#pragma once
// Writing files so that a crash or a full disk never leaves a half-written result where a good one
// was: the content goes to a temporary file in the same folder, which is flushed and renamed over
// the target only when complete.
#include <functional>
#include <string>

namespace boneage {

// Calls write(temporaryPath) and then renames it to `path`; removes the temporary file on failure.
void writeFileAtomically(const std::string& path, const std::function<void(const std::string&)>& write);
void writeTextAtomically(const std::string& path, const std::string& content);

// Builds a whole folder under a temporary name beside `path`, then swaps it in: readers see the old
// folder or the new one, never a half-written one.
void replaceDirectoryAtomically(const std::string& path, const std::function<void(const std::string&)>& fill);

} // namespace boneage
