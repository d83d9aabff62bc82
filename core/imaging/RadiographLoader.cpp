#include "RadiographLoader.h"
#include "InputError.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace boneage {

namespace fs = std::filesystem;

const char* toString(FileFormat format)
{
    switch (format) {
    case FileFormat::Dicom: return "DICOM";
    case FileFormat::Png: return "PNG";
    case FileFormat::Jpeg: return "JPEG";
    case FileFormat::Tiff: return "TIFF";
    case FileFormat::Jpeg2000: return "JPEG 2000";
    default: return "unknown";
    }
}

FileFormat sniffFormat(const std::uint8_t* d, std::size_t n)
{
    auto starts = [&](std::size_t at, const char* magic, std::size_t len) {
        return n >= at + len && std::memcmp(d + at, magic, len) == 0;
    };
    if (starts(128, "DICM", 4)) return FileFormat::Dicom;
    if (starts(0, "\x89PNG\r\n\x1a\n", 8)) return FileFormat::Png;
    if (starts(0, "\xff\xd8\xff", 3)) return FileFormat::Jpeg;
    if (starts(0, "II*\0", 4) || starts(0, "MM\0*", 4)) return FileFormat::Tiff;
    if (starts(0, "\x00\x00\x00\x0cjP  ", 8) || starts(0, "\xff\x4f\xff\x51", 4)) return FileFormat::Jpeg2000;
    // DICOM without the 128-byte preamble (old ACR-NEMA style or raw dataset): the first tag is in
    // group 0x0002 or 0x0008, little endian, followed by a plausible explicit VR or a length.
    if (n >= 8) {
        const unsigned group = d[0] | (d[1] << 8);
        if (group == 0x0002 || group == 0x0008) {
            const bool vrLetters = d[4] >= 'A' && d[4] <= 'Z' && d[5] >= 'A' && d[5] <= 'Z';
            const std::uint32_t len = d[4] | (d[5] << 8) | (d[6] << 16) | (static_cast<std::uint32_t>(d[7]) << 24);
            if (vrLetters || len < 1024) return FileFormat::Dicom;
        }
    }
    return FileFormat::Unknown;
}

Radiograph decodeRadiograph(const std::uint8_t* data, std::size_t size, const std::string& source,
                            const LoadOptions& options)
{
    if (size == 0) throw InputError(InputError::Reason::Empty, source + ": the file is empty (0 bytes).");
    if (size > options.limits.maxFileBytes)
        throw InputError(InputError::Reason::TooLarge,
                         source + ": the file is " + std::to_string(size >> 20) + " MiB, over the limit of " +
                             std::to_string(options.limits.maxFileBytes >> 20) + " MiB.");
    const FileFormat format = sniffFormat(data, size);
    switch (format) {
    case FileFormat::Dicom: return decodeDicom(data, size, source, options);
    case FileFormat::Png:
    case FileFormat::Jpeg:
    case FileFormat::Tiff: return decodeRaster(data, size, source, format, options);
    case FileFormat::Jpeg2000: return decodeJpeg2000File(data, size, source, options);
    default:
        throw InputError(InputError::Reason::UnknownFormat,
                         source + ": not a DICOM, PNG, JPEG, TIFF or JPEG 2000 file (the content is not recognised, "
                                  "whatever its name).");
    }
}

Radiograph loadRadiograph(const std::string& path, const LoadOptions& options)
{
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st))
        throw InputError(InputError::Reason::NotFound, path + ": no such file.");
    if (fs::is_directory(st))
        throw InputError(InputError::Reason::NotAFile,
                         path + ": is a folder, not a file; open the images inside it instead.");
    if (!fs::is_regular_file(st))
        throw InputError(InputError::Reason::NotAFile, path + ": is not a regular file.");
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) throw InputError(InputError::Reason::NotFound, path + ": cannot be read: " + ec.message() + ".");
    if (size == 0) throw InputError(InputError::Reason::Empty, path + ": the file is empty (0 bytes).");
    if (size > options.limits.maxFileBytes)
        throw InputError(InputError::Reason::TooLarge,
                         path + ": the file is " + std::to_string(size >> 20) + " MiB, over the limit of " +
                             std::to_string(options.limits.maxFileBytes >> 20) + " MiB.");

    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(InputError::Reason::NotFound,
                         path + ": cannot be opened: " + std::strerror(errno) + ".");
    std::uint8_t head[132] = {};
    in.read(reinterpret_cast<char*>(head), sizeof head);
    if (sniffFormat(head, static_cast<std::size_t>(in.gcount())) == FileFormat::Dicom) return loadDicomFile(path, options);
    in.clear();
    in.seekg(0);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
    if (in.gcount() != static_cast<std::streamsize>(size))
        throw InputError(InputError::Reason::NotFound, path + ": could not be read completely.");
    return decodeRadiograph(bytes.data(), bytes.size(), path, options);
}

} // namespace boneage
