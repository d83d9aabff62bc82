// DICOM through DCMTK. We read the stored values ourselves (bits stored/high bit/sign, then the
// modality transform) so that the Radiograph keeps the film's full depth, and we keep the file's
// windows and VOI LUTs for display instead of baking one of them in. Only the first frame is read;
// colour images become their luminance. What is unusual but readable is a warning in the metadata.
#include "DicomColour.h"
#include "DicomFrame.h"
#include "DicomPrepass.h"
#include "DicomText.h"
#include "InputError.h"
#include "RadiographLoader.h"
#include "TransferSyntaxes.h"
#include "Utf8Text.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace boneage {

namespace {

using R = InputError::Reason;

void registerDecoders()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // DCMTK logs parser warnings to stderr; our errors carry the message instead.
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

std::string trimmed(std::string s)
{
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
    return s;
}

// One value of an element as stored, trailing padding removed. Not necessarily UTF-8.
std::string rawValue(DcmItem* item, const DcmTagKey& tag, unsigned long pos = 0)
{
    OFString v;
    return item->findAndGetOFString(tag, v, pos).good() ? trimmed(std::string(v.c_str(), v.length())) : std::string();
}

// The whole value of a single-valued text element: in ISO 2022 text a 0x5C byte may be half of a
// two-byte character rather than a value separator.
std::string rawText(DcmItem* item, const DcmTagKey& tag)
{
    OFString v;
    return item->findAndGetOFStringArray(tag, v).good() ? trimmed(std::string(v.c_str(), v.length())) : std::string();
}

// Code strings, dates, UIDs: ASCII by their VR, but a damaged file may hold anything.
std::string str(DcmItem* item, const DcmTagKey& tag, unsigned long pos = 0)
{
    return validUtf8(rawValue(item, tag, pos));
}

long intValue(DcmItem* item, const DcmTagKey& tag, long fallback)
{
    Uint16 u;
    if (item->findAndGetUint16(tag, u).good()) return u;
    Sint32 s;
    if (item->findAndGetSint32(tag, s).good()) return s;
    const std::string t = str(item, tag);
    if (!t.empty()) {
        try { return std::stol(t); } catch (...) {}
    }
    return fallback;
}

unsigned long valueCount(DcmItem* item, const DcmTagKey& tag)
{
    DcmElement* e = nullptr;
    return item->findAndGetElement(tag, e).good() && e ? e->getVM() : 0;
}

// A decimal string (DS) value. Parsed here rather than by DCMTK so that "NaN", "inf" and "1e400"
// are seen for what they are, and independently of the C locale (a Qt program sets the user's).
struct Decimal {
    bool present = false;   // a non-empty value is there
    bool valid = false;     // ... and it is a finite number
    double value = 0;
    std::string text;
};

Decimal decimal(DcmItem* item, const DcmTagKey& tag, unsigned long pos = 0)
{
    Decimal d;
    std::string t = str(item, tag, pos);
    while (!t.empty() && t.front() == ' ') t.erase(t.begin());
    d.text = t;
    if (t.empty()) return d;
    d.present = true;
    const char* first = t.c_str() + (t[0] == '+' ? 1 : 0);
    const char* last = t.c_str() + t.size();
    const auto [end, ec] = std::from_chars(first, last, d.value);
    d.valid = ec == std::errc() && end == last && std::isfinite(d.value);
    return d;
}

bool isRadiographModality(const std::string& m)
{
    // Projection radiography and the secondary-capture / other classes that scanned films use.
    static const char* ok[] = {"CR", "DX", "RG", "OT", "XC", "DR", "DF", "SC", "PX"};
    return std::any_of(std::begin(ok), std::end(ok), [&](const char* k) { return m == k; });
}

// "BasicTextSRStorage" -> "Basic Text SR", for messages.
std::string readableSopClass(const char* name)
{
    std::string out;
    const std::string n = name;
    for (size_t i = 0; i < n.size(); ++i) {
        const bool upper = std::isupper(static_cast<unsigned char>(n[i]));
        const bool afterLower = i > 0 && std::islower(static_cast<unsigned char>(n[i - 1]));
        const bool endsAcronym = i > 0 && std::isupper(static_cast<unsigned char>(n[i - 1])) && i + 1 < n.size() &&
                                 std::islower(static_cast<unsigned char>(n[i + 1]));
        if (upper && (afterLower || endsAcronym)) out += ' ';
        out += n[i];
    }
    const std::string suffix = " Storage";
    if (out.size() > suffix.size() && out.compare(out.size() - suffix.size(), suffix.size(), suffix) == 0)
        out.resize(out.size() - suffix.size());
    return out;
}

// Where the stored bits sit in each allocated word, and their sign.
struct PixelLayout {
    int shift;
    std::uint32_t mask, signBit;
    bool isSigned;
    PixelLayout(int bitsStored, int highBit, bool s)
        : shift(highBit + 1 - bitsStored), mask(static_cast<std::uint32_t>((1ull << bitsStored) - 1)),
          signBit(1u << (bitsStored - 1)), isSigned(s) {}
    long minValue() const { return isSigned ? -static_cast<long>(signBit) : 0; }
    long maxValue() const { return isSigned ? static_cast<long>(signBit) - 1 : static_cast<long>(mask); }
    std::int32_t value(std::uint32_t raw) const
    {
        const std::uint32_t v = (raw >> shift) & mask;
        return isSigned && (v & signBit) ? static_cast<std::int32_t>(v) - static_cast<std::int32_t>(mask) - 1
                                         : static_cast<std::int32_t>(v);
    }
};

// Stored values plus an integer offset, written as T (the caller has checked that every value fits).
template <typename T>
cv::Mat extractStored(const Uint16* words, const Uint8* bytes, int rows, int cols, const PixelLayout& layout,
                      int offset, int type)
{
    cv::Mat out(rows, cols, type);
    T* dst = out.ptr<T>();
    const size_t n = static_cast<size_t>(rows) * static_cast<size_t>(cols);
    if (words)
        for (size_t i = 0; i < n; ++i) dst[i] = static_cast<T>(layout.value(words[i]) + offset);
    else
        for (size_t i = 0; i < n; ++i) dst[i] = static_cast<T>(layout.value(bytes[i]) + offset);
    return out;
}

struct Lut {
    int first = 0;
    int bits = 16;
    std::vector<std::uint16_t> data;
    std::string explanation;   // as stored
};

std::optional<Lut> readLut(DcmItem* item, bool signedInput, const DcmTagKey& descriptorTag = DCM_LUTDescriptor,
                           const DcmTagKey& dataTag = DCM_LUTData)
{
    Uint16 n = 0, first = 0, bits = 0;
    if (item->findAndGetUint16(descriptorTag, n, 0).bad() || item->findAndGetUint16(descriptorTag, first, 1).bad() ||
        item->findAndGetUint16(descriptorTag, bits, 2).bad())
        return std::nullopt;
    const unsigned long entries = n == 0 ? 65536 : n;
    const Uint16* words = nullptr;
    unsigned long count = 0;
    if (item->findAndGetUint16Array(dataTag, words, &count).bad() || !words || count == 0) return std::nullopt;
    Lut lut;
    lut.first = signedInput ? static_cast<Sint16>(first) : first;
    lut.bits = bits;
    lut.explanation = rawText(item, DCM_LUTExplanation);
    if (bits <= 8 && count * 2 >= entries && count < entries) {
        // 8-bit entries packed two to a word.
        for (unsigned long i = 0; i < entries; ++i)
            lut.data.push_back(i % 2 == 0 ? (words[i / 2] & 0xFF) : (words[i / 2] >> 8));
    } else {
        lut.data.assign(words, words + std::min(count, entries));
    }
    return lut;
}

[[noreturn]] void throwReadError(const OFCondition& cond, const std::string& source)
{
    const bool shortRead = cond == EC_StreamNotifyClient || cond == EC_InvalidStream || cond == EC_SequEnd ||
                           cond == EC_ItemEnd;
    throw InputError(shortRead ? R::Truncated : R::Corrupt,
                     source + (shortRead ? ": the DICOM file is cut short or damaged (" : ": the DICOM file is damaged (") +
                         std::string(cond.text()) + "); copy it again from the PACS or modality.");
}

enum class ColourKind { Grey, Colour, Palette };

Radiograph interpret(DcmFileFormat& file, const std::string& source, const LoadOptions& options,
                     std::uint64_t fileBytes, const std::string& declaredSyntax);

// `declaredSyntax`: the file's own transfer syntax when the bytes DCMTK reads were prepared (see
// DicomPrepass.h); empty otherwise.
Radiograph loadFrom(const std::string& readablePath, const std::string& source, std::uint64_t fileBytes,
                    const LoadOptions& options, const std::string& declaredSyntax = {})
{
    // Elements larger than 4 KiB stay in the file until they are accessed. Besides sparing a second
    // copy of the pixels, this keeps a few bytes that declare a 4 GB element from making DCMTK
    // allocate 4 GB up front (found by fuzzing): we only touch the pixel data, after checking its
    // declared length against the file size.
    registerDecoders();
    DcmFileFormat file;
    const OFCondition cond =
        file.loadFile(readablePath.c_str(), EXS_Unknown, EGL_noChange, 4096, ERM_autoDetect);
    if (cond.bad()) throwReadError(cond, source);
    return interpret(file, source, options, fileBytes, declaredSyntax);
}

// Bytes in memory get the same lazy, length-checked parsing as files on disk through an anonymous
// in-memory file (DCMTK's buffer stream must load every element eagerly).
Radiograph loadFromMemory(const std::uint8_t* data, std::size_t size, const std::string& source,
                          const LoadOptions& options, const std::string& declaredSyntax = {})
{
    const int fd = static_cast<int>(::syscall(SYS_memfd_create, "boneage-dicom", 0u));
    if (fd < 0) throw std::runtime_error("cannot create an in-memory file for DICOM decoding");
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    for (std::size_t written = 0; written < size;) {
        const ssize_t n = ::write(fd, data + written, size - written);
        if (n <= 0) throw std::runtime_error("cannot write the in-memory DICOM file");
        written += static_cast<std::size_t>(n);
    }
    return loadFrom("/proc/self/fd/" + std::to_string(fd), source, size, options, declaredSyntax);
}

} // namespace

Radiograph decodeDicom(const std::uint8_t* data, std::size_t size, const std::string& source,
                       const LoadOptions& options)
{
    const auto meta = dicom::readMetaHeader(data, size);
    if (meta && dicom::needsPrepass(*meta)) {
        const auto prepared = dicom::prepareForDcmtk(data, size, *meta, options.limits, source);
        return loadFromMemory(prepared.data(), prepared.size(), source, options, meta->transferSyntax);
    }
    return loadFromMemory(data, size, source, options);
}

Radiograph loadDicomFile(const std::string& path, const LoadOptions& options)
{
    std::error_code ec;
    const std::uint64_t bytes = std::filesystem::file_size(path, ec);
    // The meta header (a few hundred bytes; 64 KiB holds any real one) decides whether the file is
    // read as it is, the usual case, or prepared first.
    std::ifstream in(path, std::ios::binary);
    std::vector<std::uint8_t> head(static_cast<std::size_t>(std::min<std::uint64_t>(ec ? 0 : bytes, 64u << 10)));
    in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    const auto meta = dicom::readMetaHeader(head.data(), head.size());
    if (!meta || !dicom::needsPrepass(*meta)) return loadFrom(path, path, ec ? 0 : bytes, options);
    if (bytes > options.limits.maxFileBytes)
        throw InputError(R::TooLarge, path + ": the file is " + std::to_string(bytes >> 20) +
                                          " MiB, over the limit of " +
                                          std::to_string(options.limits.maxFileBytes >> 20) + " MiB.");
    std::vector<std::uint8_t> all(static_cast<std::size_t>(bytes));
    in.clear();
    in.seekg(0);
    in.read(reinterpret_cast<char*>(all.data()), static_cast<std::streamsize>(all.size()));
    all.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    const auto prepared = dicom::prepareForDcmtk(all.data(), all.size(), *meta, options.limits, path);
    return loadFromMemory(prepared.data(), prepared.size(), path, options, meta->transferSyntax);
}

namespace {

Radiograph interpret(DcmFileFormat& file, const std::string& source, const LoadOptions& options,
                     std::uint64_t fileBytes, const std::string& declaredSyntax)
{
    DcmDataset* ds = file.getDataset();
    Radiograph r;
    RadiographMetadata& m = r.metadata;
    m.sourceFile = source;
    m.format = "DICOM";
    m.sopClassUid = str(ds, DCM_SOPClassUID);
    if (m.sopClassUid.empty()) m.sopClassUid = str(file.getMetaInfo(), DCM_MediaStorageSOPClassUID);
    m.sopInstanceUid = str(ds, DCM_SOPInstanceUID);
    if (m.sopInstanceUid.empty()) m.sopInstanceUid = str(file.getMetaInfo(), DCM_MediaStorageSOPInstanceUID);
    m.modality = str(ds, DCM_Modality);

    const E_TransferSyntax xfer = ds->getOriginalXfer();
    const DcmXfer xferInfo(xfer);
    std::string xferUid = declaredSyntax.empty() ? str(file.getMetaInfo(), DCM_TransferSyntaxUID) : declaredSyntax;
    if (xferUid.empty()) xferUid = xferInfo.getXferID();
    m.transferSyntax = xferUid;

    if (!ds->tagExists(DCM_PixelData)) {
        const char* name = dcmFindNameOfUID(m.sopClassUid.c_str(), nullptr);
        throw InputError(R::NoPixelData, source + ": this DICOM object holds no image" +
                                             (name ? " (it is a " + readableSopClass(name) + ")" : std::string()) +
                                             "; open the radiograph itself.");
    }
    if (!m.modality.empty() && !isRadiographModality(m.modality))
        throw InputError(R::WrongModality,
                         source + ": the modality is " + m.modality +
                             ", not a projection radiograph; bone age needs a hand radiograph (CR, DX or a "
                             "secondary capture of one).");

    const char* const askFor = "ask for the image uncompressed, JPEG lossless, JPEG-LS or JPEG 2000";
    const TransferSyntax* syntax = findTransferSyntax(xferUid);
    if (syntax && !syntax->supported())
        throw InputError(R::UnsupportedTransferSyntax, source + ": " + syntax->name + " (transfer syntax " + xferUid +
                                                           ") is not supported; " + askFor + ".");
    if (!syntax && xfer == EXS_Unknown)
        throw InputError(R::UnsupportedTransferSyntax,
                         source + ": the transfer syntax " + xferUid + " is not one this program knows; " + askFor + ".");

    const long frames = intValue(ds, DCM_NumberOfFrames, 1);
    if (frames < 1 || frames > INT_MAX)
        throw InputError(R::Corrupt, source + ": Number of Frames is " + std::to_string(frames) +
                                         "; the file is damaged.");
    const long samples = intValue(ds, DCM_SamplesPerPixel, 1);
    m.photometric = str(ds, DCM_PhotometricInterpretation);
    if (m.photometric.empty()) m.photometric = samples == 3 ? "RGB" : "MONOCHROME2";
    const std::string& pi = m.photometric;
    const bool jpeg2000 = isJpeg2000(xferUid);
    ColourKind kind;
    if (samples == 1 && (pi == "MONOCHROME1" || pi == "MONOCHROME2")) kind = ColourKind::Grey;
    else if (samples == 1 && pi == "PALETTE COLOR") kind = ColourKind::Palette;
    else if (samples == 3 && (pi == "RGB" || pi == "YBR_FULL" || pi == "YBR_FULL_422" ||
                              (jpeg2000 && (pi == "YBR_ICT" || pi == "YBR_RCT"))))
        kind = ColourKind::Colour;
    else
        throw InputError(R::UnsupportedImage,
                         source + ": the photometric interpretation " + pi + " with " + std::to_string(samples) +
                             " sample(s) per pixel is not supported; a hand radiograph is greyscale "
                             "(MONOCHROME1/2; RGB, YBR_FULL, YBR_FULL_422 and PALETTE COLOR are read as grey).");
    const long planar = kind == ColourKind::Colour ? intValue(ds, DCM_PlanarConfiguration, 0) : 0;
    if (planar != 0 && planar != 1)
        throw InputError(R::Corrupt, source + ": Planar Configuration is " + std::to_string(planar) +
                                         " (0 or 1 expected); the file is damaged.");

    const long rows = intValue(ds, DCM_Rows, 0), cols = intValue(ds, DCM_Columns, 0);
    if (rows <= 0 || cols <= 0)
        throw InputError(R::Corrupt, source + ": the image size (Rows/Columns) is missing.");
    if (std::uint64_t(rows) * std::uint64_t(cols) > options.limits.maxPixels)
        throw InputError(R::TooLarge, source + ": the image has " + std::to_string(cols) + "x" + std::to_string(rows) +
                                          " pixels, over the limit of " +
                                          std::to_string(options.limits.maxPixels / 1000000) + " megapixels.");
    const long bitsAllocated = intValue(ds, DCM_BitsAllocated, 0);
    const long bitsStored = intValue(ds, DCM_BitsStored, bitsAllocated);
    const long highBit = intValue(ds, DCM_HighBit, bitsStored - 1);
    const bool isSigned = intValue(ds, DCM_PixelRepresentation, 0) == 1;
    if ((bitsAllocated != 8 && bitsAllocated != 16) || bitsStored < 1 || bitsStored > bitsAllocated ||
        highBit < bitsStored - 1 || highBit >= bitsAllocated)
        throw InputError(R::UnsupportedImage,
                         source + ": unsupported pixel layout (bits allocated " + std::to_string(bitsAllocated) +
                             ", stored " + std::to_string(bitsStored) + ", high bit " + std::to_string(highBit) + ").");
    if (kind != ColourKind::Grey && isSigned)
        throw InputError(R::UnsupportedImage, source + ": " + pi + " with signed samples is not a valid DICOM "
                                                               "image; the file is damaged.");
    if (pi == "YBR_FULL_422" && !xferInfo.isEncapsulated() && cols % 2 != 0)
        throw InputError(R::Corrupt, source + ": YBR_FULL_422 needs an even number of columns, not " +
                                         std::to_string(cols) + "; the file is damaged.");

    dicom::PixelHeader header;
    header.rows = static_cast<int>(rows);
    header.cols = static_cast<int>(cols);
    header.samples = static_cast<int>(samples);
    header.frames = static_cast<int>(frames);
    header.bitsAllocated = static_cast<int>(bitsAllocated);
    header.bitsStored = static_cast<int>(bitsStored);
    header.highBit = static_cast<int>(highBit);
    header.isSigned = isSigned;
    header.photometric = pi;
    header.planar = static_cast<int>(planar);
    header.transferSyntax = xferUid;
    header.dcmtkSyntax = xfer;
    header.encapsulated = xferInfo.isEncapsulated();
    header.fileBytes = fileBytes;
    header.maxPixels = options.limits.maxPixels;
    const dicom::Frame frame = dicom::readFirstFrame(*ds, header, source);
    m.warnings.insert(m.warnings.end(), frame.warnings.begin(), frame.warnings.end());
    if (frames > 1)
        m.warnings.push_back("multi-frame image (" + std::to_string(frames) + " frames): only the first frame is read");

    const PixelLayout layout(frame.bitsStored, frame.highBit, isSigned);
    const int h = static_cast<int>(rows), w = static_cast<int>(cols);
    m.bitsStored = frame.bitsStored;
    m.isSigned = isSigned;
    dicom::TextDecoder text(*ds);

    if (kind == ColourKind::Colour) {
        if (frame.photometric != "RGB" && frame.photometric != "YBR_FULL" && frame.photometric != "YBR_FULL_422")
            throw InputError(R::UnsupportedImage, source + ": the decoder returned " + frame.photometric +
                                                      " samples, which cannot be converted to grey.");
        dicom::ColourFrame colour;
        colour.words = frame.words;
        colour.bytes = frame.bytes;
        colour.rows = h;
        colour.cols = w;
        colour.bitsStored = frame.bitsStored;
        colour.highBit = frame.highBit;
        colour.planar = frame.planar;
        colour.photometric = frame.photometric;
        r.pixels = dicom::colourToGrey(colour);
        m.warnings.push_back("colour image (" + pi + ") converted to grey (its luminance); a radiograph should be "
                             "greyscale");
        m.photometric = "MONOCHROME2";
    } else if (kind == ColourKind::Palette) {
        auto red = readLut(ds, false, DCM_RedPaletteColorLookupTableDescriptor, DCM_RedPaletteColorLookupTableData);
        auto green = readLut(ds, false, DCM_GreenPaletteColorLookupTableDescriptor, DCM_GreenPaletteColorLookupTableData);
        auto blue = readLut(ds, false, DCM_BluePaletteColorLookupTableDescriptor, DCM_BluePaletteColorLookupTableData);
        if (!red || !green || !blue)
            throw InputError(R::UnsupportedImage, source + ": a PALETTE COLOR image without a readable palette "
                                                           "(segmented palettes are not supported).");
        dicom::Palette palette;
        palette.firstMapped = red->first;
        palette.red = std::move(red->data);
        palette.green = std::move(green->data);
        palette.blue = std::move(blue->data);
        // Entries over 255 mean 16-bit entries whatever the descriptor says (writers disagree on it).
        std::uint16_t top = 0;
        for (const auto* lut : {&palette.red, &palette.green, &palette.blue})
            top = std::max(top, *std::max_element(lut->begin(), lut->end()));
        palette.bits = top > 255 ? 16 : 8;
        std::vector<std::int32_t> indices(static_cast<std::size_t>(h) * static_cast<std::size_t>(w));
        for (std::size_t i = 0; i < indices.size(); ++i)
            indices[i] = layout.value(frame.words ? frame.words[i] : frame.bytes[i]);
        r.pixels = dicom::paletteToGrey(indices, h, w, palette);
        m.bitsStored = palette.bits;
        m.warnings.push_back("PALETTE COLOR image converted to grey through its palette; a radiograph should be "
                             "greyscale");
        m.photometric = "MONOCHROME2";
    } else {
        // Modality transform: a Modality LUT if present, else rescale slope/intercept.
        double slope = 1, intercept = 0;
        const Decimal s = decimal(ds, DCM_RescaleSlope), i = decimal(ds, DCM_RescaleIntercept);
        if ((s.present && !s.valid) || (i.present && !i.valid)) {
            m.warnings.push_back("Rescale Slope/Intercept ('" + s.text + "', '" + i.text +
                                 "') is not a finite number and was ignored (slope 1, intercept 0 used)");
        } else {
            if (s.present) slope = s.value;
            if (i.present) intercept = i.value;
            if (slope == 0) {
                // Slope 0 would make every pixel the intercept; files that write it mean "no rescale".
                m.warnings.push_back("Rescale Slope is 0, which would make every pixel equal; read as 1");
                slope = 1;
            }
            // Values beyond what a float holds would render as one grey level.
            const double extreme =
                std::max(std::abs(double(layout.minValue())), std::abs(double(layout.maxValue()))) * std::abs(slope) +
                std::abs(intercept);
            if (!(extreme < 1e30)) {
                m.warnings.push_back("Rescale Slope/Intercept (" + s.text + ", " + i.text +
                                     ") puts the values beyond 1e30 and was ignored (slope 1, intercept 0 used)");
                slope = 1;
                intercept = 0;
            }
        }
        DcmSequenceOfItems* mlutSeq = nullptr;
        std::optional<Lut> mlut;
        if (ds->findAndGetSequence(DCM_ModalityLUTSequence, mlutSeq).good() && mlutSeq && mlutSeq->card() > 0)
            mlut = readLut(mlutSeq->getItem(0), isSigned);
        const bool hasModalityLut = mlut && !mlut->data.empty();

        // The common case (slope 1, integer intercept) goes straight into the smallest type that holds
        // every possible value.
        const bool integerRescale =
            !hasModalityLut && slope == 1 && intercept == std::floor(intercept) && std::abs(intercept) < 1e9;
        const long lo = integerRescale ? layout.minValue() + static_cast<long>(intercept) : 0;
        const long hi = integerRescale ? layout.maxValue() + static_cast<long>(intercept) : 0;
        const int offset = static_cast<int>(lo - layout.minValue());
        if (integerRescale && lo >= 0 && hi <= 255 && bitsAllocated == 8) {
            r.pixels = extractStored<std::uint8_t>(frame.words, frame.bytes, h, w, layout, offset, CV_8U);
        } else if (integerRescale && lo >= 0 && hi <= 65535) {
            r.pixels = extractStored<std::uint16_t>(frame.words, frame.bytes, h, w, layout, offset, CV_16U);
        } else if (integerRescale && lo >= -32768 && hi <= 32767) {
            r.pixels = extractStored<std::int16_t>(frame.words, frame.bytes, h, w, layout, offset, CV_16S);
        } else {
            const cv::Mat stored = extractStored<std::int32_t>(frame.words, frame.bytes, h, w, layout, 0, CV_32S);
            cv::Mat modality;
            if (hasModalityLut) {
                modality.create(stored.size(), CV_32S);
                const int n = static_cast<int>(mlut->data.size());
                const std::int32_t* in = stored.ptr<std::int32_t>();
                std::int32_t* dst = modality.ptr<std::int32_t>();
                for (size_t k = 0; k < stored.total(); ++k)
                    dst[k] = mlut->data[static_cast<size_t>(std::clamp(in[k] - mlut->first, 0, n - 1))];
                m.warnings.push_back("modality LUT applied");
                double mn, mx;
                cv::minMaxLoc(modality, &mn, &mx);
                modality.convertTo(r.pixels, mn >= 0 && mx <= 65535 ? CV_16U : CV_32F);
            } else {
                stored.convertTo(r.pixels, CV_32F, slope, intercept);
            }
        }
        if (!hasModalityLut) {
            m.rescaleSlope = slope;
            m.rescaleIntercept = intercept;
        }

        // Display: windows (all of them, in file order) and VOI LUTs. A window that is not a number, or
        // that lies wholly outside the image's values, would show a black (or white) film: ignored.
        const unsigned long nw = std::min(valueCount(ds, DCM_WindowCenter), valueCount(ds, DCM_WindowWidth));
        const auto [dataLo, dataHi] = nw > 0 ? r.valueRange() : std::pair<double, double>{0, 0};
        for (unsigned long k = 0; k < nw; ++k) {
            const Decimal c = decimal(ds, DCM_WindowCenter, k), wd = decimal(ds, DCM_WindowWidth, k);
            if (!c.present || !wd.present) continue;
            const std::string which = "window " + std::to_string(k + 1) + " (center '" + c.text + "', width '" + wd.text + "')";
            if (!c.valid || !wd.valid) {
                m.warnings.push_back(which + " is not a finite number and was ignored");
                continue;
            }
            if (wd.value < 1) {
                m.warnings.push_back("window " + std::to_string(k + 1) + " has a width below 1 and was ignored");
                continue;
            }
            if (c.value + wd.value / 2 < dataLo || c.value - wd.value / 2 > dataHi) {
                m.warnings.push_back(which + " lies outside the image's values and was ignored");
                continue;
            }
            r.windows.push_back({c.value, wd.value, text.decode(rawValue(ds, DCM_WindowCenterWidthExplanation, k))});
        }
        DcmSequenceOfItems* voiSeq = nullptr;
        if (ds->findAndGetSequence(DCM_VOILUTSequence, voiSeq).good() && voiSeq) {
            for (unsigned long k = 0; k < voiSeq->card(); ++k) {
                if (auto lut = readLut(voiSeq->getItem(k), isSigned && !mlut))
                    r.voiLuts.push_back({text.decode(lut->explanation), lut->first, lut->bits, std::move(lut->data)});
                else
                    m.warnings.push_back("VOI LUT " + std::to_string(k + 1) + " is malformed and was ignored");
            }
        }
        m.presentationLutInverse = str(ds, DCM_PresentationLUTShape) == "INVERSE";
    }

    // Patient and study.
    m.patientId = text.decode(rawText(ds, DCM_PatientID));
    m.patientName = text.decode(rawText(ds, DCM_PatientName), true);
    const std::string sex = str(ds, DCM_PatientSex);
    m.sex = sex == "M" ? Sex::Male : sex == "F" ? Sex::Female : Sex::Unknown;
    if (m.sex == Sex::Unknown && options.sex) m.sex = *options.sex;
    m.birthDate = Date::fromDicom(str(ds, DCM_PatientBirthDate));
    m.studyDate = Date::fromDicom(str(ds, DCM_StudyDate));
    m.acquisitionDate = Date::fromDicom(str(ds, DCM_AcquisitionDate));
    if (!m.acquisitionDate) m.acquisitionDate = Date::fromDicom(str(ds, DCM_ContentDate));
    m.studyDescription = text.decode(rawText(ds, DCM_StudyDescription));
    m.studyInstanceUid = str(ds, DCM_StudyInstanceUID);
    m.seriesInstanceUid = str(ds, DCM_SeriesInstanceUID);
    m.studyId = text.decode(rawText(ds, DCM_StudyID));
    m.accessionNumber = text.decode(rawText(ds, DCM_AccessionNumber));
    m.studyTime = str(ds, DCM_StudyTime);
    m.referringPhysicianName = text.decode(rawText(ds, DCM_ReferringPhysicianName));
    const std::optional<Date> examDate = m.studyDate ? m.studyDate : m.acquisitionDate;
    if (m.birthDate && examDate) {
        const double months = monthsBetween(*m.birthDate, *examDate);
        if (months >= 0) {
            m.chronologicalAgeMonths = months;
            m.chronologicalAgeSource = "dates";
        } else {
            m.warnings.push_back("the birth date is after the study date; chronological age not computed");
        }
    }
    if (!m.chronologicalAgeMonths) {
        if (auto age = parseDicomAge(str(ds, DCM_PatientAge))) {
            m.chronologicalAgeMonths = age;
            m.chronologicalAgeSource = "PatientAge";
        } else if (options.chronologicalAgeMonths) {
            m.chronologicalAgeMonths = options.chronologicalAgeMonths;
            m.chronologicalAgeSource = "caller";
        }
    }

    const Decimal sr = decimal(ds, DCM_PixelSpacing, 0), sc = decimal(ds, DCM_PixelSpacing, 1);
    const Decimal ir = decimal(ds, DCM_ImagerPixelSpacing, 0), ic = decimal(ds, DCM_ImagerPixelSpacing, 1);
    if (sr.valid && sc.valid && sr.value > 0 && sc.value > 0) {
        m.pixelSpacingRowMm = sr.value;
        m.pixelSpacingColumnMm = sc.value;
        m.pixelSpacingSource = "PixelSpacing";
    } else if (ir.valid && ic.valid && ir.value > 0 && ic.value > 0) {
        m.pixelSpacingRowMm = ir.value;
        m.pixelSpacingColumnMm = ic.value;
        m.pixelSpacingSource = "ImagerPixelSpacing";
    }
    m.laterality = str(ds, DCM_ImageLaterality);
    if (m.laterality.empty()) m.laterality = str(ds, DCM_Laterality);
    m.bodyPart = str(ds, DCM_BodyPartExamined);
    if (!m.bodyPart.empty() && m.bodyPart != "HAND" && m.bodyPart != "WRIST" && m.bodyPart != "EXTREMITY" &&
        m.bodyPart != "UPR EXTREM" && m.bodyPart != "ARM")
        m.warnings.push_back("body part is " + m.bodyPart + ", not a hand");
    if (m.modality.empty()) m.warnings.push_back("no modality recorded");
    if (!text.warning().empty()) m.warnings.push_back(text.warning());
    return r;
}

} // namespace

} // namespace boneage
