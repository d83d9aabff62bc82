#include "report/ResultDataset.h"

#include "common/AtomicFile.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <cstdio>
#include <stdexcept>

namespace boneage {

namespace {

void put(DcmItem& ds, const DcmTagKey& tag, const std::string& value)
{
    if (ds.putAndInsertString(tag, value.c_str()).bad())
        throw std::runtime_error("cannot set DICOM attribute " + DcmTag(tag).toString() + " to '" + value + "'");
}

std::string dicomDate(const std::optional<Date>& d)
{
    if (!d) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d->year, d->month, d->day);
    return buf;
}

} // namespace

std::string reportDicomDate(const BoneAgeReport& report)
{
    // createdAt: YYYY-MM-DDTHH:MM:SS
    const std::string& c = report.createdAt;
    return c.size() >= 10 ? c.substr(0, 4) + c.substr(5, 2) + c.substr(8, 2) : std::string();
}

std::string reportDicomTime(const BoneAgeReport& report)
{
    const std::string& c = report.createdAt;
    return c.size() >= 19 ? c.substr(11, 2) + c.substr(14, 2) + c.substr(17, 2) : std::string();
}

void putResultAttributes(DcmItem& ds, const BoneAgeReport& report, const std::string& kind, const char* sopClassUid,
                         const char* modality, int seriesNumber, const std::string& seriesDescription)
{
    const RadiographMetadata& m = report.radiograph.metadata;
    put(ds, DCM_SpecificCharacterSet, "ISO_IR 192");   // UTF-8: names and text as the film gave them
    put(ds, DCM_SOPClassUID, sopClassUid);
    put(ds, DCM_SOPInstanceUID, report.resultUid(kind));
    // Patient module, as in the film.
    put(ds, DCM_PatientName, m.patientName);
    put(ds, DCM_PatientID, m.patientId);
    put(ds, DCM_PatientBirthDate, dicomDate(m.birthDate));
    put(ds, DCM_PatientSex, report.assessment.sex == Sex::Male ? "M" : report.assessment.sex == Sex::Female ? "F" : "O");
    // General Study module: the film's study, so the result is filed with it.
    put(ds, DCM_StudyInstanceUID, report.studyInstanceUid());
    put(ds, DCM_StudyDate, dicomDate(m.studyDate));
    put(ds, DCM_StudyTime, m.studyTime);
    put(ds, DCM_ReferringPhysicianName, m.referringPhysicianName);
    put(ds, DCM_StudyID, m.studyId);
    put(ds, DCM_AccessionNumber, m.accessionNumber);
    if (!m.studyDescription.empty()) put(ds, DCM_StudyDescription, m.studyDescription);
    // General Series: one series per kind of result, the program's own.
    put(ds, DCM_Modality, modality);
    put(ds, DCM_SeriesInstanceUID, report.resultUid("series-" + kind));
    put(ds, DCM_SeriesNumber, std::to_string(seriesNumber));
    put(ds, DCM_SeriesDescription, seriesDescription);
    put(ds, DCM_InstanceNumber, "1");
    // General Equipment.
    put(ds, DCM_Manufacturer, "Bone Age Workstation (open source, research use)");
    put(ds, DCM_ManufacturerModelName, "Bone Age Workstation");
    put(ds, DCM_SoftwareVersions, report.softwareVersion);
    put(ds, DCM_ContentDate, reportDicomDate(report));
    put(ds, DCM_ContentTime, reportDicomTime(report));
    put(ds, DCM_InstanceCreationDate, reportDicomDate(report));
    put(ds, DCM_InstanceCreationTime, reportDicomTime(report));
}

void putSourceReference(DcmItem& ds, const BoneAgeReport& report, const DcmTagKey& sequence)
{
    const RadiographMetadata& m = report.radiograph.metadata;
    if (m.sopInstanceUid.empty() || m.sopClassUid.empty()) return;
    DcmItem* item = nullptr;
    if (ds.findOrCreateSequenceItem(sequence, item, -2).bad() || !item)
        throw std::runtime_error("cannot add the reference to the source film");
    put(*item, DCM_ReferencedSOPClassUID, m.sopClassUid);
    put(*item, DCM_ReferencedSOPInstanceUID, m.sopInstanceUid);
}

void saveDicomAtomically(DcmFileFormat& file, const std::string& path)
{
    writeFileAtomically(path, [&](const std::string& tmp) {
        const OFCondition c = file.saveFile(tmp.c_str(), EXS_LittleEndianExplicit);
        if (c.bad()) throw std::runtime_error(path + ": cannot write DICOM: " + std::string(c.text()));
    });
}

} // namespace boneage
