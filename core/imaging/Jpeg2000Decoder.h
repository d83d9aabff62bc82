#pragma once
// JPEG 2000 codestreams (DICOM JPEG 2000 and HTJ2K fragments, .j2k/.jp2 files) through OpenJPEG.
// The codestream is not trusted: its header is checked against what the container declares and
// against the size limit before any pixel is decoded.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boneage {

struct Jpeg2000Expectation {
    // What the container declares (DICOM Columns, Rows, Samples per Pixel); nullopt: anything.
    std::optional<int> width, height, components;
    bool fromDicom = true;   // for the wording of errors
    int maxComponents = 4;
    int maxPrecision = 16;
    std::uint64_t maxPixels = 100'000'000;
};

struct Jpeg2000Image {
    enum class ColourSpace { Unspecified, Grey, SRgb, SYcc };
    int width = 0, height = 0, components = 0;
    int precision = 0;                 // bits of each sample (every component has the same)
    bool isSigned = false;
    ColourSpace colourSpace = ColourSpace::Unspecified;   // from a JP2 header; Unspecified for J2K
    std::vector<std::int32_t> samples; // component after component, each width*height, row by row
};

// Throws InputError (corrupt, truncated, unsupported-image, too-large) naming `source`.
Jpeg2000Image decodeJpeg2000(const std::uint8_t* data, std::size_t size, const Jpeg2000Expectation& expect,
                             const std::string& source);

} // namespace boneage
