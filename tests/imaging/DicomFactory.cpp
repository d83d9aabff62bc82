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

void writeDicom(const DicomSpec& s, const std::string& path)
{
    registerEncoders();
    DcmFileFormat file;
    DcmDataset* ds = file.getDataset();
    char uid[100];
    check(ds->putAndInsertString(DCM_SOPClassUID, s.sopClass.c_str()), "sop class");
    check(ds->putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid)), "sop instance");
    ds->putAndInsertString(DCM_StudyInstanceUID, dcmGenerateUniqueIdentifier(uid));
    ds->putAndInsertString(DCM_SeriesInstanceUID, dcmGenerateUniqueIdentifier(uid));
    ds->putAndInsertString(DCM_Modality, s.modality.c_str());
    ds->putAndInsertString(DCM_PatientName, "TEST^Hand");
    ds->putAndInsertString(DCM_PatientID, "TEST-1");
    if (!s.sex.empty()) ds->putAndInsertString(DCM_PatientSex, s.sex.c_str());
    if (!s.birthDate.empty()) ds->putAndInsertString(DCM_PatientBirthDate, s.birthDate.c_str());
    if (!s.studyDate.empty()) ds->putAndInsertString(DCM_StudyDate, s.studyDate.c_str());
    if (!s.patientAge.empty()) ds->putAndInsertString(DCM_PatientAge, s.patientAge.c_str());
    if (!s.pixelSpacing.empty()) ds->putAndInsertString(DCM_PixelSpacing, s.pixelSpacing.c_str());
    if (!s.imagerPixelSpacing.empty()) ds->putAndInsertString(DCM_ImagerPixelSpacing, s.imagerPixelSpacing.c_str());
    if (!s.laterality.empty()) ds->putAndInsertString(DCM_ImageLaterality, s.laterality.c_str());
    if (!s.bodyPart.empty()) ds->putAndInsertString(DCM_BodyPartExamined, s.bodyPart.c_str());

    if (s.pixelData) {
        const int highBit = s.highBit < 0 ? s.bitsStored - 1 : s.highBit;
        ds->putAndInsertUint16(DCM_SamplesPerPixel, static_cast<Uint16>(s.samplesPerPixel));
        ds->putAndInsertString(DCM_PhotometricInterpretation, s.photometric.c_str());
        if (s.samplesPerPixel > 1) ds->putAndInsertUint16(DCM_PlanarConfiguration, 0);
        if (s.frames > 1) ds->putAndInsertString(DCM_NumberOfFrames, std::to_string(s.frames).c_str());
        ds->putAndInsertUint16(DCM_Rows, static_cast<Uint16>(s.rows));
        ds->putAndInsertUint16(DCM_Columns, static_cast<Uint16>(s.cols));
        ds->putAndInsertUint16(DCM_BitsAllocated, static_cast<Uint16>(s.bitsAllocated));
        ds->putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(s.bitsStored));
        ds->putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(highBit));
        ds->putAndInsertUint16(DCM_PixelRepresentation, s.isSigned ? 1 : 0);
        if (s.writeRescale) {
            ds->putAndInsertString(DCM_RescaleSlope, std::to_string(s.slope).c_str());
            ds->putAndInsertString(DCM_RescaleIntercept, std::to_string(s.intercept).c_str());
        }
        std::string centers, widths, explanations;
        for (size_t i = 0; i < s.windows.size(); ++i) {
            centers += (i ? "\\" : "") + std::to_string(s.windows[i].first);
            widths += (i ? "\\" : "") + std::to_string(s.windows[i].second);
            if (i < s.windowExplanations.size()) explanations += (i ? "\\" : "") + s.windowExplanations[i];
        }
        if (!s.windows.empty()) {
            ds->putAndInsertString(DCM_WindowCenter, centers.c_str());
            ds->putAndInsertString(DCM_WindowWidth, widths.c_str());
            if (!explanations.empty()) ds->putAndInsertString(DCM_WindowCenterWidthExplanation, explanations.c_str());
        }
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

        std::vector<int> values = s.values.empty() ? rampValues(s) : s.values;
        const size_t perFrame = static_cast<size_t>(s.rows) * s.cols * s.samplesPerPixel;
        const size_t total = perFrame * s.frames;
        const int shift = highBit + 1 - s.bitsStored;
        const unsigned mask = (1u << s.bitsStored) - 1u;
        auto raw = [&](size_t i) -> unsigned {
            const int v = values[(i % perFrame) / s.samplesPerPixel % values.size()];
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

void writeJpeg2000Dicom(const std::string& path)
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
    // A J2K codestream start (SOC, SIZ marker); no codec here decodes it, which is the point.
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
