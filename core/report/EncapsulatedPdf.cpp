#include "report/EncapsulatedPdf.h"

#include "report/ResultDataset.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <stdexcept>
#include <vector>

namespace boneage {

void writeEncapsulatedPdf(const BoneAgeReport& report, const QByteArray& pdf, const std::string& path)
{
    if (!pdf.startsWith("%PDF")) throw std::invalid_argument("writeEncapsulatedPdf: the bytes given are not a PDF");
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    putResultAttributes(ds, report, "pdf", UID_EncapsulatedPDFStorage, "DOC", 9703, "Bone age report (PDF)");
    const auto put = [&](const DcmTagKey& tag, const std::string& value) {
        if (ds.putAndInsertString(tag, value.c_str()).bad()) throw std::runtime_error("cannot set an Encapsulated PDF attribute");
    };
    put(DCM_ConversionType, "WSD");
    put(DCM_BurnedInAnnotation, "YES");   // the patient's name and ID are in the document
    put(DCM_DocumentTitle, "Bone age report");
    put(DCM_MIMETypeOfEncapsulatedDocument, "application/pdf");
    put(DCM_AcquisitionDateTime, reportDicomDate(report) + reportDicomTime(report));
    if (ds.insertEmptyElement(DCM_ConceptNameCodeSequence).bad()) throw std::runtime_error("cannot set the document's concept name");
    // OB must have an even length: a trailing NUL pads it, and Encapsulated Document Length gives the
    // PDF's own length so that readers strip it.
    std::vector<Uint8> bytes(pdf.begin(), pdf.end());
    if (bytes.size() % 2) bytes.push_back(0);
    if (ds.putAndInsertUint32(DCM_EncapsulatedDocumentLength, Uint32(pdf.size())).bad() ||
        ds.putAndInsertUint8Array(DCM_EncapsulatedDocument, bytes.data(), static_cast<unsigned long>(bytes.size())).bad())
        throw std::runtime_error("the PDF could not be stored in the DICOM object");
    putSourceReference(ds, report, DCM_SourceInstanceSequence);
    saveDicomAtomically(file, path);
}

} // namespace boneage
