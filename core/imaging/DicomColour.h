#pragma once
// Internal to the DICOM reader: colour frames (secondary captures of films, photographs of light
// boxes) to one grey channel. A hand radiograph is grey; a colour file of one is read as its
// luminance, and the reader says so in the warnings.
#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace boneage::dicom {

// One frame of three samples per pixel as stored (or as a decoder returned it).
struct ColourFrame {
    const std::uint16_t* words = nullptr;   // BitsAllocated 16; else `bytes`
    const std::uint8_t* bytes = nullptr;
    int rows = 0, cols = 0;
    int bitsStored = 8, highBit = 7;
    int planar = 0;                 // Planar Configuration: 0 R1G1B1R2..., 1 RRR...GGG...BBB...
    // RGB; YBR_FULL; YBR_FULL_422 (uncompressed layout Y1 Y2 Cb Cr per pixel pair).
    std::string photometric;
};

// Luminance (ITU-R BT.601: 0.299 R + 0.587 G + 0.114 B, which is YBR_FULL's Y) at the stored depth:
// CV_8U for up to 8 bits stored, else CV_16U.
cv::Mat colourToGrey(const ColourFrame& frame);

struct Palette {
    int firstMapped = 0;
    int bits = 16;   // 8 or 16 bits per entry
    std::vector<std::uint16_t> red, green, blue;
};

// PALETTE COLOR: stored index -> palette entry -> luminance, CV_8U for 8-bit entries, else CV_16U.
// `indices` are the stored values of one frame (already masked to Bits Stored).
cv::Mat paletteToGrey(const std::vector<std::int32_t>& indices, int rows, int cols, const Palette& palette);

} // namespace boneage::dicom
