#pragma once
// Writes a greyscale image as a DICOM Secondary Capture (MONOCHROME2) with the patient and study
// attributes of a RadiographMetadata. Used to build the bundled samples and to export results.
// The file appears atomically: written beside the target under a temporary name, then renamed.
#include "Radiograph.h"

#include <string>

namespace boneage {

enum class DicomCompression { None, Rle, JpegLossless, JpegLsLossless, JpegBaseline };

struct DicomWriteOptions {
    DicomCompression compression = DicomCompression::None;
    int bitsStored = 0;             // 0: 8 for CV_8U, 16 for CV_16U; fewer (e.g. 12) for CV_16U data
    std::string seriesDescription;
    std::string imageComments;      // e.g. "SAMPLE - not a real patient"
    std::string studyInstanceUid;   // generated when empty
};

// `image` must be CV_8U or CV_16U, one channel, already MONOCHROME2 (bone bright).
void writeSecondaryCapture(const cv::Mat& image, const RadiographMetadata& metadata, const std::string& path,
                           const DicomWriteOptions& options = {});

} // namespace boneage
