// `boneage service --config FILE`: the department service (docs/pacs.md). Receives films by C-STORE,
// keeps them in a durable queue, assesses each with the installed models, writes the SR and the
// Secondary Capture (and, if asked, the encapsulated PDF) and sends them to the configured node.
#include "CommandLine.h"
#include "OffscreenPainting.h"
#include "Commands.h"
#include "ModelsLocation.h"

#include "dicomnet/FilmService.h"
#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
#include "inference/LandmarkModel.h"
#include "inference/ModelPackage.h"
#include "inference/ModelsLocation.h"
#include "report/BoneAgeReport.h"
#include "report/EncapsulatedPdf.h"
#include "report/ReportPdf.h"
#include "report/ResultCapture.h"
#include "report/StructuredReport.h"
#include "Translations.h"


#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>

namespace boneage::cli {

namespace {

std::atomic<bool> serviceStop{false};
extern "C" void stopService(int) { serviceStop = true; }

struct ServiceConfig {
    ServiceOptions service;
    std::string modelsDir, atlas, language = "en";
    bool sr = true, sc = true, pdf = false;
};

// The configuration file (JSON, docs/pacs.md). Every field but "spool" has a default; an unknown
// field is refused (a typo must not silently fall back to a default).
ServiceConfig readConfig(const std::string& path)
{
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot read the service configuration");
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw std::runtime_error(path + ": not a JSON object");
    static const std::set<std::string> known = {"ae_title", "port", "spool", "workers", "send_to", "calling_ae_title",
                                                "models", "atlas", "language", "results", "retry_seconds"};
    for (const auto& [k, v] : j.items())
        if (!known.count(k)) throw std::runtime_error(path + ": unknown field \"" + k + "\"");
    ServiceConfig c;
    try {
        c.service.listener.aeTitle = j.value("ae_title", std::string(kDefaultCallingAeTitle));
        checkAeTitle(c.service.listener.aeTitle, "\"ae_title\"");
        c.service.listener.port = j.value("port", 11112);
        if (c.service.listener.port < 1 || c.service.listener.port > 65535) throw std::invalid_argument("\"port\" must be 1 to 65535");
        c.service.spool = j.at("spool").get<std::string>();
        c.service.workers = j.value("workers", 1);
        if (c.service.workers < 1 || c.service.workers > 64) throw std::invalid_argument("\"workers\" must be 1 to 64");
        if (j.contains("send_to") && !j.at("send_to").is_null()) c.service.sendTo = DicomNode::parse(j.at("send_to").get<std::string>());
        c.service.pacs.callingAeTitle = j.value("calling_ae_title", c.service.listener.aeTitle);
        checkAeTitle(c.service.pacs.callingAeTitle, "\"calling_ae_title\"");
        c.service.retrySeconds = j.value("retry_seconds", 30);
        c.modelsDir = j.value("models", std::string());
        c.atlas = j.value("atlas", std::string());
        c.language = j.value("language", std::string("en"));
        if (c.language != "en" && c.language != "de" && c.language != "zh_CN") throw std::invalid_argument("\"language\" must be en, de or zh_CN");
        if (j.contains("results")) {
            c.sr = c.sc = c.pdf = false;
            for (const auto& r : j.at("results")) {
                const std::string kind = r.get<std::string>();
                if (kind == "sr") c.sr = true;
                else if (kind == "sc") c.sc = true;
                else if (kind == "pdf") c.pdf = true;
                else throw std::invalid_argument("\"results\" may hold \"sr\", \"sc\" and \"pdf\", not \"" + kind + "\"");
            }
        }
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": " + e.what());
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
    return c;
}

} // namespace

int runService(const std::vector<std::string>& args)
{
    const Arguments a(args, {"config"}, {});
    const auto configPath = a.value("config");
    if (!configPath || !a.positional().empty()) throw UsageError("give the configuration: --config FILE");
    const ServiceConfig config = readConfig(*configPath);
    const std::string modelsDir = modelsDirectory(config.modelsDir);
    const auto packages = findModelPackages(modelsDir);
    if (packages.empty()) throw std::runtime_error("no model packages in " + modelsDir + " (\"models\" in the configuration)");
    const auto landmarks = LandmarkModel::find(modelsDir);
    std::string atlas = config.atlas;
    if (atlas.empty() && std::filesystem::exists(resourcesDirectory() + "/atlas/rsna-reference/atlas.json"))
        atlas = resourcesDirectory() + "/atlas/rsna-reference";
    std::optional<EnsembleCalibration> calibration;
    if (const auto f = findEnsembleCalibration(modelsDir)) calibration = readEnsembleCalibration(*f);

    const auto app = startOffscreenPainting();   // the PDF and the SC are painted
    installTranslations(QLocale(QString::fromStdString(config.language)), config.language == "en");

    const FilmProcessor process = [&](const std::string& film, const std::string& resultsFolder) {
        const Radiograph r = loadRadiograph(film);
        if (r.metadata.sex == Sex::Unknown)
            throw std::runtime_error("the patient's sex is not recorded in the film; the standards differ by sex, so it was not assessed");
        // The results join the film's study; without its UID they would make a study of their own that
        // the PACS shows apart from the film. Refused before the assessment, so nothing is sent.
        if (r.metadata.studyInstanceUid.empty())
            throw std::runtime_error("the film has no Study Instance UID (0020,000D), so its results could not join its study in the "
                                     "PACS; have the modality or the PACS correct the film and send it again");
        AssessmentOptions o;
        if (landmarks) o.landmarkPackage = *landmarks;
        o.ensembleCalibration = calibration;
        const Assessment assessment = assessRadiograph(r, r.metadata.sex, packages, o);
        if (assessment.withheld || !assessment.boneAgeMonths()) {
            std::string why;
            for (const auto& f : assessment.reviewFlags) why += (why.empty() ? "" : "; ") + f.message;
            throw std::runtime_error("no bone age: " + (why.empty() ? std::string("no model could assess it") : why));
        }
        const BoneAgeReport report = makeBoneAgeReport(film, r, assessment, {}, atlas, {}, config.language);
        ProcessedFilm out;
        const std::filesystem::path dir(resultsFolder);
        if (config.sr) {
            writeStructuredReport(report, (dir / "sr.dcm").string());
            out.results.push_back((dir / "sr.dcm").string());
        }
        if (config.sc) {
            writeResultCapture(report, (dir / "sc.dcm").string());
            out.results.push_back((dir / "sc.dcm").string());
        }
        if (config.pdf) {
            writeEncapsulatedPdf(report, reportPdf(report), (dir / "pdf.dcm").string());
            out.results.push_back((dir / "pdf.dcm").string());
        }
        out.summaryJson = nlohmann::json{{"bone_age_months", std::round(*assessment.boneAgeMonths() * 10) / 10},
                                         {"review_required", assessment.reviewRequired()},
                                         {"sop_instance_uid", r.metadata.sopInstanceUid},
                                         {"sr", config.sr ? nlohmann::json(report.resultUid("sr")) : nlohmann::json(nullptr)}}
                              .dump();
        return out;
    };

    std::signal(SIGTERM, stopService);
    std::signal(SIGINT, stopService);
    const std::string logPath = (std::filesystem::path(config.service.spool) / "service.log").string();
    std::filesystem::create_directories(config.service.spool);
    std::ofstream logFile(logPath, std::ios::app);
    runFilmService(config.service, process, serviceStop, [&](const std::string& line) {
        std::cout << line << std::endl;
        logFile << line << std::endl;
    });
    return 0;
}

} // namespace boneage::cli
