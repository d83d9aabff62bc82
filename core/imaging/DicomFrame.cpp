#include "DicomFrame.h"
#include "InputError.h"
#include "IsolatedDecode.h"
#include "Jpeg2000Decoder.h"
#include "TransferSyntaxes.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <algorithm>
#include <cstring>

namespace boneage::dicom {

namespace {

using R = InputError::Reason;

// Bytes of one frame as stored natively: YBR_FULL_422 keeps two samples per pixel (PS3.3 C.7.6.3.1.2).
std::uint64_t storedFrameBytes(const PixelHeader& h)
{
    const std::uint64_t samplesPerPixel = h.photometric == "YBR_FULL_422" ? 2 : std::uint64_t(h.samples);
    return std::uint64_t(h.rows) * std::uint64_t(h.cols) * samplesPerPixel * std::uint64_t(h.bitsAllocated / 8);
}

std::string describeSize(const PixelHeader& h)
{
    std::string s = std::to_string(h.cols) + "x" + std::to_string(h.rows) + " pixels";
    if (h.samples > 1) s += " of " + std::to_string(h.samples) + " samples";
    s += " at " + std::to_string(h.bitsAllocated) + " bits";
    if (h.frames > 1) s += " in " + std::to_string(h.frames) + " frames";
    return s;
}

Frame nativeFrame(DcmDataset& ds, const PixelHeader& h, const std::string& source)
{
    DcmElement* px = nullptr;
    if (ds.findAndGetElement(DCM_PixelData, px).bad() || !px)
        throw InputError(R::NoPixelData, source + ": the pixel data cannot be read.");
    const std::uint64_t have = px->getLength();
    if (have > h.fileBytes)
        throw InputError(R::Truncated, source + ": the image data is cut short (the file is smaller than the " +
                                           std::to_string(have) + " bytes its pixel data declares); copy it again.");
    const std::uint64_t needed = storedFrameBytes(h) * std::uint64_t(h.frames);
    if (have < needed)
        throw InputError(R::Truncated, source + ": the image data is cut short (" + std::to_string(have) + " of " +
                                           std::to_string(needed) + " bytes); copy it again from the PACS or modality.");
    // One pad byte makes an odd length even; more than that means the header describes other pixels
    // than the file holds, and reading it as declared would show a sheared or wrong image.
    if (have > needed + 1)
        throw InputError(R::Corrupt, source + ": the pixel data holds " + std::to_string(have) +
                                         " bytes, but the header declares " + describeSize(h) + " (" +
                                         std::to_string(needed) +
                                         " bytes); Rows, Columns or Number of Frames are wrong. The file is "
                                         "damaged; export it again from the modality or PACS.");
    Frame f;
    if (h.bitsAllocated == 16) {
        Uint16* w = nullptr;
        if (px->getUint16Array(w).bad() || !w) throw InputError(R::Corrupt, source + ": the pixel data cannot be read.");
        f.words = w;
    } else {
        Uint8* b = nullptr;
        if (px->getUint8Array(b).bad() || !b) throw InputError(R::Corrupt, source + ": the pixel data cannot be read.");
        f.bytes = b;
    }
    f.photometric = h.photometric;
    f.planar = h.planar;
    f.bitsStored = h.bitsStored;
    f.highBit = h.highBit;
    return f;
}

DcmPixelSequence& fragmentsOf(DcmDataset& ds, const PixelHeader& h, const std::string& source)
{
    DcmElement* px = nullptr;
    DcmPixelSequence* seq = nullptr;
    if (ds.findAndGetElement(DCM_PixelData, px).bad() || !px ||
        static_cast<DcmPixelData*>(px)
            ->getEncapsulatedRepresentation(static_cast<E_TransferSyntax>(h.dcmtkSyntax), nullptr, seq)
            .bad() ||
        !seq)
        throw InputError(R::Corrupt, source + ": the compressed image data cannot be found; the file is damaged.");
    // Fragments are loaded when decoded: refuse declared lengths the file cannot hold first.
    std::uint64_t total = 0;
    for (unsigned long i = 0; i < seq->card(); ++i) {
        DcmPixelItem* item = nullptr;
        if (seq->getItem(item, i).good() && item) total += item->getLength();
        if (total > h.fileBytes)
            throw InputError(R::Truncated, source + ": the compressed image data is cut short or damaged; "
                                                    "copy it again from the PACS or modality.");
    }
    // Item 0 is the offset table; each frame needs at least one fragment after it.
    const unsigned long fragments = seq->card() > 0 ? seq->card() - 1 : 0;
    if (fragments == 0)
        throw InputError(R::Corrupt, source + ": the compressed image data is empty; the file is damaged.");
    if (static_cast<unsigned long>(h.frames) > fragments)
        throw InputError(R::Corrupt, source + ": the header declares " + std::to_string(h.frames) +
                                         " frames but the compressed data holds at most " + std::to_string(fragments) +
                                         "; Number of Frames is wrong. The file is damaged.");
    return *seq;
}

Frame dcmtkFrame(DcmDataset& ds, const PixelHeader& h, const std::string& source)
{
    fragmentsOf(ds, h, source);
    DcmElement* px = nullptr;
    ds.findAndGetElement(DCM_PixelData, px);
    Uint32 theirs = 0;
    if (px->getUncompressedFrameSize(&ds, theirs).bad()) theirs = 0;
    const std::uint64_t ours = std::uint64_t(h.rows) * std::uint64_t(h.cols) * std::uint64_t(h.samples) *
                               std::uint64_t(h.bitsAllocated / 8);
    const std::uint64_t size = (std::max<std::uint64_t>(theirs, ours) + 1) & ~std::uint64_t(1);
    Frame f;
    void* buffer;
    if (h.bitsAllocated == 16) {
        f.words_.assign(static_cast<std::size_t>(size / 2), 0);
        buffer = f.words_.data();
        f.words = f.words_.data();
    } else {
        f.bytes_.assign(static_cast<std::size_t>(size), 0);
        buffer = f.bytes_.data();
        f.bytes = f.bytes_.data();
    }
    // DCMTK's codecs run in a child process (IsolatedDecode.h): its RLE decoder reads past its buffer
    // on crafted segment offsets (tests/fuzz/corpus/dicom/rle-segment-offsets.dcm).
    std::string failure;
    const IsolatedResult decoded = runIsolated(
        [&] {
            Uint32 startFragment = 0;
            OFString model;
            const OFCondition c =
                px->getUncompressedFrame(&ds, 0, startFragment, buffer, static_cast<Uint32>(size), model);
            if (c.bad()) return IsolatedResult{"!" + std::string(c.text()), {}};
            const auto* b = static_cast<const std::uint8_t*>(buffer);
            return IsolatedResult{model.c_str(), std::vector<std::uint8_t>(b, b + size)};
        },
        source, "compressed image data", size);
    std::string colourModel = decoded.text;
    if (!colourModel.empty() && colourModel[0] == '!') failure = colourModel.substr(1);
    else if (decoded.bytes.size() != size) failure = "the decoder returned " + std::to_string(decoded.bytes.size()) + " bytes";
    else std::memcpy(buffer, decoded.bytes.data(), size);
    if (!failure.empty()) {
        const TransferSyntax* known = findTransferSyntax(h.transferSyntax);
        if (known && known->supported())
            throw InputError(R::Corrupt, source + ": the compressed image data cannot be decoded (" +
                                             failure + "); the file is damaged.");
        throw InputError(R::UnsupportedTransferSyntax,
                         source + ": the transfer syntax " + h.transferSyntax + " (" +
                             DcmXfer(static_cast<E_TransferSyntax>(h.dcmtkSyntax)).getXferName() +
                             ") is not supported; ask for the image uncompressed, JPEG lossless, JPEG-LS or "
                             "JPEG 2000.");
    }
    // The codecs return the colour model they produced (JPEG's YCbCr becomes RGB) and lay the samples
    // out as the data set's Planar Configuration says.
    f.photometric = colourModel.empty() ? h.photometric : colourModel;
    if (f.photometric == "YBR_FULL_422" || f.photometric == "YBR_PARTIAL_422") f.photometric = "YBR_FULL";
    Uint16 planar = 0;
    f.planar = ds.findAndGetUint16(DCM_PlanarConfiguration, planar).good() ? planar : h.planar;
    f.bitsStored = h.bitsStored;
    f.highBit = h.highBit;
    return f;
}

// Frame 1's codestream: its fragments, found through the offset table when there is one.
std::vector<std::uint8_t> firstCodestream(DcmPixelSequence& seq, const PixelHeader& h, const std::string& source)
{
    const unsigned long fragments = seq.card() - 1;
    std::vector<std::uint32_t> offsets;
    DcmPixelItem* table = nullptr;
    Uint8* tableBytes = nullptr;
    if (seq.getItem(table, 0).good() && table && table->getLength() >= 8 && table->getLength() % 4 == 0 &&
        table->getUint8Array(tableBytes).good() && tableBytes)
        for (Uint32 i = 0; i + 4 <= table->getLength(); i += 4)
            offsets.push_back(tableBytes[i] | (tableBytes[i + 1] << 8) | (tableBytes[i + 2] << 16) |
                              (std::uint32_t(tableBytes[i + 3]) << 24));
    std::vector<std::uint8_t> out;
    std::uint64_t position = 0;   // of the current item, from the first fragment's tag (PS3.5 A.4)
    for (unsigned long i = 1; i <= fragments; ++i) {
        DcmPixelItem* item = nullptr;
        Uint8* data = nullptr;
        if (seq.getItem(item, i).bad() || !item)
            throw InputError(R::Corrupt, source + ": the compressed image data is damaged.");
        const Uint32 length = item->getLength();
        if (h.frames > 1 && offsets.size() >= 2 && position >= offsets[1]) break;
        if (length > 0) {
            if (item->getUint8Array(data).bad() || !data)
                throw InputError(R::Truncated, source + ": the compressed image data is cut short; copy it again.");
            out.insert(out.end(), data, data + length);
        }
        position += 8 + std::uint64_t(length);
        if (h.frames == 1 || offsets.size() >= 2) continue;
        // No offset table: one fragment per frame, else frame 1 ends with the fragment holding EOC.
        if (fragments == static_cast<unsigned long>(h.frames)) break;
        std::size_t end = out.size();
        while (end > 0 && out[end - 1] == 0) --end;
        if (end >= 2 && out[end - 2] == 0xFF && out[end - 1] == 0xD9) break;
    }
    return out;
}

Frame jpeg2000Frame(DcmDataset& ds, const PixelHeader& h, const std::string& source)
{
    const std::vector<std::uint8_t> codestream = firstCodestream(fragmentsOf(ds, h, source), h, source);
    Jpeg2000Expectation expect;
    expect.width = h.cols;
    expect.height = h.rows;
    expect.components = h.samples;
    expect.maxPrecision = h.bitsAllocated;
    expect.maxPixels = h.maxPixels;
    const Jpeg2000Image image = decodeJpeg2000(codestream.data(), codestream.size(), expect, source);

    Frame f;
    // The codestream's precision wins over Bits Stored (some encoders write one, some the other);
    // the header's Pixel Representation decides the sign, as a DICOM reader must.
    const int bits = image.precision;
    if (bits != h.bitsStored)
        f.warnings.push_back("the JPEG 2000 data has " + std::to_string(bits) + " bits per sample but Bits Stored is " +
                             std::to_string(h.bitsStored) + "; the data's " + std::to_string(bits) + " bits were used");
    if (image.isSigned != h.isSigned)
        f.warnings.push_back(std::string("the JPEG 2000 data is ") + (image.isSigned ? "signed" : "unsigned") +
                             " but Pixel Representation says " + (h.isSigned ? "signed" : "unsigned") +
                             "; read as the header says");
    const std::uint32_t mask = static_cast<std::uint32_t>((1ull << bits) - 1);
    const std::int32_t lo = image.isSigned ? -(1 << (bits - 1)) : 0;
    const std::int32_t hi = image.isSigned ? (1 << (bits - 1)) - 1 : static_cast<std::int32_t>(mask);
    auto raw = [&](std::int32_t v) { return static_cast<std::uint32_t>(std::clamp(v, lo, hi)) & mask; };
    if (h.bitsAllocated == 16) {
        f.words_.resize(image.samples.size());
        std::transform(image.samples.begin(), image.samples.end(), f.words_.begin(),
                       [&](std::int32_t v) { return static_cast<std::uint16_t>(raw(v)); });
        f.words = f.words_.data();
    } else {
        f.bytes_.resize(image.samples.size());
        std::transform(image.samples.begin(), image.samples.end(), f.bytes_.begin(),
                       [&](std::int32_t v) { return static_cast<std::uint8_t>(raw(v)); });
        f.bytes = f.bytes_.data();
    }
    f.bitsStored = bits;
    f.highBit = bits - 1;
    f.planar = 1;   // OpenJPEG returns component after component
    // OpenJPEG undoes the codestream's colour transform (YBR_ICT/YBR_RCT): the samples are RGB.
    f.photometric = h.photometric == "YBR_ICT" || h.photometric == "YBR_RCT" ? "RGB"
                    : h.photometric == "YBR_FULL_422"                        ? "YBR_FULL"
                                                                             : h.photometric;
    return f;
}

} // namespace

Frame readFirstFrame(DcmDataset& ds, const PixelHeader& h, const std::string& source)
{
    if (!h.encapsulated) return nativeFrame(ds, h, source);
    if (isJpeg2000(h.transferSyntax)) return jpeg2000Frame(ds, h, source);
    return dcmtkFrame(ds, h, source);
}

} // namespace boneage::dicom
