#include "CommandLine.h"
#include "Commands.h"

#include "common/OutputPath.h"
#include "imaging/Display.h"
#include "imaging/DicomWriter.h"
#include "imaging/RadiographLoader.h"

#include <iostream>

namespace boneage::cli {

namespace {

Date dateOption(const Arguments& a, const std::string& name, const Date& fallback)
{
    auto v = a.value(name);
    if (!v) return fallback;
    auto d = Date::fromIso(*v);
    if (!d) throw UsageError("--" + name + " must be a date YYYY-MM-DD, not '" + *v + "'");
    return *d;
}

DicomCompression compressionOption(const Arguments& a)
{
    const std::string c = a.value("compression").value_or("none");
    if (c == "none") return DicomCompression::None;
    if (c == "rle") return DicomCompression::Rle;
    if (c == "jpeg-lossless") return DicomCompression::JpegLossless;
    if (c == "jpeg-ls") return DicomCompression::JpegLsLossless;
    if (c == "jpeg-baseline") return DicomCompression::JpegBaseline;
    throw UsageError("--compression must be none, rle, jpeg-lossless, jpeg-ls or jpeg-baseline");
}

} // namespace

int runExportDicom(const std::vector<std::string>& args)
{
    const Arguments a(args,
                      {"patient-id", "patient-name", "sex", "birth-date", "study-date", "study-description",
                       "comment", "bits", "compression"},
                      {"overwrite"});
    if (a.positional().size() != 2) throw UsageError("give one input and one output file");
    checkOutputFile({a.positional()[1], "OUT", a.flag("overwrite"), {{"IN", a.positional()[0]}}});
    const Radiograph in = loadRadiograph(a.positional()[0]);
    RadiographMetadata m = in.metadata;
    if (auto v = a.value("patient-id")) m.patientId = *v;
    if (auto v = a.value("patient-name")) m.patientName = *v;
    if (auto v = a.value("sex")) {
        auto s = parseSex(*v);
        if (!s) throw UsageError("--sex must be M or F");
        m.sex = *s;
    }
    if (a.value("birth-date")) m.birthDate = dateOption(a, "birth-date", {});
    if (a.value("study-date")) m.studyDate = m.acquisitionDate = dateOption(a, "study-date", {});
    if (m.birthDate && m.studyDate) {
        // A study before the birth has no age: Patient's Age is then left out, never written as 0.
        const double months = monthsBetween(*m.birthDate, *m.studyDate);
        m.chronologicalAgeMonths = months >= 0 ? std::optional<double>(months) : std::nullopt;
    }
    if (auto v = a.value("study-description")) m.studyDescription = *v;
    if (m.modality.empty()) m.modality = "OT";

    DicomWriteOptions o;
    o.compression = compressionOption(a);
    o.imageComments = a.value("comment").value_or("");
    const int bits = static_cast<int>(parseNumber(a.value("bits").value_or("8"), "bits"));
    if (bits < 8 || bits > 16) throw UsageError("--bits must be between 8 and 16");

    // Pixels as displayed by default (bone bright), at the requested depth.
    const cv::Mat grey8 = renderDisplay8(in, in.defaultDisplay());
    cv::Mat out = grey8;
    if (bits > 8) {
        grey8.convertTo(out, CV_16U, ((1 << bits) - 1) / 255.0);
        o.bitsStored = bits;
    }
    writeSecondaryCapture(out, m, a.positional()[1], o);
    std::cout << a.positional()[1] << "\n";
    return 0;
}

} // namespace boneage::cli
