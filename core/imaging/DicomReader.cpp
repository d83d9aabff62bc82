// DICOM through DCMTK. We read the stored values ourselves (bits stored/high bit/sign, then the
// modality transform) so that the Radiograph keeps the film's full depth, and we keep the file's
// windows and VOI LUTs for display instead of baking one of them in.
#include "InputError.h"
#include "RadiographLoader.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
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
#include <filesystem>
#include <cctype>
#include <cmath>
#include <mutex>

namespace boneage {

namespace {

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

std::string str(DcmItem* item, const DcmTagKey& tag, unsigned long pos = 0)
{
    OFString v;
    if (item->findAndGetOFString(tag, v, pos).good()) {
        std::string s = v.c_str();
        while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
        return s;
    }
    return {};
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
    std::string explanation;
};

std::optional<Lut> readLut(DcmItem* item, bool signedInput)
{
    Uint16 n = 0, first = 0, bits = 0;
    if (item->findAndGetUint16(DCM_LUTDescriptor, n, 0).bad() ||
        item->findAndGetUint16(DCM_LUTDescriptor, first, 1).bad() ||
        item->findAndGetUint16(DCM_LUTDescriptor, bits, 2).bad())
        return std::nullopt;
    const unsigned long entries = n == 0 ? 65536 : n;
    const Uint16* words = nullptr;
    unsigned long count = 0;
    if (item->findAndGetUint16Array(DCM_LUTData, words, &count).bad() || !words || count == 0) return std::nullopt;
    Lut lut;
    lut.first = signedInput ? static_cast<Sint16>(first) : first;
    lut.bits = bits;
    lut.explanation = str(item, DCM_LUTExplanation);
    if (bits <= 8 && count * 2 >= entries && count < entries) {
        // 8-bit entries packed two to a word.
        for (unsigned long i = 0; i < entries; ++i)
            lut.data.push_back(i % 2 == 0 ? (words[i / 2] & 0xFF) : (words[i / 2] >> 8));
    } else {
        lut.data.assign(words, words + std::min(count, entries));
    }
    return lut;
}

} // namespace

namespace {

[[noreturn]] void throwReadError(const OFCondition& cond, const std::string& source)
{
    using R = InputError::Reason;
    const bool shortRead = cond == EC_StreamNotifyClient || cond == EC_InvalidStream || cond == EC_SequEnd ||
                           cond == EC_ItemEnd;
    throw InputError(shortRead ? R::Truncated : R::Corrupt,
                     source + (shortRead ? ": the DICOM file is cut short or damaged (" : ": the DICOM file is damaged (") +
                         std::string(cond.text()) + "); copy it again from the PACS or modality.");
}

Radiograph interpret(DcmFileFormat& file, const std::string& source, const LoadOptions& options,
                     std::uint64_t fileBytes);

Radiograph loadFrom(const std::string& readablePath, const std::string& source, std::uint64_t fileBytes,
                    const LoadOptions& options)
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
    return interpret(file, source, options, fileBytes);
}

} // namespace

Radiograph decodeDicom(const std::uint8_t* data, std::size_t size, const std::string& source,
                       const LoadOptions& options)
{
    // Read through an anonymous in-memory file so that bytes in memory get the same lazy, length-checked
    // parsing as files on disk (DCMTK's buffer stream must load every element eagerly).
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
    return loadFrom("/proc/self/fd/" + std::to_string(fd), source, size, options);
}

Radiograph loadDicomFile(const std::string& path, const LoadOptions& options)
{
    std::error_code ec;
    const std::uint64_t bytes = std::filesystem::file_size(path, ec);
    return loadFrom(path, path, ec ? 0 : bytes, options);
}

namespace {

Radiograph interpret(DcmFileFormat& file, const std::string& source, const LoadOptions& options,
                     std::uint64_t fileBytes)
{
    using R = InputError::Reason;
    DcmDataset* ds = file.getDataset();
    Radiograph r;
    RadiographMetadata& m = r.metadata;
    m.sourceFile = source;
    m.format = "DICOM";
    m.sopClassUid = str(ds, DCM_SOPClassUID);
    if (m.sopClassUid.empty()) m.sopClassUid = str(file.getMetaInfo(), DCM_MediaStorageSOPClassUID);
    m.modality = str(ds, DCM_Modality);

    const E_TransferSyntax xfer = ds->getOriginalXfer();
    const DcmXfer xferInfo(xfer);
    std::string xferUid = str(file.getMetaInfo(), DCM_TransferSyntaxUID);
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

    auto startsWith = [&](const char* p) { return xferUid.rfind(p, 0) == 0; };
    if (startsWith("1.2.840.10008.1.2.4.9") || startsWith("1.2.840.10008.1.2.4.20")) {
        throw InputError(R::UnsupportedTransferSyntax,
                         source + ": JPEG 2000 compressed DICOM (transfer syntax " + xferUid +
                             ") is not supported; ask for the image uncompressed, JPEG lossless or JPEG-LS.");
    }
    if (startsWith("1.2.840.10008.1.2.4.10") || startsWith("1.2.840.10008.1.2.4.11"))
        throw InputError(R::UnsupportedTransferSyntax,
                         source + ": video-compressed DICOM (transfer syntax " + xferUid + ") is not supported.");

    const long frames = intValue(ds, DCM_NumberOfFrames, 1);
    if (frames > 1)
        throw InputError(R::UnsupportedImage,
                         source + ": multi-frame images (" + std::to_string(frames) +
                             " frames) are not supported; send the single hand image.");
    const long samples = intValue(ds, DCM_SamplesPerPixel, 1);
    m.photometric = str(ds, DCM_PhotometricInterpretation);
    if (m.photometric.empty()) m.photometric = "MONOCHROME2";
    if (samples != 1 || (m.photometric != "MONOCHROME1" && m.photometric != "MONOCHROME2"))
        throw InputError(R::UnsupportedImage,
                         source + ": colour images (" + m.photometric +
                             ") are not supported; a hand radiograph is greyscale (MONOCHROME1/2).");

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
    m.bitsStored = static_cast<int>(bitsStored);
    m.isSigned = isSigned;

    if (xferInfo.isEncapsulated()) {
        // Fragments are loaded when decoded: refuse declared lengths the file cannot hold first.
        DcmElement* encapsulated = nullptr;
        DcmPixelSequence* fragments = nullptr;
        if (ds->findAndGetElement(DCM_PixelData, encapsulated).good() && encapsulated &&
            static_cast<DcmPixelData*>(encapsulated)->getEncapsulatedRepresentation(xfer, nullptr, fragments).good() &&
            fragments) {
            for (unsigned long i = 0; i < fragments->card(); ++i) {
                DcmPixelItem* item = nullptr;
                if (fragments->getItem(item, i).good() && item && item->getLength() > fileBytes)
                    throw InputError(R::Truncated, source + ": the compressed image data is cut short or damaged; "
                                                            "copy it again from the PACS or modality.");
            }
        }
        const OFCondition c = ds->chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
        if (c.bad() || !ds->canWriteXfer(EXS_LittleEndianExplicit)) {
            const bool knownCodec = xferInfo.getXferID() && xferUid.rfind("1.2.840.10008.1.2.", 0) == 0 &&
                                    (startsWith("1.2.840.10008.1.2.5") || startsWith("1.2.840.10008.1.2.4.5") ||
                                     startsWith("1.2.840.10008.1.2.4.7") || startsWith("1.2.840.10008.1.2.4.8"));
            throw InputError(knownCodec ? R::Corrupt : R::UnsupportedTransferSyntax,
                             source + (knownCodec ? ": the compressed image data cannot be decoded (" +
                                                        std::string(c.text()) + "); the file is damaged."
                                                  : ": the transfer syntax " + xferUid + " (" +
                                                        xferInfo.getXferName() + ") is not supported."));
        }
    }

    DcmElement* pixelElement = nullptr;
    if (ds->findAndGetElement(DCM_PixelData, pixelElement).bad() || !pixelElement)
        throw InputError(R::NoPixelData, source + ": the pixel data cannot be read.");
    const std::uint64_t count = std::uint64_t(rows) * std::uint64_t(cols);
    const std::uint64_t needed = count * std::uint64_t(bitsAllocated / 8);
    const std::uint64_t have = pixelElement->getLength();
    if (have > fileBytes && !xferInfo.isEncapsulated())
        throw InputError(R::Truncated, source + ": the image data is cut short (the file is smaller than the " +
                                           std::to_string(have) + " bytes its pixel data declares); copy it again.");
    if (have < needed)
        throw InputError(R::Truncated, source + ": the image data is cut short (" + std::to_string(have) + " of " +
                                           std::to_string(needed) + " bytes); copy it again from the PACS or modality.");

    Float64 slope = 1, intercept = 0;
    if (ds->findAndGetFloat64(DCM_RescaleSlope, slope).bad() || slope == 0) slope = 1;
    if (ds->findAndGetFloat64(DCM_RescaleIntercept, intercept).bad()) intercept = 0;
    DcmSequenceOfItems* mlutSeq = nullptr;
    std::optional<Lut> mlut;
    if (ds->findAndGetSequence(DCM_ModalityLUTSequence, mlutSeq).good() && mlutSeq && mlutSeq->card() > 0)
        mlut = readLut(mlutSeq->getItem(0), isSigned);
    const bool hasModalityLut = mlut && !mlut->data.empty();

    const Uint16* words = nullptr;
    const Uint8* bytes = nullptr;
    if (bitsAllocated == 16) {
        Uint16* w = nullptr;
        if (pixelElement->getUint16Array(w).bad() || !w) throw InputError(R::Corrupt, source + ": the pixel data cannot be read.");
        words = w;
    } else {
        Uint8* b = nullptr;
        if (pixelElement->getUint8Array(b).bad() || !b) throw InputError(R::Corrupt, source + ": the pixel data cannot be read.");
        bytes = b;
    }
    const PixelLayout layout(static_cast<int>(bitsStored), static_cast<int>(highBit), isSigned);
    const int h = static_cast<int>(rows), w = static_cast<int>(cols);

    // Modality transform: a Modality LUT if present, else rescale slope/intercept. The common case
    // (slope 1, integer intercept) goes straight into the smallest type that holds every possible value.
    const long lo = layout.minValue() + static_cast<long>(intercept), hi = layout.maxValue() + static_cast<long>(intercept);
    const bool integerRescale = !hasModalityLut && slope == 1 && intercept == std::floor(intercept);
    if (integerRescale && lo >= 0 && hi <= 255 && bitsAllocated == 8) {
        r.pixels = extractStored<std::uint8_t>(words, bytes, h, w, layout, static_cast<int>(intercept), CV_8U);
    } else if (integerRescale && lo >= 0 && hi <= 65535) {
        r.pixels = extractStored<std::uint16_t>(words, bytes, h, w, layout, static_cast<int>(intercept), CV_16U);
    } else if (integerRescale && lo >= -32768 && hi <= 32767) {
        r.pixels = extractStored<std::int16_t>(words, bytes, h, w, layout, static_cast<int>(intercept), CV_16S);
    } else {
        const cv::Mat stored = extractStored<std::int32_t>(words, bytes, h, w, layout, 0, CV_32S);
        cv::Mat modality;
        if (hasModalityLut) {
            modality.create(stored.size(), CV_32S);
            const int n = static_cast<int>(mlut->data.size());
            const std::int32_t* in = stored.ptr<std::int32_t>();
            std::int32_t* dst = modality.ptr<std::int32_t>();
            for (size_t i = 0; i < stored.total(); ++i)
                dst[i] = mlut->data[static_cast<size_t>(std::clamp(in[i] - mlut->first, 0, n - 1))];
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

    // Display: windows (all of them, in file order) and VOI LUTs.
    const unsigned long nw = std::min(valueCount(ds, DCM_WindowCenter), valueCount(ds, DCM_WindowWidth));
    for (unsigned long i = 0; i < nw; ++i) {
        Float64 c = 0, w = 0;
        if (ds->findAndGetFloat64(DCM_WindowCenter, c, i).bad() || ds->findAndGetFloat64(DCM_WindowWidth, w, i).bad())
            continue;
        if (w < 1) {
            m.warnings.push_back("window " + std::to_string(i + 1) + " has a width below 1 and was ignored");
            continue;
        }
        r.windows.push_back({c, w, str(ds, DCM_WindowCenterWidthExplanation, i)});
    }
    DcmSequenceOfItems* voiSeq = nullptr;
    if (ds->findAndGetSequence(DCM_VOILUTSequence, voiSeq).good() && voiSeq) {
        for (unsigned long i = 0; i < voiSeq->card(); ++i) {
            if (auto lut = readLut(voiSeq->getItem(i), isSigned && !mlut))
                r.voiLuts.push_back({lut->explanation, lut->first, lut->bits, std::move(lut->data)});
            else
                m.warnings.push_back("VOI LUT " + std::to_string(i + 1) + " is malformed and was ignored");
        }
    }
    m.presentationLutInverse = str(ds, DCM_PresentationLUTShape) == "INVERSE";

    // Patient and study.
    m.patientId = str(ds, DCM_PatientID);
    m.patientName = str(ds, DCM_PatientName);
    const std::string sex = str(ds, DCM_PatientSex);
    m.sex = sex == "M" ? Sex::Male : sex == "F" ? Sex::Female : Sex::Unknown;
    if (m.sex == Sex::Unknown && options.sex) m.sex = *options.sex;
    m.birthDate = Date::fromDicom(str(ds, DCM_PatientBirthDate));
    m.studyDate = Date::fromDicom(str(ds, DCM_StudyDate));
    m.acquisitionDate = Date::fromDicom(str(ds, DCM_AcquisitionDate));
    if (!m.acquisitionDate) m.acquisitionDate = Date::fromDicom(str(ds, DCM_ContentDate));
    m.studyDescription = str(ds, DCM_StudyDescription);
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

    Float64 sr = 0, sc = 0;
    if (ds->findAndGetFloat64(DCM_PixelSpacing, sr, 0).good() && ds->findAndGetFloat64(DCM_PixelSpacing, sc, 1).good() &&
        sr > 0 && sc > 0) {
        m.pixelSpacingRowMm = sr;
        m.pixelSpacingColumnMm = sc;
        m.pixelSpacingSource = "PixelSpacing";
    } else if (ds->findAndGetFloat64(DCM_ImagerPixelSpacing, sr, 0).good() &&
               ds->findAndGetFloat64(DCM_ImagerPixelSpacing, sc, 1).good() && sr > 0 && sc > 0) {
        m.pixelSpacingRowMm = sr;
        m.pixelSpacingColumnMm = sc;
        m.pixelSpacingSource = "ImagerPixelSpacing";
    }
    m.laterality = str(ds, DCM_ImageLaterality);
    if (m.laterality.empty()) m.laterality = str(ds, DCM_Laterality);
    m.bodyPart = str(ds, DCM_BodyPartExamined);
    if (!m.bodyPart.empty() && m.bodyPart != "HAND" && m.bodyPart != "WRIST" && m.bodyPart != "EXTREMITY" &&
        m.bodyPart != "UPR EXTREM" && m.bodyPart != "ARM")
        m.warnings.push_back("body part is " + m.bodyPart + ", not a hand");
    if (m.modality.empty()) m.warnings.push_back("no modality recorded");
    return r;
}

} // namespace

} // namespace boneage
