#pragma once
// libgomp reads OMP_WAIT_POLICY once, at load time. Its default busy-waiting makes LibTorch's two
// threads starve each other on a 2-core machine (timings several times worse and erratic: an SGD
// step measured 295 ms instead of 1.4 ms), so commands that run networks restart themselves once
// with passive waiting unless the user chose a policy.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

namespace boneage::cli {

inline void restartWithPassiveOpenMpWaiting(const char* program, const char* command, const std::vector<std::string>& args)
{
#ifdef __linux__
    if (std::getenv("OMP_WAIT_POLICY")) return;
    ::setenv("OMP_WAIT_POLICY", "passive", 1);
    std::vector<std::string> all = {program, command};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::cout.flush();
    ::execv("/proc/self/exe", argv.data());
    // If the restart fails, carry on in this process.
#else
    (void)program, (void)command, (void)args;
#endif
}

} // namespace boneage::cli
