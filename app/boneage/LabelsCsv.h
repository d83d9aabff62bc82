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

// Throws std::runtime_error "FILE:LINE: what is wrong". Accepts a UTF-8 byte order mark and CRLF
// line ends (spreadsheet programs write both). An id on two rows is an error naming both lines when
// their labels differ; with the same labels it is kept once, with a warning on stderr.
std::vector<LabelRow> readLabelsCsv(const std::string& path);

// The image named by a label row's id in `folder` (id.png/.jpg/.jpeg/.dcm/.tif/.tiff or the bare
// id); empty when there is none.
std::string findLabelledImage(const std::string& folder, const std::string& id);

} // namespace boneage::cli
