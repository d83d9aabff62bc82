#include "Jpeg2000Decoder.h"
#include "InputError.h"
#include "IsolatedDecode.h"

#include <openjpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <thread>

namespace boneage {

namespace {

struct MemoryStream {
    const std::uint8_t* data;
    std::size_t size, pos = 0;
};

OPJ_SIZE_T readBytes(void* buffer, OPJ_SIZE_T n, void* user)
{
    auto* s = static_cast<MemoryStream*>(user);
    if (s->pos >= s->size) return static_cast<OPJ_SIZE_T>(-1);
    const std::size_t k = std::min<std::size_t>(n, s->size - s->pos);
    std::memcpy(buffer, s->data + s->pos, k);
    s->pos += k;
    return k;
}

OPJ_OFF_T skipBytes(OPJ_OFF_T n, void* user)
{
    auto* s = static_cast<MemoryStream*>(user);
    if (n < 0) {
        const std::size_t back = std::min<std::size_t>(static_cast<std::size_t>(-n), s->pos);
        s->pos -= back;
        return -static_cast<OPJ_OFF_T>(back);
    }
    const std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(n), s->size - s->pos);
    s->pos += k;
    return static_cast<OPJ_OFF_T>(k);
}

OPJ_BOOL seekTo(OPJ_OFF_T at, void* user)
{
    auto* s = static_cast<MemoryStream*>(user);
    if (at < 0 || static_cast<std::uint64_t>(at) > s->size) return OPJ_FALSE;
    s->pos = static_cast<std::size_t>(at);
    return OPJ_TRUE;
}

void keepMessage(const char* msg, void* user)
{
    std::string& last = *static_cast<std::string*>(user);
    last = msg ? msg : "";
    while (!last.empty() && (last.back() == '\n' || last.back() == ' ')) last.pop_back();
}
void ignoreMessage(const char*, void*) {}

struct CodecDeleter {
    void operator()(opj_codec_t* c) const { opj_destroy_codec(c); }
};
struct StreamDeleter {
    void operator()(opj_stream_t* s) const { opj_stream_destroy(s); }
};
struct ImageDeleter {
    void operator()(opj_image_t* i) const { opj_image_destroy(i); }
};

// A codestream whose last marker is not EOC (FFD9) was cut short; one with EOC is damaged.
bool endsWithEoc(const std::uint8_t* d, std::size_t n)
{
    while (n > 0 && d[n - 1] == 0) --n;   // DICOM pads fragments to even length
    return n >= 2 && d[n - 2] == 0xFF && d[n - 1] == 0xD9;
}

Jpeg2000Image decodeInProcess(const std::uint8_t* data, std::size_t size, const Jpeg2000Expectation& expect,
                              const std::string& source)
{
    using R = InputError::Reason;
    const bool isJp2 = size >= 12 && std::memcmp(data, "\x00\x00\x00\x0cjP  \r\n\x87\n", 12) == 0;
    const bool isJ2k = size >= 4 && std::memcmp(data, "\xff\x4f\xff\x51", 4) == 0;
    if (!isJp2 && !isJ2k)
        throw InputError(R::Corrupt, source + ": the JPEG 2000 data does not start with a JPEG 2000 header; "
                                              "the file is damaged.");
    std::unique_ptr<opj_codec_t, CodecDeleter> codec(opj_create_decompress(isJp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
    std::string lastError;
    opj_set_error_handler(codec.get(), keepMessage, &lastError);
    opj_set_warning_handler(codec.get(), ignoreMessage, nullptr);
    opj_set_info_handler(codec.get(), ignoreMessage, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec.get(), &parameters))
        throw std::runtime_error("OpenJPEG cannot set up a decoder");
    // Strict: a codestream cut short is an error, not a partly grey image.
    opj_decoder_set_strict_mode(codec.get(), OPJ_TRUE);
    opj_codec_set_threads(codec.get(), static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u)));

    MemoryStream memory{data, size};
    std::unique_ptr<opj_stream_t, StreamDeleter> stream(opj_stream_create(64 * 1024, OPJ_TRUE));
    opj_stream_set_user_data(stream.get(), &memory, nullptr);
    opj_stream_set_user_data_length(stream.get(), size);
    opj_stream_set_read_function(stream.get(), readBytes);
    opj_stream_set_skip_function(stream.get(), skipBytes);
    opj_stream_set_seek_function(stream.get(), seekTo);

    auto failure = [&](const char* stage) {
        const bool cut = !isJp2 && !endsWithEoc(data, size);
        return InputError(cut ? R::Truncated : R::Corrupt,
                          source + ": the JPEG 2000 " + stage + (cut ? " is cut short" : " is damaged") +
                              (lastError.empty() ? std::string() : " (" + lastError + ")") +
                              "; copy it again from the PACS or modality.");
    };

    opj_image_t* raw = nullptr;
    if (!opj_read_header(stream.get(), codec.get(), &raw) || !raw) throw failure("header");
    std::unique_ptr<opj_image_t, ImageDeleter> image(raw);

    // Check what the header declares before anything of that size is allocated.
    const int n = static_cast<int>(image->numcomps);
    if (n < 1 || n > expect.maxComponents || (expect.components && n != *expect.components))
        throw InputError(R::Corrupt, source + ": the JPEG 2000 data holds " + std::to_string(n) +
                                         " components" +
                                         (expect.components ? ", the DICOM header declares " +
                                                                  std::to_string(*expect.components) + " samples per pixel"
                                                            : std::string()) +
                                         "; the file is inconsistent.");
    const opj_image_comp_t& c0 = image->comps[0];
    for (int k = 0; k < n; ++k) {
        const opj_image_comp_t& c = image->comps[k];
        if (c.dx != 1 || c.dy != 1 || c.w != c0.w || c.h != c0.h)
            throw InputError(R::UnsupportedImage,
                             source + ": JPEG 2000 images with subsampled components are not supported.");
        if (c.prec != c0.prec || c.sgnd != c0.sgnd)
            throw InputError(R::UnsupportedImage,
                             source + ": JPEG 2000 components of different depths are not supported.");
    }
    const std::uint64_t pixels = std::uint64_t(c0.w) * c0.h;
    if (pixels == 0) throw InputError(R::Corrupt, source + ": the JPEG 2000 header declares an empty image.");
    if (pixels > expect.maxPixels)
        throw InputError(R::TooLarge, source + ": the JPEG 2000 data declares " + std::to_string(c0.w) + "x" +
                                          std::to_string(c0.h) + " pixels, over the limit of " +
                                          std::to_string(expect.maxPixels / 1000000) + " megapixels.");
    if ((expect.width && int(c0.w) != *expect.width) || (expect.height && int(c0.h) != *expect.height))
        throw InputError(R::Corrupt, source + ": the JPEG 2000 image is " + std::to_string(c0.w) + "x" +
                                         std::to_string(c0.h) + " pixels but the DICOM header declares " +
                                         std::to_string(expect.width.value_or(0)) + "x" +
                                         std::to_string(expect.height.value_or(0)) + "; the file is inconsistent.");
    if (c0.prec < 1 || int(c0.prec) > expect.maxPrecision)
        throw InputError(expect.fromDicom ? R::Corrupt : R::UnsupportedImage,
                         source + ": the JPEG 2000 samples have " + std::to_string(c0.prec) + " bits, more than the " +
                             std::to_string(expect.maxPrecision) +
                             (expect.fromDicom ? " bits the DICOM header allocates for them; the file is inconsistent."
                                               : " bits this program reads."));

    if (!opj_decode(codec.get(), stream.get(), image.get()) || !opj_end_decompress(codec.get(), stream.get()))
        throw failure("image data");

    Jpeg2000Image out;
    out.width = static_cast<int>(c0.w);
    out.height = static_cast<int>(c0.h);
    out.components = n;
    out.precision = static_cast<int>(c0.prec);
    out.isSigned = c0.sgnd != 0;
    switch (image->color_space) {
    case OPJ_CLRSPC_GRAY: out.colourSpace = Jpeg2000Image::ColourSpace::Grey; break;
    case OPJ_CLRSPC_SRGB: out.colourSpace = Jpeg2000Image::ColourSpace::SRgb; break;
    case OPJ_CLRSPC_SYCC: out.colourSpace = Jpeg2000Image::ColourSpace::SYcc; break;
    default: break;
    }
    const std::size_t plane = static_cast<std::size_t>(pixels);
    out.samples.resize(plane * static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k) {
        const opj_image_comp_t& c = image->comps[k];
        // The decoder may have reduced the component after the header (it must not, but check).
        if (!c.data || c.w != c0.w || c.h != c0.h) throw failure("image data");
        std::copy(c.data, c.data + plane, out.samples.begin() + static_cast<std::ptrdiff_t>(plane * k));
    }
    return out;
}

// What crosses the pipe from the decoding child: these fields, then the samples.
struct ImageFields {
    std::int32_t width, height, components, precision, isSigned, colourSpace;
};

} // namespace

Jpeg2000Image decodeJpeg2000(const std::uint8_t* data, std::size_t size, const Jpeg2000Expectation& expect,
                             const std::string& source)
{
    // OpenJPEG runs in a child process (IsolatedDecode.h): its assert()s abort on crafted codestreams.
    const IsolatedResult result = runIsolated(
        [&] {
            const Jpeg2000Image image = decodeInProcess(data, size, expect, source);
            const ImageFields f{image.width, image.height, image.components, image.precision, image.isSigned,
                                static_cast<std::int32_t>(image.colourSpace)};
            IsolatedResult r;
            r.bytes.resize(sizeof f + image.samples.size() * sizeof(std::int32_t));
            std::memcpy(r.bytes.data(), &f, sizeof f);
            std::memcpy(r.bytes.data() + sizeof f, image.samples.data(), image.samples.size() * sizeof(std::int32_t));
            return r;
        },
        source, "JPEG 2000 image data", sizeof(ImageFields) + expect.maxPixels * expect.maxComponents * sizeof(std::int32_t));
    ImageFields f;
    const std::size_t samples = (result.bytes.size() - std::min(result.bytes.size(), sizeof f)) / sizeof(std::int32_t);
    if (result.bytes.size() < sizeof f) throw std::runtime_error("the JPEG 2000 decoder process returned no image");
    std::memcpy(&f, result.bytes.data(), sizeof f);
    if (std::uint64_t(f.width) * std::uint64_t(f.height) * std::uint64_t(f.components) != samples)
        throw std::runtime_error("the JPEG 2000 decoder process returned an image of the wrong size");
    Jpeg2000Image out;
    out.width = f.width, out.height = f.height, out.components = f.components;
    out.precision = f.precision, out.isSigned = f.isSigned != 0;
    out.colourSpace = static_cast<Jpeg2000Image::ColourSpace>(f.colourSpace);
    out.samples.resize(samples);
    std::memcpy(out.samples.data(), result.bytes.data() + sizeof f, samples * sizeof(std::int32_t));
    return out;
}

} // namespace boneage
