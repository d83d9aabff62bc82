// `boneage report`: the result of one film as a PDF, a DICOM Structured Report (TID 1500), a
// Secondary Capture with the overlays burnt in and an encapsulated PDF (docs/report.md).
#include "AssessFilm.h"
#include "CommandLine.h"
#include "OffscreenPainting.h"
#include "Commands.h"
#include "OpenMpWaiting.h"
#include "OutputFiles.h"

#include "common/Sha256.h"
#include "inference/ModelsLocation.h"
#include "report/BoneAgeReport.h"
#include "report/EncapsulatedPdf.h"
#include "report/ReportPdf.h"
#include "report/ResultCapture.h"
#include "report/StructuredReport.h"
#include "Translations.h"


#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace boneage::cli {

namespace {

ReportOverlays parseOverlays(const std::string& list)
{
    ReportOverlays o{false, false, false};
    if (list == "none") return o;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item == "rois") o.rois = true;
        else if (item == "keypoints") o.keypoints = true;
        else if (item == "attention") o.attention = true;
        else throw UsageError("--overlay takes rois, keypoints, attention (comma-separated) or none, not '" + item + "'");
    }
    return o;
}

// The readings of this film in the workspace: its case is the film's SHA-256 (Workspace.h).
std::vector<Reading> workspaceReadings(const std::string& workspaceDir, const std::string& sha256, std::string& caseId)
{
    const auto ws = Workspace::open(workspaceDir, Workspace::Access::ReadOnly);
    for (const auto& c : ws->listCases())
        if (c.record.sha256 == sha256) {
            caseId = c.record.id;
            return ws->readings(c.record.id);
        }
    return {};
}

} // namespace

int runReport(const std::vector<std::string>& args)
{
    const Arguments a(args, {"sex", "age-months", "models", "threads", "workspace", "max-interval-months", "pdf", "sr", "sc",
                             "encapsulated-pdf", "overlay", "language", "atlas"},
                      {"json", "no-tta", "force", "overwrite"});
    if (a.positional().size() != 1) throw UsageError("give one radiograph");
    const std::string file = a.positional().front();
    const char* outputs[] = {"pdf", "sr", "sc", "encapsulated-pdf"};
    bool any = false;
    for (const char* o : outputs) {
        checkOutputOption(a, o, {{"FILE", file}});
        any = any || a.value(o).has_value();
    }
    if (!any) throw UsageError("say what to write: --pdf OUT.pdf, --sr OUT.dcm, --sc OUT.dcm and/or --encapsulated-pdf OUT.dcm");
    for (const char* x : outputs)
        for (const char* y : outputs)
            if (x < y && a.value(x) && a.value(y) &&
                std::filesystem::absolute(*a.value(x)).lexically_normal() == std::filesystem::absolute(*a.value(y)).lexically_normal())
                throw UsageError(std::string("--") + x + " and --" + y + " name the same file");
    const ReportOverlays overlays = parseOverlays(a.value("overlay").value_or("rois"));
    const std::string language = a.value("language").value_or("en");
    if (language != "en" && language != "de" && language != "zh_CN")
        throw UsageError("--language must be en, de or zh_CN, not '" + language + "'");
    restartWithPassiveOpenMpWaiting("boneage", "report", args);

    const auto app = startOffscreenPainting();   // the PDF and the SC are painted
    const QString installed = installTranslations(QLocale(QString::fromStdString(language)), language == "en");
    if (installed.toStdString() != language) std::cerr << "warning: no " << language << " translation; the report is in English\n";

    const AssessedFilm film = assessFilm(a, file, overlays.attention);
    if (film.assessment.withheld) {
        std::cerr << "boneage report: " << file << ": no bone age, so no report:\n";
        for (const auto& f : film.assessment.reviewFlags) std::cerr << "  " << f.message << "\n";
        std::cerr << "  (boneage report --force estimates anyway; the report then says \"review required\")\n";
        return 3;
    }
    std::vector<Reading> readings;
    std::string caseId;
    if (const auto ws = a.value("workspace")) {
        readings = workspaceReadings(*ws, sha256OfFile(file), caseId);
        if (caseId.empty()) std::cerr << "warning: " << file << " is not a case of " << *ws << "; the report has no reader's reading\n";
    }
    std::string atlas = a.value("atlas").value_or("");
    if (atlas.empty()) {
        const std::string shipped = resourcesDirectory() + "/atlas/rsna-reference";
        if (std::filesystem::exists(shipped + "/atlas.json")) atlas = shipped;
        else std::cerr << "warning: no atlas pack at " << shipped << "; the report has no atlas plates\n";
    }
    const BoneAgeReport report = makeBoneAgeReport(file, film.radiograph, film.assessment, readings, atlas, overlays, language);
    if (!report.atlasProblem.empty()) std::cerr << "warning: no atlas plates in the report: " << report.atlasProblem << "\n";
    if (film.radiograph.metadata.format == "DICOM" && film.radiograph.metadata.studyInstanceUid.empty())
        std::cerr << "warning: " << file << " has no Study Instance UID (0020,000D): the DICOM results are placed in a study of their "
                  << "own (" << report.studyInstanceUid() << "), which a PACS shows apart from the film\n";

    nlohmann::json out = {{"file", file}, {"bone_age_months", std::round(*film.assessment.boneAgeMonths() * 10) / 10},
                          {"study_instance_uid", report.studyInstanceUid()}, {"readings", report.readings.size()},
                          {"review_required", film.assessment.reviewRequired()}, {"language", language}};
    if (!caseId.empty()) out["case"] = caseId;
    if (!film.active.workspace.empty()) out["model_versions"] = film.active.versionsJson();
    QByteArray pdf;
    if (a.value("pdf") || a.value("encapsulated-pdf")) pdf = reportPdf(report);
    if (const auto path = a.value("pdf")) {
        writeTextAtomically(*path, std::string(pdf.constData(), std::size_t(pdf.size())));
        out["pdf"] = {{"path", *path}, {"bytes", pdf.size()}};
    }
    if (const auto path = a.value("sr")) {
        writeStructuredReport(report, *path);
        out["sr"] = {{"path", *path}, {"sop_instance_uid", report.resultUid("sr")}};
    }
    if (const auto path = a.value("sc")) {
        writeResultCapture(report, *path);
        out["sc"] = {{"path", *path}, {"sop_instance_uid", report.resultUid("sc")}};
    }
    if (const auto path = a.value("encapsulated-pdf")) {
        writeEncapsulatedPdf(report, pdf, *path);
        out["encapsulated_pdf"] = {{"path", *path}, {"sop_instance_uid", report.resultUid("pdf")}};
    }
    if (a.flag("json")) {
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    std::printf("%s: bone age %.1f months%s\n", file.c_str(), *film.assessment.boneAgeMonths(),
                film.assessment.reviewRequired() ? " (REVIEW REQUIRED)" : "");
    for (const char* o : outputs)
        if (const auto path = a.value(o)) std::printf("  %-17s %s\n", o, path->c_str());
    std::printf("  study %s; research use only, not a medical device\n", report.studyInstanceUid().c_str());
    return 0;
}

} // namespace boneage::cli
