// `boneage echo|send|query|retrieve`: the PACS from the command line (core/dicomnet, docs/pacs.md).
#include "CommandLine.h"
#include "Commands.h"

#include "dicomnet/PacsClient.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace boneage::cli {

namespace {

struct Target {
    DicomNode node;
    PacsOptions options;
};

Target target(const Arguments& a)
{
    const auto to = a.value("to");
    if (!to) throw UsageError("say which node: --to AET@HOST:PORT");
    Target t;
    try {
        t.node = DicomNode::parse(*to);
        if (const auto from = a.value("from")) {
            checkAeTitle(*from, "--from");
            t.options.callingAeTitle = *from;
        }
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    if (const auto s = a.value("timeout")) t.options.timeoutSeconds = static_cast<int>(parseNumber(*s, "timeout"));
    return t;
}

} // namespace

int runEcho(const std::vector<std::string>& args)
{
    const Arguments a(args, {"to", "from", "timeout"}, {});
    if (!a.positional().empty()) throw UsageError("echo takes no files");
    const Target t = target(a);
    echo(t.node, t.options);
    std::printf("%s answered the echo (calling AE title %s)\n", t.node.toString().c_str(), t.options.callingAeTitle.c_str());
    return 0;
}

int runSend(const std::vector<std::string>& args)
{
    const Arguments a(args, {"to", "from", "timeout"}, {"json"});
    if (a.positional().empty()) throw UsageError("give the DICOM files to send");
    const Target t = target(a);
    const std::vector<SentFile> sent = send(t.node, a.positional(), t.options);
    int failed = 0;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : sent) {
        failed += !s.stored;
        out.push_back({{"file", s.file}, {"stored", s.stored}, {"sop_instance_uid", s.sopInstanceUid}, {"sop_class_uid", s.sopClassUid},
                       {"problem", s.problem.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.problem)}});
        if (!a.flag("json")) {
            if (s.stored) std::printf("sent    %s\n", s.file.c_str());
            else std::fprintf(stderr, "NOT SENT %s: %s\n", s.file.c_str(), s.problem.c_str());
        }
    }
    if (a.flag("json")) std::cout << nlohmann::json{{"to", t.node.toString()}, {"files", out}}.dump(2) << "\n";
    else std::printf("%zu of %zu stored on %s\n", sent.size() - failed, sent.size(), t.node.toString().c_str());
    return failed ? 1 : 0;
}

int runQuery(const std::vector<std::string>& args)
{
    const Arguments a(args, {"to", "from", "timeout", "patient-id", "patient-name", "study-date", "accession", "study"}, {"json"});
    if (!a.positional().empty()) throw UsageError("query takes no files");
    const Target t = target(a);
    StudyQuery q;
    q.patientId = a.value("patient-id").value_or("");
    q.patientName = a.value("patient-name").value_or("");
    q.studyDate = a.value("study-date").value_or("");
    q.accessionNumber = a.value("accession").value_or("");
    q.studyInstanceUid = a.value("study").value_or("");
    const std::vector<StudyMatch> studies = findStudies(t.node, q, t.options);
    if (a.flag("json")) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& s : studies)
            out.push_back({{"study_instance_uid", s.studyInstanceUid}, {"patient_id", s.patientId}, {"patient_name", s.patientName},
                           {"patient_sex", s.patientSex}, {"patient_birth_date", s.patientBirthDate}, {"study_date", s.studyDate},
                           {"study_time", s.studyTime}, {"study_description", s.studyDescription}, {"accession_number", s.accessionNumber},
                           {"modalities", s.modalitiesInStudy},
                           {"instances", s.instances < 0 ? nlohmann::json(nullptr) : nlohmann::json(s.instances)}});
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    for (const auto& s : studies)
        std::printf("%s  %-10s %-24s %-8s %-4s %s\n", s.studyInstanceUid.c_str(), s.studyDate.c_str(), s.patientName.c_str(),
                    s.patientId.c_str(), s.modalitiesInStudy.c_str(), s.studyDescription.c_str());
    std::printf("%zu stud%s on %s\n", studies.size(), studies.size() == 1 ? "y" : "ies", t.node.toString().c_str());
    return 0;
}

int runRetrieve(const std::vector<std::string>& args)
{
    const Arguments a(args, {"to", "from", "timeout", "study", "into"}, {});
    if (!a.positional().empty()) throw UsageError("retrieve takes no files");
    const Target t = target(a);
    const auto study = a.value("study");
    const auto into = a.value("into");
    if (!study || !into) throw UsageError("give --study UID and --into DIR");
    const std::vector<std::string> files = retrieveStudy(t.node, *study, *into, t.options);
    for (const auto& f : files) std::printf("%s\n", f.c_str());
    std::printf("%zu file%s retrieved from %s\n", files.size(), files.size() == 1 ? "" : "s", t.node.toString().c_str());
    return files.empty() ? 1 : 0;
}

} // namespace boneage::cli
