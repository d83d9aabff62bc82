// PNG, JPEG and TIFF through OpenCV, JPEG 2000 (.jp2/.j2k) through OpenJPEG. The header is read first
// so that an image declaring more pixels than the limit is refused before anything is allocated.
#include "InputError.h"
#include "Jpeg2000Decoder.h"
#include "RadiographLoader.h"

#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <mutex>

namespace boneage {

namespace {

std::uint32_t be32(const std::uint8_t* p) { return (std::uint32_t(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3]; }
std::uint16_t be16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }

std::optional<RasterHeader> pngHeader(const std::uint8_t* d, std::size_t n)
{
    if (n < 24 || std::memcmp(d + 12, "IHDR", 4) != 0) return std::nullopt;
    return RasterHeader{be32(d + 16), be32(d + 20)};
}

std::optional<RasterHeader> jpegHeader(const std::uint8_t* d, std::size_t n)
{
    std::size_t i = 2;
    while (i + 4 <= n) {
        if (d[i] != 0xFF) return std::nullopt;
        const std::uint8_t marker = d[i + 1];
        if (marker == 0xFF) { ++i; continue; }   // fill byte
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { i += 2; continue; }
        const std::uint16_t len = be16(d + i + 2);
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            if (i + 9 > n) return std::nullopt;
            return RasterHeader{be16(d + i + 7), be16(d + i + 5)};
        }
        if (marker == 0xDA || len < 2) return std::nullopt;   // scan data before a frame header
        i += 2 + len;
    }
    return std::nullopt;
}

std::optional<RasterHeader> tiffHeader(const std::uint8_t* d, std::size_t n)
{
    if (n < 8) return std::nullopt;
    const bool le = d[0] == 'I';
    auto u16 = [&](std::size_t at) -> std::uint32_t { return le ? (d[at] | (d[at + 1] << 8)) : be16(d + at); };
    auto u32 = [&](std::size_t at) -> std::uint32_t {
        return le ? (d[at] | (d[at + 1] << 8) | (d[at + 2] << 16) | (std::uint32_t(d[at + 3]) << 24)) : be32(d + at);
    };
    const std::size_t ifd = u32(4);   // in size_t: an offset near 4 GiB must not wrap round the check
    if (ifd + 2 > n) return std::nullopt;
    const std::uint32_t count = u16(ifd);
    RasterHeader h;
    for (std::uint32_t k = 0; k < count; ++k) {
        const std::size_t e = ifd + 2 + 12 * std::size_t(k);
        if (e + 12 > n) return std::nullopt;
        const std::uint32_t tag = u16(e), type = u16(e + 2);
        const std::uint32_t value = type == 3 ? u16(e + 8) : u32(e + 8);
        if (tag == 256) h.width = value;
        if (tag == 257) h.height = value;
    }
    if (h.width == 0 || h.height == 0) return std::nullopt;
    return h;
}

void applyCallerData(RadiographMetadata& m, const LoadOptions& options)
{
    if (options.sex) m.sex = *options.sex;
    if (options.chronologicalAgeMonths) {
        m.chronologicalAgeMonths = options.chronologicalAgeMonths;
        m.chronologicalAgeSource = "caller";
    }
}

bool jpegHasEnd(const std::uint8_t* d, std::size_t n)
{
    // Some writers pad after EOI; look for it near the end.
    const std::size_t from = n > 512 ? n - 512 : 0;
    for (std::size_t i = n - 1; i > from; --i)
        if (d[i - 1] == 0xFF && d[i] == 0xD9) return true;
    return false;
}

} // namespace

std::optional<RasterHeader> readRasterHeader(const std::uint8_t* d, std::size_t n, FileFormat format)
{
    switch (format) {
    case FileFormat::Png: return pngHeader(d, n);
    case FileFormat::Jpeg: return jpegHeader(d, n);
    case FileFormat::Tiff: return tiffHeader(d, n);
    default: return std::nullopt;
    }
}

Radiograph decodeRaster(const std::uint8_t* data, std::size_t size, const std::string& source,
                        FileFormat format, const LoadOptions& options)
{
    static std::once_flag quiet;
    std::call_once(quiet, [] { cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT); });
    const std::string kind = toString(format);

    const auto header = readRasterHeader(data, size, format);
    if (!header)
        throw InputError(InputError::Reason::Corrupt,
                         source + ": the " + kind + " header is damaged; the image cannot be read.");
    const std::uint64_t pixels = std::uint64_t(header->width) * header->height;
    if (pixels == 0)
        throw InputError(InputError::Reason::Corrupt, source + ": the " + kind + " header declares an empty image.");
    if (pixels > options.limits.maxPixels)
        throw InputError(InputError::Reason::TooLarge,
                         source + ": the image declares " + std::to_string(header->width) + "x" +
                             std::to_string(header->height) + " pixels, over the limit of " +
                             std::to_string(options.limits.maxPixels / 1000000) +
                             " megapixels; it is not a radiograph this program can open.");
    if (format == FileFormat::Jpeg && !jpegHasEnd(data, size))
        throw InputError(InputError::Reason::Truncated,
                         source + ": the JPEG file is cut short (no end marker); copy it again from the source.");

    cv::Mat decoded;
    try {
        const cv::Mat buffer(1, static_cast<int>(size), CV_8U, const_cast<std::uint8_t*>(data));
        decoded = cv::imdecode(buffer, cv::IMREAD_UNCHANGED | cv::IMREAD_ANYDEPTH);
    } catch (const cv::Exception& e) {
        throw InputError(InputError::Reason::Corrupt, source + ": the " + kind + " data cannot be decoded (" +
                                                          e.err + ").");
    }
    if (decoded.empty())
        throw InputError(InputError::Reason::Corrupt,
                         source + ": the " + kind + " data cannot be decoded (damaged or cut short).");

    Radiograph r;
    RadiographMetadata& m = r.metadata;
    m.sourceFile = source;
    m.format = kind;

    if (decoded.depth() != CV_8U && decoded.depth() != CV_16U)
        throw InputError(InputError::Reason::UnsupportedImage,
                         source + ": only 8- and 16-bit greyscale " + kind + " images are supported.");
    if (decoded.channels() == 1) {
        r.pixels = decoded;
    } else if (decoded.channels() == 3 || decoded.channels() == 4) {
        cv::Mat bgr;
        if (decoded.channels() == 4) cv::cvtColor(decoded, bgr, cv::COLOR_BGRA2BGR); else bgr = decoded;
        std::vector<cv::Mat> ch;
        cv::split(bgr, ch);
        const bool grey = cv::norm(ch[0], ch[1], cv::NORM_INF) == 0 && cv::norm(ch[1], ch[2], cv::NORM_INF) == 0;
        r.pixels = ch[1];
        if (!grey) {
            cv::cvtColor(bgr, r.pixels, cv::COLOR_BGR2GRAY);
            m.warnings.push_back("colour image converted to grey; a radiograph should be greyscale");
        }
    } else {
        throw InputError(InputError::Reason::UnsupportedImage,
                         source + ": " + std::to_string(decoded.channels()) + "-channel images are not supported.");
    }
    if (r.pixels.depth() == CV_16U) {
        double lo, hi;
        cv::minMaxLoc(r.pixels, &lo, &hi);
        int bits = 1;
        while (bits < 16 && hi >= double(1 << bits)) ++bits;
        m.bitsStored = std::max(bits, 9);  // the container is 16-bit; report the bits actually used
    } else {
        m.bitsStored = 8;
    }
    m.photometric = "MONOCHROME2";
    applyCallerData(m, options);
    return r;
}

Radiograph decodeJpeg2000File(const std::uint8_t* data, std::size_t size, const std::string& source,
                              const LoadOptions& options)
{
    Jpeg2000Expectation expect;
    expect.fromDicom = false;
    expect.maxPixels = options.limits.maxPixels;
    const Jpeg2000Image image = decodeJpeg2000(data, size, expect, source);
    Radiograph r;
    RadiographMetadata& m = r.metadata;
    m.sourceFile = source;
    m.format = toString(FileFormat::Jpeg2000);
    m.photometric = "MONOCHROME2";
    m.bitsStored = image.precision;
    const std::size_t n = std::size_t(image.width) * std::size_t(image.height);
    const std::int32_t* s = image.samples.data();
    if (image.components >= 3) {
        // sYCC: the first component is the luminance; otherwise RGB (a fourth component is alpha).
        cv::Mat grey(image.height, image.width, CV_32F);
        float* g = grey.ptr<float>();
        const bool ycc = image.colourSpace == Jpeg2000Image::ColourSpace::SYcc;
        for (std::size_t i = 0; i < n; ++i)
            g[i] = ycc ? float(s[i]) : float(0.299 * s[i] + 0.587 * s[n + i] + 0.114 * s[2 * n + i]);
        grey.convertTo(r.pixels, image.precision <= 8 ? CV_8U : CV_16U);   // rounds and saturates
        m.warnings.push_back("colour image converted to grey; a radiograph should be greyscale");
    } else if (image.components == 1) {
        cv::Mat values(image.height, image.width, CV_32S, const_cast<std::int32_t*>(s));
        m.isSigned = image.isSigned;
        values.convertTo(r.pixels, image.isSigned ? CV_16S : image.precision <= 8 ? CV_8U : CV_16U);
    } else {
        throw InputError(InputError::Reason::UnsupportedImage,
                         source + ": JPEG 2000 images with " + std::to_string(image.components) +
                             " components are not supported; a radiograph has one (grey) or three (colour).");
    }
    applyCallerData(m, options);
    return r;
}

} // namespace boneage
