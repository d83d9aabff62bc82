// `boneage workspace ...`: the cases of a workspace (core/workspace) from the command line, with the
// same core as the workstation. Every command that changes the workspace takes its lock.
#include "CommandLine.h"
#include "Commands.h"
#include "LabelsCsv.h"
#include "WorkspaceCommand.h"

#include "common/AtomicFile.h"
#include "common/OutputPath.h"
#include "imaging/Preprocessing.h"
#include "training/DatasetCache.h"
#include "inference/ModelCard.h"
#include "workspace/AnnotationFormats.h"
#include "workspace/ReaderAgreement.h"
#include "workspace/Workspace.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <unistd.h>

namespace fs = std::filesystem;

namespace boneage::cli {

namespace {

double round1(double v) { return std::round(v * 10) / 10; }
nlohmann::json optNumber(const std::optional<double>& v) { return v ? nlohmann::json(round1(*v)) : nlohmann::json(); }

std::string lowered(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Files named on the command line, folders walked (sorted; hidden entries skipped).
std::vector<std::string> expandInputs(const std::vector<std::string>& inputs)
{
    std::vector<std::string> out;
    for (const std::string& input : inputs) {
        std::error_code ec;
        if (!fs::is_directory(input, ec)) {
            out.push_back(input);
            continue;
        }
        std::vector<std::string> found;
        for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
             it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) break;
            const std::string name = it->path().filename().string();
            if (!name.empty() && name[0] == '.') {
                if (it->is_directory(ec)) it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file(ec)) found.push_back(it->path().string());
        }
        std::sort(found.begin(), found.end());
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

bool isAnnotationFile(const std::string& path)
{
    const std::string ext = lowered(fs::path(path).extension().string());
    return ext == ".json" || ext == ".xml";
}

// CASE on the command line: a case id, a unique prefix of one (4 digits or more), or the name of
// the file it was imported from without extension (an RSNA id) when that is unique.
std::string resolveCase(const Workspace& ws, const std::string& given)
{
    if (ws.findCase(given)) return given;
    std::vector<std::string> matches;
    if (given.size() >= 4)
        for (const CaseSummary& c : ws.listCases())
            if (c.record.id.rfind(given, 0) == 0) matches.push_back(c.record.id);
    if (matches.empty()) matches = ws.casesNamed(given);
    if (matches.size() == 1) return matches.front();
    if (matches.empty())
        throw WorkspaceError(WorkspaceError::Reason::UnknownCase,
                             ws.dir() + " has no case " + given + " (see `boneage workspace list " + ws.dir() + "`)");
    throw WorkspaceError(WorkspaceError::Reason::UnknownCase,
                         given + " matches " + std::to_string(matches.size()) + " cases of " + ws.dir() + "; give the case id");
}

const FolderOutput& vocOutput();

// ---- import -------------------------------------------------------------------------------------

struct AnnotationImport {
    int films = 0, items = 0, ignoredObjects = 0;
};

// Puts the file's items of each film into the matching case's annotation by that reader; the items
// the file does not cover (COCO: the ROIs; VOC: the keypoints) stay as they were.
AnnotationImport importAnnotations(Workspace& ws, const std::string& path, const std::string& reader,
                                   nlohmann::json& refused)
{
    std::vector<AnnotatedFilm> films;
    AnnotationImport result;
    const bool coco = lowered(fs::path(path).extension().string()) == ".json";
    if (coco) {
        films = readCocoKeypoints(path, reader);
    } else {
        int ignored = 0;
        films.push_back(readVoc(path, reader, &ignored));
        result.ignoredObjects = ignored;
    }
    for (AnnotatedFilm& f : films) {
        std::vector<std::string> matches;
        if (ws.findCase(f.caseId)) matches = {f.caseId};
        if (matches.empty()) matches = ws.casesNamed(fs::path(f.fileName).stem().string());
        if (matches.empty()) matches = ws.casesNamed(f.caseId);
        if (matches.size() != 1) {
            refused.push_back({{"file", path},
                               {"message", path + ": image " + f.caseId + (matches.empty() ? " is not a case of the workspace; import its film first"
                                                                                           : " matches several cases")}});
            continue;
        }
        const CaseRecord c = *ws.findCase(matches.front());
        const double sx = f.width > 0 ? double(c.width) / f.width : 1.0, sy = f.height > 0 ? double(c.height) / f.height : 1.0;
        CaseAnnotation stored = ws.annotation(c.id, f.annotation.reader);
        const ItemKind covered = coco ? ItemKind::Keypoint : ItemKind::Roi;
        for (const AnnotationItem& item : f.annotation.items) {
            if (item.kind != covered) continue;
            AnnotationItem* target = stored.find(item.kind, item.name);
            if (!target) continue;
            *target = item;
            target->x *= sx, target->y *= sy, target->w *= sx, target->h *= sy;
            if (item.placed) ++result.items;
        }
        if (coco) {
            // The ROIs follow from the keypoints: proposed where this reader has not placed them.
            const CaseAnnotation proposal = CaseAnnotation::fromProposal(c.id, stored.reader, stored.keypoints());
            for (AnnotationItem& item : stored.items)
                if (item.kind == ItemKind::Roi && !item.placed && !item.locked && item.state == ItemState::Proposed)
                    if (const AnnotationItem* p = proposal.find(ItemKind::Roi, item.name)) item = *p;
        }
        ws.saveAnnotation(stored);
        ++result.films;
    }
    return result;
}

int runImport(const std::vector<std::string>& args)
{
    const Arguments a(args, {"labels", "reader", "sex", "method"}, {"json"});
    if (a.positional().empty()) throw UsageError("give the workspace folder and the files or folders to import");
    const std::string dir = a.positional().front();
    const std::vector<std::string> inputs(a.positional().begin() + 1, a.positional().end());
    const std::string reader = a.value("reader").value_or("");
    if (a.value("labels") && reader.empty()) throw UsageError("--labels needs --reader NAME: whose readings the labels are");
    std::optional<Sex> sex;
    if (auto s = a.value("sex")) {
        sex = parseSex(*s);
        if (!sex) throw UsageError("--sex must be M or F, not '" + *s + "'");
    }
    ReadingMethod method = ReadingMethod::Gp;
    if (auto m = a.value("method")) {
        const auto parsed = parseReadingMethod(*m);
        if (!parsed) throw UsageError("--method must be gp, tw3 or other, not '" + *m + "'");
        method = *parsed;
    }
    std::map<std::string, LabelRow> labels;
    if (auto l = a.value("labels"))
        for (const LabelRow& row : readLabelsCsv(*l)) labels[row.id] = row;
    if (inputs.empty() && labels.empty()) throw UsageError("give the files or folders to import (or --labels for cases already in)");

    auto ws = Workspace::open(dir, Workspace::Access::ReadWrite);
    const std::vector<std::string> files = expandInputs(inputs);
    nlohmann::json added = nlohmann::json::array(), already = nlohmann::json::array(), refused = nlohmann::json::array();
    int readingsAdded = 0, annotationFilms = 0, annotationItems = 0, ignoredObjects = 0;
    std::set<std::string> labelsUsed;
    const bool json = a.flag("json");
    for (const std::string& file : files) {
        if (isAnnotationFile(file)) continue;   // after the films, so that they can refer to them
        if (fs::path(file).filename() == vocOutput().marker) continue;   // our own VOC export's note
        ImportOptions options;
        options.sex = sex;
        const std::string stem = fs::path(file).stem().string();
        if (auto it = labels.find(stem); it != labels.end()) {
            options.sex = it->second.male ? Sex::Male : Sex::Female;
            options.sexSource = "labels";
            options.labelBoneAgeMonths = it->second.boneAgeMonths;
            options.labelReader = reader;
            options.labelMethod = method;
            labelsUsed.insert(stem);
        }
        const ImportOutcome o = ws->importFilm(file, options);
        readingsAdded += o.readingAdded;
        switch (o.kind) {
        case ImportOutcome::Kind::Added:
            added.push_back({{"file", file}, {"case", o.caseId}});
            if (!json) std::printf("added    %s  %s\n", o.caseId.c_str(), file.c_str());
            break;
        case ImportOutcome::Kind::AlreadyThere:
            already.push_back({{"file", file}, {"case", o.caseId}, {"message", o.message}});
            if (!json) std::printf("already  %s  %s (%s)\n", o.caseId.c_str(), file.c_str(), o.message.c_str());
            break;
        case ImportOutcome::Kind::Refused:
            refused.push_back({{"file", file}, {"message", o.message}});
            if (!json) std::printf("refused  %s\n", o.message.c_str());
            break;
        }
    }
    for (const std::string& file : files) {
        if (!isAnnotationFile(file)) continue;
        try {
            const std::size_t before = refused.size();
            const AnnotationImport r = importAnnotations(*ws, file, reader, refused);
            annotationFilms += r.films, annotationItems += r.items, ignoredObjects += r.ignoredObjects;
            if (!json) {
                std::printf("annotations  %s: %d films, %d items\n", file.c_str(), r.films, r.items);
                for (std::size_t i = before; i < refused.size(); ++i)
                    std::printf("refused  %s\n", refused[i]["message"].get<std::string>().c_str());
            }
        } catch (const WorkspaceError&) {
            throw;
        } catch (const std::exception& e) {
            refused.push_back({{"file", file}, {"message", e.what()}});
            if (!json) std::printf("refused  %s\n", e.what());
        }
    }
    // Labels of films imported before: how a site brings its readings for cases already in.
    if (files.empty())
        for (const auto& [id, row] : labels) {
            const auto cases = ws->casesNamed(id);
            if (cases.size() != 1) continue;
            labelsUsed.insert(id);
            const auto previous = ws->readings(cases.front());
            if (std::any_of(previous.begin(), previous.end(), [&](const Reading& r) { return r.reader == reader; })) continue;
            Reading r;
            r.caseId = cases.front();
            r.reader = reader;
            r.boneAgeMonths = row.boneAgeMonths;
            r.method = method;
            r.comment = "imported from a labels file";
            ws->addReading(r);
            ++readingsAdded;
        }
    const int unusedLabels = static_cast<int>(labels.size() - labelsUsed.size());
    if (json) {
        nlohmann::json out = {{"workspace", dir},         {"added", added},
                              {"already_there", already}, {"refused", refused},
                              {"readings_added", readingsAdded}};
        if (annotationFilms || annotationItems) out["annotations"] = {{"films", annotationFilms}, {"items", annotationItems}, {"ignored_objects", ignoredObjects}};
        if (!labels.empty()) out["labels_without_film"] = unusedLabels;
        printJson(out);
    } else {
        std::printf("%zu added, %zu already there, %zu refused, %d readings added", added.size(), already.size(),
                    refused.size(), readingsAdded);
        if (!labels.empty()) std::printf(", %d labels without a film", unusedLabels);
        std::printf("\n");
    }
    return refused.empty() ? 0 : 1;
}

// ---- list, read, stats --------------------------------------------------------------------------

int runList(const std::vector<std::string>& args)
{
    const Arguments a(args, {"status", "sort"}, {"json"});
    if (a.positional().size() != 1) throw UsageError("give the workspace folder");
    std::optional<CaseStatus> status;
    if (auto s = a.value("status")) {
        status = parseCaseStatus(*s);
        if (!status) throw UsageError("--status must be new, assessed, annotated, read or double-read");
    }
    const std::string sort = a.value("sort").value_or("imported");
    if (sort != "imported" && sort != "id" && sort != "status" && sort != "age" && sort != "name")
        throw UsageError("--sort must be imported, id, status, age or name");
    auto ws = Workspace::open(a.positional().front(), Workspace::Access::ReadOnly);
    std::vector<CaseSummary> cases = ws->listCases();
    if (status)
        cases.erase(std::remove_if(cases.begin(), cases.end(), [&](const CaseSummary& c) { return c.status != *status; }), cases.end());
    auto key = [&](const CaseSummary& c) -> std::pair<std::string, double> {
        if (sort == "id") return {c.record.id, 0};
        if (sort == "status") return {std::to_string(static_cast<int>(c.status)), 0};
        if (sort == "age") return {"", c.record.ageMonths.value_or(1e9)};
        if (sort == "name") return {c.record.originalName, 0};
        return {c.record.importedAt, 0};
    };
    std::stable_sort(cases.begin(), cases.end(), [&](const CaseSummary& x, const CaseSummary& y) { return key(x) < key(y); });
    if (a.flag("json")) {
        nlohmann::json list = nlohmann::json::array();
        for (const CaseSummary& c : cases)
            list.push_back({{"id", c.record.id},
                            {"status", toString(c.status)},
                            {"file", c.record.originalName},
                            {"film", c.record.film},
                            {"format", c.record.format},
                            {"width", c.record.width},
                            {"height", c.record.height},
                            {"sex", toString(c.record.sex)},
                            {"sex_source", c.record.sexSource},
                            {"chronological_age_months", optNumber(c.record.ageMonths)},
                            {"study_date", c.record.studyDate ? nlohmann::json(c.record.studyDate->toIso()) : nlohmann::json()},
                            {"patient_id", c.record.patientId},
                            {"imported_at", c.record.importedAt},
                            {"assessments", c.assessmentCount},
                            {"model_bone_age_months", optNumber(c.modelBoneAgeMonths)},
                            {"readings", c.readingCount},
                            {"readers", c.readerCount},
                            {"mean_reading_months", optNumber(c.meanReadingMonths)},
                            {"annotated", c.annotated}});
        printJson({{"workspace", ws->dir()}, {"count", cases.size()}, {"cases", list}});
        return 0;
    }
    std::printf("%-16s  %-11s  %-3s  %8s  %8s  %8s  %s\n", "CASE", "STATUS", "SEX", "AGE", "MODEL", "READING", "FILE");
    auto months = [](const std::optional<double>& v) {
        char b[32];
        std::snprintf(b, sizeof b, v ? "%.1f" : "-", v.value_or(0));
        return std::string(b);
    };
    for (const CaseSummary& c : cases)
        std::printf("%-16s  %-11s  %-3s  %8s  %8s  %8s  %s\n", c.record.id.c_str(), toString(c.status), toString(c.record.sex),
                    months(c.record.ageMonths).c_str(), months(c.modelBoneAgeMonths).c_str(),
                    months(c.meanReadingMonths).c_str(), c.record.originalName.c_str());
    std::printf("%zu cases (ages in months; READING: mean of the readers' latest readings)\n", cases.size());
    return 0;
}

int runRead(const std::vector<std::string>& args)
{
    const Arguments a(args, {"reader", "bone-age-months", "method", "confidence", "comment"}, {"json"});
    if (a.positional().size() != 2) throw UsageError("give the workspace folder and the case");
    const auto reader = a.value("reader");
    const auto months = a.value("bone-age-months");
    if (!reader || !months) throw UsageError("--reader and --bone-age-months are required");
    auto ws = Workspace::open(a.positional()[0], Workspace::Access::ReadWrite);
    Reading r;
    r.caseId = resolveCase(*ws, a.positional()[1]);
    r.reader = *reader;
    r.boneAgeMonths = parseNumber(*months, "bone-age-months");
    if (auto m = a.value("method")) {
        const auto parsed = parseReadingMethod(*m);
        if (!parsed) throw UsageError("--method must be gp, tw3 or other, not '" + *m + "'");
        r.method = *parsed;
    }
    r.confidence = a.value("confidence").value_or("");
    r.comment = a.value("comment").value_or("");
    const std::int64_t id = ws->addReading(r);
    if (a.flag("json"))
        printJson({{"workspace", ws->dir()}, {"case", r.caseId}, {"reading", id}, {"reader", r.reader},
               {"bone_age_months", r.boneAgeMonths}, {"method", toString(r.method)}});
    else
        std::printf("reading %lld recorded: case %s, %s, %.1f months (%s)\n", static_cast<long long>(id), r.caseId.c_str(),
                    r.reader.c_str(), r.boneAgeMonths, toString(r.method));
    return 0;
}

int runStats(const std::vector<std::string>& args)
{
    const Arguments a(args, {}, {"json"});
    if (a.positional().size() != 1) throw UsageError("give the workspace folder");
    auto ws = Workspace::open(a.positional().front(), Workspace::Access::ReadOnly);
    const ReaderAgreement g = readerAgreement(*ws);
    const auto cases = ws->listCases();
    std::map<std::string, int> byStatus;
    for (const CaseSummary& c : cases) ++byStatus[toString(c.status)];
    if (a.flag("json")) {
        auto rows = [](const std::vector<Agreement>& list, const char* first, const char* second) {
            nlohmann::json out = nlohmann::json::array();
            for (const Agreement& x : list)
                out.push_back({{first, x.first}, {second, x.second}, {"n", x.n}, {"mae_months", std::round(x.maeMonths * 100) / 100},
                               {"bias_months", std::round(x.biasMonths * 100) / 100}});
            return out;
        };
        nlohmann::json readers = nlohmann::json::array();
        for (const auto& [name, n] : g.readers) readers.push_back({{"reader", name}, {"cases", n}});
        printJson({{"workspace", ws->dir()},
               {"cases", cases.size()},
               {"by_status", byStatus},
               {"readers", readers},
               {"reader_vs_reader", rows(g.readerVsReader, "reader_a", "reader_b")},
               {"reader_vs_model", rows(g.readerVsModel, "reader", "model")},
               {"notes", "bias = mean(first - second) in months; each reader's latest reading and each model's latest "
                         "assessment of a case count"}});
        return 0;
    }
    std::printf("%s: %zu cases", ws->dir().c_str(), cases.size());
    for (const auto& [s, n] : byStatus) std::printf(", %d %s", n, s.c_str());
    std::printf("\n");
    for (const auto& [name, n] : g.readers) std::printf("  reader %-20s %d cases read\n", name.c_str(), n);
    for (const Agreement& x : g.readerVsReader)
        std::printf("  %s vs %s: MAE %.2f months, bias %+.2f months, n %d\n", x.first.c_str(), x.second.c_str(), x.maeMonths, x.biasMonths, x.n);
    for (const Agreement& x : g.readerVsModel)
        std::printf("  %s vs model %s: MAE %.2f months, bias %+.2f months, n %d\n", x.first.c_str(), x.second.c_str(), x.maeMonths, x.biasMonths, x.n);
    if (g.readerVsReader.empty() && g.readerVsModel.empty()) std::printf("  no case read by two readers or by a reader and a model yet\n");
    return 0;
}

// ---- export -------------------------------------------------------------------------------------

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// The annotations to export: those of `reader`, else every reader's.
std::vector<AnnotatedFilm> annotatedFilms(const Workspace& ws, const std::optional<std::string>& reader)
{
    std::vector<AnnotatedFilm> out;
    for (const CaseSummary& c : ws.listCases()) {
        for (const std::string& who : ws.annotators(c.record.id)) {
            if (reader && who != *reader) continue;
            AnnotatedFilm f;
            f.caseId = c.record.id;
            f.fileName = fs::path(c.record.film).filename().string();
            f.width = c.record.width;
            f.height = c.record.height;
            f.annotation = ws.annotation(c.record.id, who);
            out.push_back(std::move(f));
        }
    }
    return out;
}

const FolderOutput& vocOutput()
{
    static const FolderOutput output{"a Pascal VOC export", "voc-export.txt", [](const std::string& folder) {
                                         std::set<std::string> own = {"voc-export.txt"};
                                         std::error_code ec;
                                         for (const auto& e : fs::directory_iterator(folder, ec))
                                             if (e.path().extension() == ".xml") own.insert(e.path().filename().string());
                                         return own;
                                     }};
    return output;
}

int runExport(const std::vector<std::string>& args)
{
    const Arguments a(args, {"coco", "voc", "readings", "cache", "recipe", "reader"}, {"json", "overwrite"});
    if (a.positional().size() != 1) throw UsageError("give the workspace folder");
    const std::string dir = a.positional().front();
    const auto coco = a.value("coco"), voc = a.value("voc"), readingsCsv = a.value("readings"), cache = a.value("cache");
    if (!coco && !voc && !readingsCsv && !cache) throw UsageError("give at least one of --coco, --voc, --readings, --cache");
    if (cache && !a.value("recipe")) throw UsageError("--cache needs --recipe NAME (boneage recipes lists them)");
    const bool overwrite = a.flag("overwrite");
    const std::vector<std::pair<std::string, std::string>> inputs = {{"the workspace", dir}};
    if (coco) checkOutputFile({*coco, "--coco", overwrite, inputs});
    if (readingsCsv) checkOutputFile({*readingsCsv, "--readings", overwrite, inputs});
    if (voc) checkOutputFolder({*voc, "--voc", overwrite, inputs}, vocOutput());
    if (cache) {
        checkOutputFolder({*cache, "--cache", overwrite, inputs}, datasetCacheOutput());
        try {
            recipeByName(*a.value("recipe"));
        } catch (const std::invalid_argument& e) {
            throw UsageError(e.what());
        }
    }
    for (const auto& out : {coco, voc, readingsCsv, cache})
        if (out && (samePath(*out, dir) || fs::path(fs::weakly_canonical(*out)).string().rfind(fs::weakly_canonical(dir).string() + "/", 0) == 0))
            throw UsageError(*out + " is inside the workspace; write exports elsewhere");

    auto ws = Workspace::open(dir, Workspace::Access::ReadOnly);
    nlohmann::json summary = {{"workspace", dir}};
    const auto reader = a.value("reader");
    if (coco || voc) {
        const std::vector<AnnotatedFilm> films = annotatedFilms(*ws, reader);
        if (coco) {
            writeTextAtomically(*coco, cocoKeypointsText(films));
            summary["coco"] = {{"file", *coco}, {"annotations", films.size()}};
        }
        if (voc) {
            std::set<std::string> readers;
            for (const AnnotatedFilm& f : films) readers.insert(f.annotation.reader);
            if (readers.size() > 1)
                throw UsageError("the cases are annotated by " + std::to_string(readers.size()) +
                                 " readers and a VOC file holds one annotation: give --reader NAME");
            replaceDirectoryAtomically(
                *voc,
                [&](const std::string& tmp) {
                    for (const AnnotatedFilm& f : films)
                        writeTextAtomically((fs::path(tmp) / (f.caseId + ".xml")).string(), vocText(f));
                    writeTextAtomically((fs::path(tmp) / "voc-export.txt").string(),
                                        "Pascal VOC boxes of the 18 TW3 ROIs, one file per case, exported by `boneage workspace export` "
                                        "on " + utcNow() + " (research use, not a medical device)\n");
                },
                [&](const std::string& existing) { requireOnlyOwnEntries(existing, "--voc " + *voc, vocOutput()); });
            summary["voc"] = {{"folder", *voc}, {"files", films.size()}};
        }
    }
    if (readingsCsv) {
        std::ostringstream csv;
        csv << "case_id,file,sex,reader,bone_age_months,method,confidence,comment,created_at\n";
        std::map<std::string, CaseRecord> cases;
        for (const CaseSummary& c : ws->listCases()) cases[c.record.id] = c.record;
        const auto all = ws->readings();
        for (const Reading& r : all) {
            const CaseRecord& c = cases[r.caseId];
            csv << r.caseId << ',' << csvField(c.originalName) << ',' << toString(c.sex) << ',' << csvField(r.reader) << ','
                << r.boneAgeMonths << ',' << toString(r.method) << ',' << r.confidence << ',' << csvField(r.comment) << ','
                << r.createdAt << '\n';
        }
        writeTextAtomically(*readingsCsv, csv.str());
        summary["readings"] = {{"file", *readingsCsv}, {"rows", all.size()}};
    }
    if (cache) {
        // The cases with a reading, the mean of the readers' latest readings as the label, prepared
        // by `boneage prepare` from the workspace's films (named CASE.EXT, so the id is the case id).
        std::ostringstream labels;
        labels << "id,boneage,male\n";
        int n = 0;
        for (const CaseSummary& c : ws->listCases()) {
            if (!c.meanReadingMonths) continue;
            labels << c.record.id << ',' << *c.meanReadingMonths << ',' << (c.record.sex == Sex::Male ? "True" : "False") << '\n';
            ++n;
        }
        if (n == 0) throw std::runtime_error(dir + " has no case with a reading, so there is nothing to put in a training cache");
        const std::string labelsFile =
            (fs::temp_directory_path() / ("boneage-workspace-labels-" + std::to_string(::getpid()) + ".csv")).string();
        writeTextAtomically(labelsFile, labels.str());
        std::vector<std::string> prepare = {"--images", (fs::path(dir) / "films").string(), "--labels", labelsFile,
                                            "--recipe", *a.value("recipe"), "--out", *cache};
        if (overwrite) prepare.push_back("--overwrite");
        int rc = 1;
        // prepare's own summary line is replaced by this command's.
        std::ostringstream prepareSummary;
        std::streambuf* const standardOut = std::cout.rdbuf(prepareSummary.rdbuf());
        try {
            rc = runPrepare(prepare);
        } catch (...) {
            std::cout.rdbuf(standardOut);
            fs::remove(labelsFile);
            throw;
        }
        std::cout.rdbuf(standardOut);
        fs::remove(labelsFile);
        if (rc != 0) return rc;
        summary["cache"] = {{"folder", *cache}, {"cases", n}, {"recipe", *a.value("recipe")}};
    }
    if (a.flag("json")) {
        printJson(summary);
    } else {
        if (summary.contains("coco")) std::printf("COCO keypoints: %s (%d annotations)\n", coco->c_str(), summary["coco"]["annotations"].get<int>());
        if (summary.contains("voc")) std::printf("Pascal VOC ROI boxes: %s (%d files)\n", voc->c_str(), summary["voc"]["files"].get<int>());
        if (summary.contains("readings")) std::printf("readings: %s (%d rows)\n", readingsCsv->c_str(), summary["readings"]["rows"].get<int>());
        if (summary.contains("cache")) std::printf("training cache: %s (%d cases)\n", cache->c_str(), summary["cache"]["cases"].get<int>());
    }
    return 0;
}

int runInit(const std::vector<std::string>& args)
{
    const Arguments a(args, {}, {"json"});
    if (a.positional().size() != 1) throw UsageError("give the folder of the new workspace");
    Workspace::init(a.positional().front());
    if (a.flag("json")) printJson({{"workspace", a.positional().front()}, {"schema", kWorkspaceSchemaVersion}});
    else std::printf("workspace created: %s\n", a.positional().front().c_str());
    return 0;
}

} // namespace

int runWorkspace(const std::vector<std::string>& args)
{
    if (args.empty())
        throw UsageError("give a workspace command: init, import, list, read, export, stats, assess, models, compare, promote, rollback");
    const std::string command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        if (command == "init") return runInit(rest);
        if (command == "import") return runImport(rest);
        if (command == "list") return runList(rest);
        if (command == "read") return runRead(rest);
        if (command == "export") return runExport(rest);
        if (command == "stats") return runStats(rest);
        if (command == "assess") return runWorkspaceAssess(rest);
        if (command == "models") return runWorkspaceModels(rest);
        if (command == "compare") return runWorkspaceCompare(rest);
        if (command == "promote") return runWorkspacePromote(rest);
        if (command == "rollback") return runWorkspaceRollback(rest);
        if (command == "train") return runWorkspaceTrain(rest);
        if (command == "run-job") return runWorkspaceRunJob(rest);
    } catch (const PackageError& e) {
        std::cerr << "boneage workspace " << command << ": " << e.what() << "\n";
        return 1;
    } catch (const WorkspaceError& e) {
        // Exit status 4: the workspace itself (locked, read-only, damaged, newer, not a workspace).
        std::cerr << "boneage workspace " << command << ": " << e.what() << "\n";
        return e.reason() == WorkspaceError::Reason::InvalidValue || e.reason() == WorkspaceError::Reason::UnknownCase ? 1 : 4;
    }
    throw UsageError("unknown workspace command '" + command + "'");
}

} // namespace boneage::cli
