#pragma once
// The single-file outputs of the `boneage` commands (pictures), under the one output policy of
// common/OutputPath.h (docs/outputs.md): checked before the work, written to a temporary and renamed.
#include "CommandLine.h"

#include "common/AtomicFile.h"
#include "common/OutputPath.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace boneage::cli {

// When --OPTION is given: refused if it is a folder, one of `inputs`, or exists without --overwrite
// (the command must accept the flag "overwrite"). One line for a command to call before its work.
inline void checkOutputOption(const Arguments& a, const std::string& option,
                              const std::vector<std::pair<std::string, std::string>>& inputs)
{
    if (const auto path = a.value(option)) checkOutputFile({*path, "--" + option, a.flag("overwrite"), inputs});
}

// The image encoded as its extension says (.png, .jpg, .tif, ...), written atomically.
inline void writeImageAtomically(const std::string& path, const cv::Mat& image)
{
    const std::string extension = std::filesystem::path(path).extension().string();
    std::vector<unsigned char> bytes;
    bool encoded = false;
    try {
        encoded = !extension.empty() && cv::imencode(extension, image, bytes);
    } catch (const cv::Exception&) {
        encoded = false;   // no encoder for that extension
    }
    if (!encoded)
        throw std::runtime_error(path + ": cannot write an image named '" + extension + "'; give a name ending in .png");
    writeTextAtomically(path, std::string(bytes.begin(), bytes.end()));
}

} // namespace boneage::cli
