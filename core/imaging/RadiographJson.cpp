#include "RadiographJson.h"

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

nlohmann::json toJson(const Radiograph& r)
{
    const RadiographMetadata& m = r.metadata;
    nlohmann::json windows = nlohmann::json::array();
    for (const auto& w : r.windows) windows.push_back({{"center", w.center}, {"width", w.width}, {"explanation", w.explanation}});
    nlohmann::json luts = nlohmann::json::array();
    for (const auto& l : r.voiLuts)
        luts.push_back({{"explanation", l.explanation}, {"entries", l.data.size()}, {"first_mapped", l.firstMapped},
                        {"bits", l.bitsPerEntry}});
    const auto range = r.valueRange();
    nlohmann::json j = {
        {"file", m.sourceFile},
        {"format", m.format},
        {"patient_id", m.patientId},
        {"patient_name", m.patientName},
        {"sex", toString(m.sex)},
        {"birth_date", optDate(m.birthDate)},
        {"study_date", optDate(m.studyDate)},
        {"acquisition_date", optDate(m.acquisitionDate)},
        {"chronological_age_months", optNum(m.chronologicalAgeMonths)},
        {"chronological_age_source", m.chronologicalAgeSource},
        {"pixel_spacing_mm", m.pixelSpacingRowMm && m.pixelSpacingColumnMm
                                 ? nlohmann::json::array({*m.pixelSpacingRowMm, *m.pixelSpacingColumnMm})
                                 : nlohmann::json()},
        {"pixel_spacing_source", m.pixelSpacingSource},
        {"laterality", m.laterality},
        {"modality", m.modality},
        {"body_part", m.bodyPart},
        {"photometric_interpretation", m.photometric},
        {"presentation_lut_inverse", m.presentationLutInverse},
        {"sop_class_uid", m.sopClassUid},
        {"transfer_syntax", m.transferSyntax},
        {"study_description", m.studyDescription},
        {"width", r.width()},
        {"height", r.height()},
        {"bits_stored", m.bitsStored},
        {"signed", m.isSigned},
        {"rescale", {{"slope", m.rescaleSlope}, {"intercept", m.rescaleIntercept}}},
        {"pixel_type", depthName(r.pixels.depth())},
        {"value_range", {range.first, range.second}},
        {"windows", windows},
        {"voi_luts", luts},
        {"warnings", m.warnings},
    };
    return j;
}

} // namespace boneage
