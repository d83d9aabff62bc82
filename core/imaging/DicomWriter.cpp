#include "DicomWriter.h"
#include "common/AtomicFile.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpeg/djrplol.h>
#include <dcmtk/dcmjpeg/djrploss.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <dcmtk/dcmjpls/djrparam.h>
#include <dcmtk/oflog/oflog.h>

#include <cmath>
#include <ctime>
#include <mutex>
#include <stdexcept>

namespace boneage {

namespace {

void registerEncoders()
{
    static std::once_flag once;
    std::call_once(once, [] {
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        DJEncoderRegistration::registerCodecs();
        DJLSEncoderRegistration::registerCodecs();
        DcmRLEEncoderRegistration::registerCodecs();
    });
}

std::string newUid()
{
    char buf[100];
    return dcmGenerateUniqueIdentifier(buf, SITE_INSTANCE_UID_ROOT);
}

void put(DcmDataset* ds, const DcmTagKey& tag, const std::string& value)
{
    if (ds->putAndInsertString(tag, value.c_str()).bad())
        throw std::runtime_error("cannot set DICOM attribute " + DcmTag(tag).toString().substr(0));
}

std::string dicomDate(const std::optional<Date>& d)
{
    if (!d) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d->year, d->month, d->day);
    return buf;
}

std::string ageString(double months)
{
    char buf[8];
    if (months < 0) months = 0;
    if (months < 24) std::snprintf(buf, sizeof buf, "%03dM", static_cast<int>(std::floor(months)));
    else std::snprintf(buf, sizeof buf, "%03dY", static_cast<int>(std::floor(months / 12)));
    return buf;
}

} // namespace

void writeSecondaryCapture(const cv::Mat& image, const RadiographMetadata& m, const std::string& path,
                           const DicomWriteOptions& options)
{
    if (image.empty() || image.channels() != 1 || (image.depth() != CV_8U && image.depth() != CV_16U))
        throw std::invalid_argument("writeSecondaryCapture: a one-channel 8- or 16-bit image is required");
    registerEncoders();

    const bool wide = image.depth() == CV_16U;
    const int bitsAllocated = wide ? 16 : 8;
    const int bitsStored = options.bitsStored > 0 ? std::min(options.bitsStored, bitsAllocated) : bitsAllocated;
    if (options.compression == DicomCompression::JpegBaseline && wide)
        throw std::invalid_argument("JPEG baseline holds 8-bit images only");

    DcmFileFormat file;
    DcmDataset* ds = file.getDataset();
    const std::string sopInstance = newUid();
    put(ds, DCM_SOPClassUID, UID_SecondaryCaptureImageStorage);
    put(ds, DCM_SOPInstanceUID, sopInstance);
    put(ds, DCM_StudyInstanceUID, options.studyInstanceUid.empty() ? newUid() : options.studyInstanceUid);
    put(ds, DCM_SeriesInstanceUID, newUid());
    put(ds, DCM_SpecificCharacterSet, "ISO_IR 192");
    put(ds, DCM_Modality, m.modality.empty() ? "OT" : m.modality);
    put(ds, DCM_ConversionType, "WSD");
    put(ds, DCM_PatientName, m.patientName);
    put(ds, DCM_PatientID, m.patientId);
    put(ds, DCM_PatientBirthDate, dicomDate(m.birthDate));
    put(ds, DCM_PatientSex, m.sex == Sex::Male ? "M" : m.sex == Sex::Female ? "F" : "O");
    if (m.chronologicalAgeMonths) put(ds, DCM_PatientAge, ageString(*m.chronologicalAgeMonths));
    put(ds, DCM_StudyDate, dicomDate(m.studyDate));
    put(ds, DCM_ContentDate, dicomDate(m.acquisitionDate ? m.acquisitionDate : m.studyDate));
    put(ds, DCM_AcquisitionDate, dicomDate(m.acquisitionDate));
    put(ds, DCM_StudyDescription, m.studyDescription);
    put(ds, DCM_SeriesDescription, options.seriesDescription);
    put(ds, DCM_BodyPartExamined, m.bodyPart.empty() ? "HAND" : m.bodyPart);
    if (!m.laterality.empty()) put(ds, DCM_ImageLaterality, m.laterality);
    if (!options.imageComments.empty()) put(ds, DCM_ImageComments, options.imageComments);
    put(ds, DCM_SeriesNumber, "1");
    put(ds, DCM_InstanceNumber, "1");
    if (m.pixelSpacingRowMm && m.pixelSpacingColumnMm) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6g\\%.6g", *m.pixelSpacingRowMm, *m.pixelSpacingColumnMm);
        put(ds, DCM_PixelSpacing, buf);
    }

    ds->putAndInsertUint16(DCM_SamplesPerPixel, 1);
    put(ds, DCM_PhotometricInterpretation, "MONOCHROME2");
    ds->putAndInsertUint16(DCM_Rows, static_cast<Uint16>(image.rows));
    ds->putAndInsertUint16(DCM_Columns, static_cast<Uint16>(image.cols));
    ds->putAndInsertUint16(DCM_BitsAllocated, static_cast<Uint16>(bitsAllocated));
    ds->putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(bitsStored));
    ds->putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(bitsStored - 1));
    ds->putAndInsertUint16(DCM_PixelRepresentation, 0);
    if (image.rows > 65535 || image.cols > 65535) throw std::invalid_argument("image too large for DICOM");

    cv::Mat contiguous = image.isContinuous() ? image : image.clone();
    if (wide) {
        ds->putAndInsertUint16Array(DCM_PixelData, contiguous.ptr<Uint16>(), static_cast<unsigned long>(contiguous.total()));
    } else {
        ds->putAndInsertUint8Array(DCM_PixelData, contiguous.ptr<Uint8>(), static_cast<unsigned long>(contiguous.total()));
    }
    {
        double lo, hi;
        cv::minMaxLoc(image, &lo, &hi);
        char c[32], w[32];
        std::snprintf(c, sizeof c, "%g", (lo + hi + 1) / 2);
        std::snprintf(w, sizeof w, "%g", std::max(1.0, hi - lo + 1));
        put(ds, DCM_WindowCenter, c);
        put(ds, DCM_WindowWidth, w);
        put(ds, DCM_WindowCenterWidthExplanation, "FULL RANGE");
    }

    E_TransferSyntax xfer = EXS_LittleEndianExplicit;
    OFCondition cond = EC_Normal;
    switch (options.compression) {
    case DicomCompression::None: break;
    case DicomCompression::Rle: xfer = EXS_RLELossless; cond = ds->chooseRepresentation(xfer, nullptr); break;
    case DicomCompression::JpegLossless: {
        xfer = EXS_JPEGProcess14SV1;
        DJ_RPLossless params;
        cond = ds->chooseRepresentation(xfer, &params);
        break;
    }
    case DicomCompression::JpegLsLossless: {
        xfer = EXS_JPEGLSLossless;
        DJLSRepresentationParameter params(2, OFTrue);
        cond = ds->chooseRepresentation(xfer, &params);
        break;
    }
    case DicomCompression::JpegBaseline: {
        xfer = EXS_JPEGProcess1;
        DJ_RPLossy params(95);
        cond = ds->chooseRepresentation(xfer, &params);
        put(ds, DCM_LossyImageCompression, "01");
        break;
    }
    }
    if (cond.bad() || !ds->canWriteXfer(xfer))
        throw std::runtime_error(std::string("DICOM compression failed: ") + cond.text());

    writeFileAtomically(path, [&](const std::string& tmp) {
        const OFCondition c = file.saveFile(tmp.c_str(), xfer);
        if (c.bad()) throw std::runtime_error(path + ": cannot write DICOM: " + std::string(c.text()));
    });
}

} // namespace boneage
