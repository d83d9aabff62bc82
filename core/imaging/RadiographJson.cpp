#include "RadiographJson.h"
#include "Utf8Text.h"

#include <cmath>

namespace boneage {

namespace {

nlohmann::json optDate(const std::optional<Date>& d) { return d ? nlohmann::json(d->toIso()) : nlohmann::json(); }
nlohmann::json optNum(const std::optional<double>& v, double decimals = 2)
{
    if (!v) return nullptr;
    const double f = std::pow(10.0, decimals);
    return std::round(*v * f) / f;
}

const char* depthName(int depth)
{
    switch (depth) {
    case CV_8U: return "uint8";
    case CV_16U: return "uint16";
    case CV_16S: return "int16";
    case CV_32F: return "float32";
    default: return "other";
    }
}

} // namespace

// Every string goes through validUtf8: a file name or a DICOM text in a legacy encoding must not make
// the caller's dump() throw (nlohmann::json refuses invalid UTF-8 by default).
nlohmann::json toJson(const Radiograph& r)
{
    const auto text = [](const std::string& s) { return validUtf8(s); };
    const RadiographMetadata& m = r.metadata;
    nlohmann::json windows = nlohmann::json::array();
    for (const auto& w : r.windows) windows.push_back({{"center", w.center}, {"width", w.width}, {"explanation", text(w.explanation)}});
    nlohmann::json luts = nlohmann::json::array();
    for (const auto& l : r.voiLuts)
        luts.push_back({{"explanation", text(l.explanation)}, {"entries", l.data.size()}, {"first_mapped", l.firstMapped},
                        {"bits", l.bitsPerEntry}});
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& w : m.warnings) warnings.push_back(text(w));
    const auto range = r.valueRange();
    nlohmann::json j = {
        {"file", text(m.sourceFile)},
        {"format", text(m.format)},
        {"patient_id", text(m.patientId)},
        {"patient_name", text(m.patientName)},
        {"sex", toString(m.sex)},
        {"birth_date", optDate(m.birthDate)},
        {"study_date", optDate(m.studyDate)},
        {"acquisition_date", optDate(m.acquisitionDate)},
        {"chronological_age_months", optNum(m.chronologicalAgeMonths)},
        {"chronological_age_source", text(m.chronologicalAgeSource)},
        {"pixel_spacing_mm", m.pixelSpacingRowMm && m.pixelSpacingColumnMm
                                 ? nlohmann::json::array({*m.pixelSpacingRowMm, *m.pixelSpacingColumnMm})
                                 : nlohmann::json()},
        {"pixel_spacing_source", text(m.pixelSpacingSource)},
        {"laterality", text(m.laterality)},
        {"modality", text(m.modality)},
        {"body_part", text(m.bodyPart)},
        {"photometric_interpretation", text(m.photometric)},
        {"presentation_lut_inverse", m.presentationLutInverse},
        {"sop_class_uid", text(m.sopClassUid)},
        {"sop_instance_uid", text(m.sopInstanceUid)},
        {"transfer_syntax", text(m.transferSyntax)},
        {"study_description", text(m.studyDescription)},
        {"width", r.width()},
        {"height", r.height()},
        {"bits_stored", m.bitsStored},
        {"signed", m.isSigned},
        {"rescale", {{"slope", m.rescaleSlope}, {"intercept", m.rescaleIntercept}}},
        {"pixel_type", depthName(r.pixels.depth())},
        {"value_range", {range.first, range.second}},
        {"windows", windows},
        {"voi_luts", luts},
        {"warnings", warnings},
    };
    return j;
}

} // namespace boneage
