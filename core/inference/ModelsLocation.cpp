#include "inference/ModelsLocation.h"

#include "inference/ModelPackage.h"

#include <cstdlib>
#include <filesystem>

namespace boneage {

std::string modelsDirectory(const std::string& option)
{
    namespace fs = std::filesystem;
    if (!option.empty()) return option;
    if (const char* env = std::getenv("BONEAGE_MODELS")) return env;
    std::error_code ec;
    fs::path dir = fs::canonical("/proc/self/exe", ec).parent_path();
    for (int up = 0; up < 6 && !dir.empty(); ++up, dir = dir.parent_path()) {
        for (const fs::path& candidate : {dir / "models", dir / "share" / "boneage" / "models"})
            if (!findModelPackages(candidate.string()).empty()) return candidate.string();
        if (dir == dir.parent_path()) break;
    }
    return "models";
}

std::string resourcesDirectory(const std::string& option)
{
    namespace fs = std::filesystem;
    if (!option.empty()) return option;
    if (const char* env = std::getenv("BONEAGE_RESOURCES")) return env;
    std::error_code ec;
    fs::path dir = fs::canonical("/proc/self/exe", ec).parent_path();
    for (int up = 0; up < 6 && !dir.empty(); ++up, dir = dir.parent_path()) {
        for (const fs::path& candidate : {dir / "resources", dir / "share" / "boneage" / "resources"})
            if (fs::is_regular_file(candidate / "gp" / "plates.csv", ec)) return candidate.string();
        if (dir == dir.parent_path()) break;
    }
    return "resources";
}

} // namespace boneage
