#include "report/StructuredReport.h"

#include "anatomy/HandKeypoints.h"
#include "report/ResultDataset.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace boneage {

namespace {

using CV = DSRCodedEntryValue;

// DICOM (DCM), SNOMED CT (SCT) and UCUM codes; the rest in the private scheme (docs/report.md).
CV dcm(const char* value, const char* meaning) { return CV(value, "DCM", meaning); }
CV own(const char* value, const char* meaning) { return CV(value, kPrivateCodingScheme, meaning); }
const CV kMonths("mo", "UCUM", "month");
const CV kNoUnits("{SD}", "UCUM", "standard deviation");
const CV kPercent("%", "UCUM", "percent");
const CV kBoneAge = own("BAW-0001", "Bone age");

std::string ds(double v, int decimals = 1)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

void check(const OFCondition& c, const char* what)
{
    if (c.bad()) throw std::runtime_error(std::string("the structured report could not be built (") + what + "): " + c.text());
}

// Builds the tree depth first: each Item adds a content item below the current one and, when it
// goes out of scope, makes the parent current again.
class Item {
public:
    Item(DSRDocumentTree& tree, DSRTypes::E_RelationshipType relation, DSRTypes::E_ValueType type, const CV& concept)
        : Item(tree, relation, type)
    {
        check(tree.getCurrentContentItem().setConceptName(concept), "concept name");
    }
    // Without a concept name (an image reference).
    Item(DSRDocumentTree& tree, DSRTypes::E_RelationshipType relation, DSRTypes::E_ValueType type) : tree_(tree)
    {
        if (tree.addContentItem(relation, type, DSRTypes::AM_belowCurrent) == 0)
            throw std::runtime_error("the structured report could not be built: a content item was refused by the SR IOD's rules");
    }
    ~Item() { tree_.goUp(); }
    Item(const Item&) = delete;
    Item& operator=(const Item&) = delete;
    DSRContentItem& item() { return tree_.getCurrentContentItem(); }

private:
    DSRDocumentTree& tree_;
};

void text(DSRDocumentTree& t, DSRTypes::E_RelationshipType rel, const CV& concept, const std::string& value)
{
    Item i(t, rel, DSRTypes::VT_Text, concept);
    check(i.item().setStringValue(value.empty() ? "-" : value, OFFalse), "text");
}
void code(DSRDocumentTree& t, DSRTypes::E_RelationshipType rel, const CV& concept, const CV& value)
{
    Item i(t, rel, DSRTypes::VT_Code, concept);
    check(i.item().setCodeValue(value), "code");
}
void uidref(DSRDocumentTree& t, DSRTypes::E_RelationshipType rel, const CV& concept, const std::string& value)
{
    Item i(t, rel, DSRTypes::VT_UIDRef, concept);
    check(i.item().setStringValue(value), "UID");
}
void number(DSRDocumentTree& t, const CV& concept, double value, const CV& unit, int decimals = 1)
{
    Item i(t, DSRTypes::RT_contains, DSRTypes::VT_Num, concept);
    check(i.item().setNumericValue(DSRNumericMeasurementValue(ds(value, decimals), unit)), "number");
}

// Tracking Identifier and Tracking Unique Identifier of a measurement group (TID 1501 rows 2-3).
void tracking(DSRDocumentTree& t, const BoneAgeReport& report, const std::string& id)
{
    text(t, DSRTypes::RT_hasObsContext, dcm("112039", "Tracking Identifier"), id);
    uidref(t, DSRTypes::RT_hasObsContext, dcm("112040", "Tracking Unique Identifier"), report.resultUid("tracking-" + id));
}

// The source film, below a SCOORD (SELECTED FROM) or in the image library (CONTAINS).
void sourceImage(DSRDocumentTree& t, const BoneAgeReport& report, DSRTypes::E_RelationshipType rel)
{
    const RadiographMetadata& m = report.radiograph.metadata;
    Item i(t, rel, DSRTypes::VT_Image);
    check(i.item().setImageReference(DSRImageReferenceValue(m.sopClassUid, m.sopInstanceUid)), "image reference");
}

void modelGroup(DSRDocumentTree& t, const BoneAgeReport& report, const ModelAssessment& m)
{
    Item group(t, DSRTypes::RT_contains, DSRTypes::VT_Container, dcm("125007", "Measurement Group"));
    tracking(t, report, m.estimate.modelId);
    code(t, DSRTypes::RT_hasConceptMod, CV("363698007", "SCT", "Finding Site"), CV("85562004", "SCT", "Hand structure"));
    Item num(t, DSRTypes::RT_contains, DSRTypes::VT_Num, kBoneAge);
    check(num.item().setNumericValue(DSRNumericMeasurementValue(ds(m.estimate.boneAgeMonths), kMonths)), "bone age");
    // TID 4019 Algorithm Identification.
    text(t, DSRTypes::RT_hasConceptMod, dcm("111001", "Algorithm Name"), m.estimate.modelId);
    text(t, DSRTypes::RT_hasConceptMod, dcm("111003", "Algorithm Version"), "weights sha256 " + m.weightsSha256);
    text(t, DSRTypes::RT_hasConceptMod, dcm("111002", "Algorithm Parameters"),
         "package " + std::filesystem::path(m.package).filename().string() + ", device " + m.estimate.device);
}

void ensembleGroup(DSRDocumentTree& t, const BoneAgeReport& report)
{
    const Assessment& a = report.assessment;
    Item group(t, DSRTypes::RT_contains, DSRTypes::VT_Container, dcm("125007", "Measurement Group"));
    tracking(t, report, "bone age result");
    code(t, DSRTypes::RT_hasConceptMod, CV("363698007", "SCT", "Finding Site"), CV("85562004", "SCT", "Hand structure"));
    {
        Item num(t, DSRTypes::RT_contains, DSRTypes::VT_Num, kBoneAge);
        check(num.item().setNumericValue(DSRNumericMeasurementValue(ds(*a.boneAgeMonths()), kMonths)), "bone age");
        std::string name = a.ensemble ? (a.ensemble->fitted ? "fitted ensemble of " : "mean of ") + std::to_string(a.ensemble->models) + " models"
                                      : a.models.front().estimate.modelId;
        text(t, DSRTypes::RT_hasConceptMod, dcm("111001", "Algorithm Name"), name);
        text(t, DSRTypes::RT_hasConceptMod, dcm("111003", "Algorithm Version"), "Bone Age Workstation " + report.softwareVersion);
    }
    if (a.interval) {
        number(t, own("BAW-0002", "Lower limit of prediction interval"), a.interval->lowerMonths, kMonths);
        number(t, own("BAW-0003", "Upper limit of prediction interval"), a.interval->upperMonths, kMonths);
        number(t, own("BAW-0004", "Prediction interval coverage"), 100 * a.interval->nominal, kPercent, 0);
    }
    if (a.chronologicalAgeMonths) number(t, dcm("121033", "Subject Age"), *a.chronologicalAgeMonths, kMonths);
    if (const auto c = a.comparison()) {
        number(t, own("BAW-0005", "Bone age minus chronological age"), c->differenceMonths, kMonths);
        Item sds(t, DSRTypes::RT_contains, DSRTypes::VT_Num, own("BAW-0006", "Bone age standard deviation score"));
        check(sds.item().setNumericValue(DSRNumericMeasurementValue(ds(c->sds, 2), kNoUnits)), "SDS");
        text(t, DSRTypes::RT_hasConceptMod, own("BAW-0007", "Standard deviation reference"),
             "Greulich-Pyle atlas, standard deviations of the Brush Foundation data; SD " + ds(c->standardDeviation) + " months");
    }
    for (const auto& f : a.reviewFlags) text(t, DSRTypes::RT_contains, own("BAW-0008", "Review required"), f.message);
}

CV methodCode(ReadingMethod m)
{
    switch (m) {
    case ReadingMethod::Gp: return own("BAW-0010", "Greulich-Pyle atlas reading");
    case ReadingMethod::Tw3: return own("BAW-0011", "Tanner-Whitehouse 3 reading");
    case ReadingMethod::Other: break;
    }
    return own("BAW-0012", "Other bone age reading method");
}

void readingGroup(DSRDocumentTree& t, const BoneAgeReport& report, const Reading& r)
{
    Item group(t, DSRTypes::RT_contains, DSRTypes::VT_Container, dcm("125007", "Measurement Group"));
    // The reader is this group's own observer (TID 1002): the reading is theirs, not the program's.
    code(t, DSRTypes::RT_hasObsContext, dcm("121005", "Observer Type"), dcm("121006", "Person"));
    {
        Item name(t, DSRTypes::RT_hasObsContext, DSRTypes::VT_PName, dcm("121008", "Person Observer Name"));
        check(name.item().setStringValue(r.reader, OFFalse), "reader");
    }
    tracking(t, report, "reading " + std::to_string(r.id) + " by " + r.reader);
    Item num(t, DSRTypes::RT_contains, DSRTypes::VT_Num, kBoneAge);
    check(num.item().setNumericValue(DSRNumericMeasurementValue(ds(r.boneAgeMonths), kMonths)), "reading");
    code(t, DSRTypes::RT_hasConceptMod, own("BAW-0009", "Bone age reading method"), methodCode(r.method));
}

void roiGroup(DSRDocumentTree& t, const BoneAgeReport& report, const Tw3Roi& roi)
{
    Item group(t, DSRTypes::RT_contains, DSRTypes::VT_Container, dcm("125007", "Measurement Group"));
    tracking(t, report, "TW3 ROI " + roi.name);
    Item region(t, DSRTypes::RT_contains, DSRTypes::VT_SCoord, dcm("111030", "Image Region"));
    // PS3.3 C.18.6.1.2: column/row from the top left corner of the top left pixel, the same convention
    // as the program's (pixel i covers [i, i+1)). A closed polyline repeats its first point.
    DSRSpatialCoordinatesValue square(DSRTypes::GT_Polyline);
    const auto corners = roi.corners();
    for (int k = 0; k <= 4; ++k) square.getGraphicDataList().addItem(float(corners[k % 4].x), float(corners[k % 4].y));
    check(region.item().setSpatialCoordinates(square), "ROI");
    sourceImage(t, report, DSRTypes::RT_selectedFrom);
}

void keypointGroup(DSRDocumentTree& t, const BoneAgeReport& report, const HandLandmarks& h)
{
    Item group(t, DSRTypes::RT_contains, DSRTypes::VT_Container, dcm("125007", "Measurement Group"));
    tracking(t, report, "hand keypoints");
    text(t, DSRTypes::RT_hasConceptMod, dcm("111001", "Algorithm Name"),
         h.modelId + (h.refinementModelId.empty() ? std::string() : " refined by " + h.refinementModelId));
    for (int k = 0; k < kHandKeypointCount; ++k) {
        const std::string codeValue = "BAW-KP-" + std::to_string(k);
        const CV concept = own(codeValue.c_str(), ("Hand keypoint " + handKeypointNames()[k]).c_str());
        Item point(t, DSRTypes::RT_contains, DSRTypes::VT_SCoord, concept);
        DSRSpatialCoordinatesValue at(DSRTypes::GT_Point);
        at.getGraphicDataList().addItem(float(h.points[k].x), float(h.points[k].y));
        check(point.item().setSpatialCoordinates(at), "keypoint");
        sourceImage(t, report, DSRTypes::RT_selectedFrom);
    }
}

} // namespace

void writeStructuredReport(const BoneAgeReport& report, const std::string& path)
{
    const RadiographMetadata& m = report.radiograph.metadata;
    const bool dicomSource = !m.sopInstanceUid.empty() && !m.sopClassUid.empty();
    DSRDocument doc(DSRTypes::DT_ComprehensiveSR);
    check(doc.setSpecificCharacterSetType(DSRTypes::CS_UTF8), "character set");
    DSRCodingSchemeIdentificationList& schemes = doc.getCodingSchemeIdentification();
    check(schemes.addItem(kPrivateCodingScheme), "coding scheme");
    schemes.setCodingSchemeName("Bone Age Workstation private codes (docs/report.md)");
    schemes.setCodingSchemeResponsibleOrganization("Bone Age Workstation project");

    DSRDocumentTree& t = doc.getTree();
    if (t.addContentItem(DSRTypes::RT_isRoot, DSRTypes::VT_Container) == 0) throw std::runtime_error("the SR root could not be made");
    check(t.getCurrentContentItem().setConceptName(dcm("126000", "Imaging Measurement Report")), "title");
    check(t.getCurrentContentItem().setTemplateIdentification("1500", "DCMR"), "template");
    code(t, DSRTypes::RT_hasConceptMod, dcm("121049", "Language of Content Item and Descendants"), CV("en", "RFC5646", "English"));
    // TID 1001/1004: the program is the observer of everything below, unless a group says otherwise.
    code(t, DSRTypes::RT_hasObsContext, dcm("121005", "Observer Type"), dcm("121007", "Device"));
    uidref(t, DSRTypes::RT_hasObsContext, dcm("121012", "Device Observer UID"), report.resultUid("device-" + report.softwareVersion));
    text(t, DSRTypes::RT_hasObsContext, dcm("121013", "Device Observer Name"), "Bone Age Workstation");
    text(t, DSRTypes::RT_hasObsContext, dcm("121014", "Device Observer Manufacturer"), "Bone Age Workstation project (research use, not a medical device)");
    text(t, DSRTypes::RT_hasObsContext, dcm("121015", "Device Observer Model Name"), "boneage " + report.softwareVersion);
    code(t, DSRTypes::RT_hasConceptMod, dcm("121058", "Procedure reported"), CV("363680008", "SCT", "Radiographic imaging procedure"));
    if (dicomSource) {
        Item library(t, DSRTypes::RT_contains, DSRTypes::VT_Container, dcm("111028", "Image Library"));
        Item group(t, DSRTypes::RT_contains, DSRTypes::VT_Container, dcm("126200", "Image Library Group"));
        sourceImage(t, report, DSRTypes::RT_contains);
    }
    {
        Item measurements(t, DSRTypes::RT_contains, DSRTypes::VT_Container, dcm("126010", "Imaging Measurements"));
        for (const auto& model : report.assessment.models) modelGroup(t, report, model);
        ensembleGroup(t, report);
        for (const auto& r : report.readings) readingGroup(t, report, r);
        // Spatial coordinates need the film they lie on: only a DICOM film has a UID to refer to.
        const auto& h = report.assessment.landmarks;
        if (dicomSource && h && h->handFound) {
            for (const auto& roi : h->rois) roiGroup(t, report, roi);
            keypointGroup(t, report, *h);
        }
    }
    text(t, DSRTypes::RT_contains, own("BAW-0013", "Research use notice"),
         "Research software, not a certified medical device. The estimates must be reviewed by a radiologist.");

    check(doc.setCompletionFlagDescription("bone age estimated by software; not verified"), "completion");
    // SR Document General module: the evidence the report rests on (study / series / instance).
    if (dicomSource && !m.studyInstanceUid.empty() && !m.seriesInstanceUid.empty())
        check(doc.getCurrentRequestedProcedureEvidence().addItem(m.studyInstanceUid, m.seriesInstanceUid, m.sopClassUid, m.sopInstanceUid),
              "evidence");
    DcmFileFormat file;
    check(doc.write(*file.getDataset()), "write");
    DcmDataset& dataset = *file.getDataset();
    putResultAttributes(dataset, report, "sr", UID_ComprehensiveSRStorage, "SR", 9701, "Bone age (structured report)");
    saveDicomAtomically(file, path);
}

} // namespace boneage
