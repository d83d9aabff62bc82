#include "DicomFactory.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvrobow.h>
#include <dcmtk/dcmdata/dcvrus.h>
#include <dcmtk/dcmimage/diregist.h>   // colour images for DCMTK's JPEG-LS encoder
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpeg/djrplol.h>
#include <dcmtk/dcmjpeg/djrploss.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <dcmtk/dcmjpls/djrparam.h>

#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>

namespace boneage::test {

namespace {

void check(const OFCondition& c, const char* what)
{
    if (c.bad()) throw std::runtime_error(std::string(what) + ": " + c.text());
}

void registerEncoders()
{
    static std::once_flag once;
    std::call_once(once, [] {
        DJEncoderRegistration::registerCodecs();
        DJLSEncoderRegistration::registerCodecs();
        DcmRLEEncoderRegistration::registerCodecs();
    });
}

} // namespace

std::vector<int> rampValues(const DicomSpec& s)
{
    std::vector<int> v(static_cast<size_t>(s.rows) * s.cols);
    const long lo = s.isSigned ? -(1L << (s.bitsStored - 1)) : 0;
    const long hi = s.isSigned ? (1L << (s.bitsStored - 1)) - 1 : (1L << s.bitsStored) - 1;
    for (int y = 0; y < s.rows; ++y)
        for (int x = 0; x < s.cols; ++x) {
            const double t = double(y * s.cols + x) / (double(s.rows) * s.cols - 1);
            v[static_cast<size_t>(y) * s.cols + x] = static_cast<int>(lo + t * (hi - lo));
        }
    return v;
}

namespace {

// Every attribute of a spec except the pixel data.
void fillHeader(DcmDataset* ds, const DicomSpec& s)
{
    char uid[100];
    check(ds->putAndInsertString(DCM_SOPClassUID, s.sopClass.c_str()), "sop class");
    check(ds->putAndInsertString(DCM_SOPInstanceUID, s.sopInstance.empty() ? dcmGenerateUniqueIdentifier(uid) : s.sopInstance.c_str()),
          "sop instance");
    ds->putAndInsertString(DCM_StudyInstanceUID, dcmGenerateUniqueIdentifier(uid));
    ds->putAndInsertString(DCM_SeriesInstanceUID, dcmGenerateUniqueIdentifier(uid));
    if (!s.characterSet.empty()) ds->putAndInsertString(DCM_SpecificCharacterSet, s.characterSet.c_str());
    ds->putAndInsertString(DCM_Modality, s.modality.c_str());
    ds->putAndInsertString(DCM_PatientName, s.patientName.c_str());
    ds->putAndInsertString(DCM_PatientID, "TEST-1");
    if (!s.sex.empty()) ds->putAndInsertString(DCM_PatientSex, s.sex.c_str());
    if (!s.birthDate.empty()) ds->putAndInsertString(DCM_PatientBirthDate, s.birthDate.c_str());
    if (!s.studyDate.empty()) ds->putAndInsertString(DCM_StudyDate, s.studyDate.c_str());
    if (!s.patientAge.empty()) ds->putAndInsertString(DCM_PatientAge, s.patientAge.c_str());
    if (!s.pixelSpacing.empty()) ds->putAndInsertString(DCM_PixelSpacing, s.pixelSpacing.c_str());
    if (!s.imagerPixelSpacing.empty()) ds->putAndInsertString(DCM_ImagerPixelSpacing, s.imagerPixelSpacing.c_str());
    if (!s.laterality.empty()) ds->putAndInsertString(DCM_ImageLaterality, s.laterality.c_str());
    if (!s.bodyPart.empty()) ds->putAndInsertString(DCM_BodyPartExamined, s.bodyPart.c_str());
    if (!s.pixelData) return;

    const int highBit = s.highBit < 0 ? s.bitsStored - 1 : s.highBit;
    ds->putAndInsertUint16(DCM_SamplesPerPixel, static_cast<Uint16>(s.samplesPerPixel));
    ds->putAndInsertString(DCM_PhotometricInterpretation, s.photometric.c_str());
    if (s.samplesPerPixel > 1) ds->putAndInsertUint16(DCM_PlanarConfiguration, static_cast<Uint16>(s.planar));
    const int frames = s.declaredFrames > 0 ? s.declaredFrames : s.frames;
    if (frames > 1 || s.declaredFrames > 0) ds->putAndInsertString(DCM_NumberOfFrames, std::to_string(frames).c_str());
    ds->putAndInsertUint16(DCM_Rows, static_cast<Uint16>(s.declaredRows > 0 ? s.declaredRows : s.rows));
    ds->putAndInsertUint16(DCM_Columns, static_cast<Uint16>(s.cols));
    ds->putAndInsertUint16(DCM_BitsAllocated, static_cast<Uint16>(s.bitsAllocated));
    ds->putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(s.bitsStored));
    ds->putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(highBit));
    ds->putAndInsertUint16(DCM_PixelRepresentation, s.isSigned ? 1 : 0);
    if (s.writeRescale) {
        ds->putAndInsertString(DCM_RescaleSlope, std::to_string(s.slope).c_str());
        ds->putAndInsertString(DCM_RescaleIntercept, std::to_string(s.intercept).c_str());
    }
    if (!s.rescaleSlopeText.empty()) ds->putAndInsertString(DCM_RescaleSlope, s.rescaleSlopeText.c_str());
    if (!s.rescaleInterceptText.empty()) ds->putAndInsertString(DCM_RescaleIntercept, s.rescaleInterceptText.c_str());
    std::string centers, widths, explanations;
    for (size_t i = 0; i < s.windows.size(); ++i) {
        centers += (i ? "\\" : "") + std::to_string(s.windows[i].first);
        widths += (i ? "\\" : "") + std::to_string(s.windows[i].second);
        if (i < s.windowExplanations.size()) explanations += (i ? "\\" : "") + s.windowExplanations[i];
    }
    if (!s.windowCenterText.empty()) centers = s.windowCenterText;
    if (!s.windowWidthText.empty()) widths = s.windowWidthText;
    if (!centers.empty()) ds->putAndInsertString(DCM_WindowCenter, centers.c_str());
    if (!widths.empty()) ds->putAndInsertString(DCM_WindowWidth, widths.c_str());
    if (!explanations.empty()) ds->putAndInsertString(DCM_WindowCenterWidthExplanation, explanations.c_str());
    if (s.voiLut) {
        DcmItem* item = nullptr;
        check(ds->findOrCreateSequenceItem(DCM_VOILUTSequence, item, -2), "voi lut item");
        auto* desc = new DcmUnsignedShort(DcmTag(DCM_LUTDescriptor, EVR_US));
        const Uint16 d[3] = {static_cast<Uint16>(s.voiData.size() == 65536 ? 0 : s.voiData.size()),
                             static_cast<Uint16>(s.voiFirst), static_cast<Uint16>(s.voiBits)};
        desc->putUint16Array(d, 3);
        item->insert(desc);
        auto* data = new DcmUnsignedShort(DcmTag(DCM_LUTData, EVR_US));
        std::vector<Uint16> words(s.voiData.begin(), s.voiData.end());
        data->putUint16Array(words.data(), static_cast<unsigned long>(words.size()));
        item->insert(data);
        item->putAndInsertString(DCM_LUTExplanation, "TEST LUT");
    }
    if (!s.paletteRed.empty()) {
        const std::pair<DcmTagKey, DcmTagKey> tags[3] = {
            {DCM_RedPaletteColorLookupTableDescriptor, DCM_RedPaletteColorLookupTableData},
            {DCM_GreenPaletteColorLookupTableDescriptor, DCM_GreenPaletteColorLookupTableData},
            {DCM_BluePaletteColorLookupTableDescriptor, DCM_BluePaletteColorLookupTableData}};
        const std::vector<unsigned short>* luts[3] = {&s.paletteRed, &s.paletteGreen, &s.paletteBlue};
        for (int k = 0; k < 3; ++k) {
            auto* desc = new DcmUnsignedShort(DcmTag(tags[k].first, EVR_US));
            const Uint16 d[3] = {static_cast<Uint16>(luts[k]->size() == 65536 ? 0 : luts[k]->size()),
                                 static_cast<Uint16>(s.paletteFirst), 16};
            desc->putUint16Array(d, 3);
            ds->insert(desc, true);
            std::vector<Uint16> words(luts[k]->begin(), luts[k]->end());
            check(ds->putAndInsertUint16Array(tags[k].second, words.data(), static_cast<unsigned long>(words.size())),
                  "palette");
        }
    }
}

// Sample `i` of one frame in file order.
int frameSample(const DicomSpec& s, const std::vector<int>& values, size_t i)
{
    if (!s.rawSamples.empty()) return s.rawSamples[i % s.rawSamples.size()];
    const size_t perFrame = static_cast<size_t>(s.rows) * s.cols * s.samplesPerPixel;
    return values[(i % perFrame) / s.samplesPerPixel % values.size()];
}

size_t samplesPerFrame(const DicomSpec& s)
{
    return s.rawSamples.empty() ? static_cast<size_t>(s.rows) * s.cols * s.samplesPerPixel : s.rawSamples.size();
}

} // namespace

std::vector<int> frameSamplesPlanar(const DicomSpec& s, int frame)
{
    const std::vector<int> values = s.values.empty() ? rampValues(s) : s.values;
    const size_t plane = static_cast<size_t>(s.rows) * s.cols;
    const int n = s.samplesPerPixel;
    std::vector<int> out(plane * n);
    for (int k = 0; k < n; ++k)
        for (size_t p = 0; p < plane; ++p) {
            const size_t stored = s.planar == 1 ? k * plane + p : p * n + k;
            out[k * plane + p] = frameSample(s, values, stored) + frame * s.frameStep;
        }
    return out;
}

void writeDicom(const DicomSpec& s, const std::string& path)
{
    registerEncoders();
    DcmFileFormat file;
    DcmDataset* ds = file.getDataset();
    fillHeader(ds, s);
    if (s.pixelData) {
        const int highBit = s.highBit < 0 ? s.bitsStored - 1 : s.highBit;
        const std::vector<int> values = s.values.empty() ? rampValues(s) : s.values;
        const size_t perFrame = samplesPerFrame(s);
        const size_t total = perFrame * s.frames;
        const int shift = highBit + 1 - s.bitsStored;
        const unsigned mask = (1u << s.bitsStored) - 1u;
        auto raw = [&](size_t i) -> unsigned {
            const int v = frameSample(s, values, i % perFrame) + static_cast<int>(i / perFrame) * s.frameStep;
            return (static_cast<unsigned>(v) & mask) << shift;
        };
        if (s.bitsAllocated == 16) {
            std::vector<Uint16> w(total);
            for (size_t i = 0; i < total; ++i) w[i] = static_cast<Uint16>(raw(i));
            check(ds->putAndInsertUint16Array(DCM_PixelData, w.data(), static_cast<unsigned long>(total)), "pixels");
        } else {
            std::vector<Uint8> b(total);
            for (size_t i = 0; i < total; ++i) b[i] = static_cast<Uint8>(raw(i));
            check(ds->putAndInsertUint8Array(DCM_PixelData, b.data(), static_cast<unsigned long>(total)), "pixels");
        }
    }

    const DcmXfer target(s.transferSyntax.c_str());
    const E_TransferSyntax xfer = target.getXfer();
    if (xfer == EXS_Unknown) throw std::runtime_error("unknown transfer syntax " + s.transferSyntax);
    if (target.isEncapsulated()) {
        OFCondition c;
        if (xfer == EXS_JPEGProcess14SV1 || xfer == EXS_JPEGProcess14) {
            DJ_RPLossless p;
            c = ds->chooseRepresentation(xfer, &p);
        } else if (xfer == EXS_JPEGProcess1 || xfer == EXS_JPEGProcess2_4) {
            DJ_RPLossy p(90);
            c = ds->chooseRepresentation(xfer, &p);
        } else if (xfer == EXS_JPEGLSLossless || xfer == EXS_JPEGLSLossy) {
            DJLSRepresentationParameter p(xfer == EXS_JPEGLSLossy ? 2 : 0, xfer == EXS_JPEGLSLossless);
            c = ds->chooseRepresentation(xfer, &p);
        } else {
            c = ds->chooseRepresentation(xfer, nullptr);
        }
        check(c, "compression");
    }
    check(file.saveFile(path.c_str(), xfer), "save");
}

namespace {

// Replaces the Transfer Syntax UID in a written file's meta header (fixing the lengths).
void renameTransferSyntax(const std::string& path, const std::string& uid)
{
    auto bytes = readBytes(path);
    std::string value = uid;
    if (value.size() % 2) value += '\0';
    for (size_t i = 132; i + 8 < bytes.size(); ++i) {
        if (bytes[i] == 0x02 && bytes[i + 1] == 0x00 && bytes[i + 2] == 0x10 && bytes[i + 3] == 0x00 &&
            bytes[i + 4] == 'U' && bytes[i + 5] == 'I') {
            const size_t old = bytes[i + 6] | (bytes[i + 7] << 8);
            const long delta = static_cast<long>(value.size()) - static_cast<long>(old);
            bytes.erase(bytes.begin() + static_cast<long>(i + 8), bytes.begin() + static_cast<long>(i + 8 + old));
            bytes.insert(bytes.begin() + static_cast<long>(i + 8), value.begin(), value.end());
            bytes[i + 6] = static_cast<unsigned char>(value.size() & 0xFF);
            bytes[i + 7] = static_cast<unsigned char>(value.size() >> 8);
            // (0002,0000) File Meta Information Group Length, UL, right after "DICM".
            size_t gl = bytes[140] | (bytes[141] << 8) | (bytes[142] << 16) | (size_t(bytes[143]) << 24);
            gl = static_cast<size_t>(static_cast<long>(gl) + delta);
            for (int k = 0; k < 4; ++k) bytes[140 + k] = static_cast<unsigned char>(gl >> (8 * k));
            writeBytes(path, bytes);
            return;
        }
    }
    throw std::runtime_error("no transfer syntax in " + path);
}

} // namespace

void writeEncapsulatedDicom(const DicomSpec& spec, const std::vector<std::vector<unsigned char>>& frames,
                            const std::string& uid, const std::string& path, bool offsetTable, int split)
{
    DicomSpec s = spec;
    s.frames = static_cast<int>(frames.size());
    DcmFileFormat file;
    DcmDataset* ds = file.getDataset();
    fillHeader(ds, s);
    auto* seq = new DcmPixelSequence(DcmTag(DCM_PixelData, EVR_OB));
    std::vector<std::vector<unsigned char>> fragments;
    std::vector<Uint8> table;
    size_t offset = 0;
    for (auto codestream : frames) {
        if (codestream.size() % 2) codestream.push_back(0);   // fragments have even lengths
        for (int k = 0; k < 4; ++k) table.push_back(static_cast<Uint8>(offset >> (8 * k)));
        const size_t piece = ((codestream.size() / split) + 1) & ~size_t(1);
        for (size_t at = 0; at < codestream.size(); at += piece) {
            fragments.emplace_back(codestream.begin() + static_cast<long>(at),
                                   codestream.begin() + static_cast<long>(std::min(codestream.size(), at + piece)));
            offset += 8 + fragments.back().size();
        }
    }
    auto* bot = new DcmPixelItem(DcmTag(DCM_Item, EVR_OB));
    if (offsetTable) bot->putUint8Array(table.data(), static_cast<unsigned long>(table.size()));
    seq->insert(bot);
    for (const auto& f : fragments) {
        auto* item = new DcmPixelItem(DcmTag(DCM_Item, EVR_OB));
        item->putUint8Array(f.data(), static_cast<unsigned long>(f.size()));
        seq->insert(item);
    }
    const E_TransferSyntax known = DcmXfer(uid.c_str()).getXfer();
    const E_TransferSyntax xfer = known == EXS_Unknown ? EXS_JPEG2000 : known;
    auto* pixels = new DcmPixelData(DCM_PixelData);
    pixels->putOriginalRepresentation(xfer, nullptr, seq);
    ds->insert(pixels);
    check(file.saveFile(path.c_str(), xfer), "save encapsulated");
    if (known == EXS_Unknown) renameTransferSyntax(path, uid);
}

void writeStructuredReport(const std::string& path)
{
    DcmFileFormat file;
    DcmDataset* ds = file.getDataset();
    char uid[100];
    ds->putAndInsertString(DCM_SOPClassUID, UID_BasicTextSRStorage);
    ds->putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid));
    ds->putAndInsertString(DCM_Modality, "SR");
    ds->putAndInsertString(DCM_PatientName, "TEST^Report");
    ds->putAndInsertString(DCM_ValueType, "CONTAINER");
    check(file.saveFile(path.c_str(), EXS_LittleEndianExplicit), "save SR");
}

void writeJpeg2000HeaderOnlyDicom(const std::string& path)
{
    DcmFileFormat file;
    DcmDataset* ds = file.getDataset();
    char uid[100];
    ds->putAndInsertString(DCM_SOPClassUID, UID_DigitalXRayImageStorageForPresentation);
    ds->putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid));
    ds->putAndInsertString(DCM_Modality, "DX");
    ds->putAndInsertUint16(DCM_SamplesPerPixel, 1);
    ds->putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    ds->putAndInsertUint16(DCM_Rows, 64);
    ds->putAndInsertUint16(DCM_Columns, 64);
    ds->putAndInsertUint16(DCM_BitsAllocated, 16);
    ds->putAndInsertUint16(DCM_BitsStored, 12);
    ds->putAndInsertUint16(DCM_HighBit, 11);
    ds->putAndInsertUint16(DCM_PixelRepresentation, 0);
    // A J2K codestream start (SOC, then a SIZ marker cut short): no decoder can make an image of it.
    static const Uint8 j2k[] = {0xFF, 0x4F, 0xFF, 0x51, 0x00, 0x29, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40,
                                0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xD9};
    auto* seq = new DcmPixelSequence(DcmTag(DCM_PixelData, EVR_OB));
    seq->insert(new DcmPixelItem(DcmTag(DCM_Item, EVR_OB)));   // empty offset table
    auto* frag = new DcmPixelItem(DcmTag(DCM_Item, EVR_OB));
    frag->putUint8Array(j2k, sizeof j2k);
    seq->insert(frag);
    auto* pixels = new DcmPixelData(DCM_PixelData);
    pixels->putOriginalRepresentation(EXS_JPEG2000LosslessOnly, nullptr, seq);
    ds->insert(pixels);
    check(file.saveFile(path.c_str(), EXS_JPEG2000LosslessOnly), "save J2K");
}

std::vector<unsigned char> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, const std::vector<unsigned char>& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

} // namespace boneage::test
