#pragma once
// JPEG 2000 codestreams for tests, written by OpenJPEG's own encoder: real data for the reader's
// JPEG 2000 path (DICOM fragments and .j2k/.jp2 files), generated rather than committed.
#include <vector>

namespace boneage::test {

struct Jpeg2000Encoding {
    bool lossless = true;     // reversible 5/3 wavelet; else irreversible 9/7 at `ratio`
    double ratio = 10;        // compression ratio of a lossy codestream
    bool colourTransform = false;   // RCT/ICT over three components (DICOM YBR_RCT/YBR_ICT)
    bool jp2 = false;         // a .jp2 file (boxes) instead of a raw codestream
};

// `planar`: components one after another, each width*height values, row by row.
std::vector<unsigned char> encodeJpeg2000(const std::vector<int>& planar, int width, int height, int components,
                                          int precision, bool isSigned, const Jpeg2000Encoding& how = {});

} // namespace boneage::test
