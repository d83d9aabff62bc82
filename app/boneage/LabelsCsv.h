#pragma once
// RSNA-format label files (`id,boneage,male`), with errors that name the line.
#include <string>
#include <vector>

namespace boneage::cli {

struct LabelRow {
    std::string id;
    double boneAgeMonths = 0;
    bool male = false;
    int line = 0;
};

// Throws std::runtime_error "FILE:LINE: what is wrong".
std::vector<LabelRow> readLabelsCsv(const std::string& path);

} // namespace boneage::cli
