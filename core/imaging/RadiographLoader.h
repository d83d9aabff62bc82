#pragma once
// Reading radiographs: DICOM through DCMTK (JPEG 2000 through OpenJPEG), PNG/JPEG/TIFF through OpenCV,
// .jp2/.j2k through OpenJPEG. Every failure is an
// InputError naming the file and the reason; nothing is allocated for images over the limits.
#include "Radiograph.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace boneage {

struct LoadLimits {
    std::uint64_t maxFileBytes = 1ull << 30;   // 1 GiB
    std::uint64_t maxPixels = 100'000'000;     // 100 megapixels: 20x a large CR plate
};

struct LoadOptions {
    LoadLimits limits;
    // Patient data for files that do not carry it (PNG/JPEG/TIFF); for DICOM these only fill gaps.
    std::optional<Sex> sex;
    std::optional<double> chronologicalAgeMonths;
};

enum class FileFormat { Unknown, Dicom, Png, Jpeg, Tiff, Jpeg2000 };
FileFormat sniffFormat(const std::uint8_t* data, std::size_t size);
const char* toString(FileFormat format);

Radiograph loadRadiograph(const std::string& path, const LoadOptions& options = {});
Radiograph decodeRadiograph(const std::uint8_t* data, std::size_t size, const std::string& sourceName,
                            const LoadOptions& options = {});

// Used by decodeRadiograph; exposed for tests and fuzzing.
Radiograph decodeDicom(const std::uint8_t* data, std::size_t size, const std::string& sourceName,
                       const LoadOptions& options);
Radiograph loadDicomFile(const std::string& path, const LoadOptions& options);
Radiograph decodeRaster(const std::uint8_t* data, std::size_t size, const std::string& sourceName,
                        FileFormat format, const LoadOptions& options);
Radiograph decodeJpeg2000File(const std::uint8_t* data, std::size_t size, const std::string& sourceName,
                              const LoadOptions& options);

// Image dimensions read from a PNG/JPEG/TIFF header without decoding; nullopt if not parseable.
struct RasterHeader {
    std::uint32_t width = 0, height = 0;
};
std::optional<RasterHeader> readRasterHeader(const std::uint8_t* data, std::size_t size, FileFormat format);

} // namespace boneage
