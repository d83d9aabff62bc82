// `boneage ensemble`: fits the ensemble of the installed packages and its 90 % interval on held-out
// predictions (the predictions.csv of `boneage evaluate --report`), and shows a fitted one.
#include "CommandLine.h"
#include "Commands.h"

#include "common/OutputPath.h"
#include "inference/EnsembleCalibration.h"
#include "inference/ModelCard.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace boneage::cli {

namespace {

std::vector<std::string> splitCsv(const std::string& line)
{
    std::vector<std::string> out;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, ',')) out.push_back(cell);
    if (!line.empty() && line.back() == ',') out.emplace_back();
    return out;
}

// The held-out cases of an evaluate report: reference, sex, and each package's column "estimate_NAME".
std::vector<HeldOutPrediction> readPredictions(const std::string& path, const std::vector<std::string>& packages)
{
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot be read");
    std::string line;
    if (!std::getline(in, line)) throw std::runtime_error(path + ": empty");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> header = splitCsv(line);
    const auto column = [&](const std::string& name) -> std::size_t {
        for (std::size_t k = 0; k < header.size(); ++k)
            if (header[k] == name) return k;
        throw std::runtime_error(path + ": no column '" + name + "'; make it with boneage evaluate --model PKG... --report DIR "
                                        "(one --model for each package of the ensemble)");
    };
    const std::size_t id = column("id"), male = column("male"), reference = column("reference_months");
    std::map<std::string, std::size_t> estimate;
    for (const auto& p : packages) estimate[p] = column("estimate_" + p);
    std::vector<HeldOutPrediction> cases;
    for (int row = 2; std::getline(in, line); ++row) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const std::vector<std::string> cells = splitCsv(line);
        if (cells.size() < header.size()) throw std::runtime_error(path + " line " + std::to_string(row) + ": fewer cells than the header");
        HeldOutPrediction c;
        c.id = cells[id];
        c.male = cells[male] == "1";
        try {
            c.referenceMonths = std::stod(cells[reference]);
            for (const auto& [package, k] : estimate)
                if (!cells[k].empty()) c.estimates[package] = std::stod(cells[k]);
        } catch (const std::exception&) {
            throw std::runtime_error(path + " line " + std::to_string(row) + ": a number is not a number");
        }
        cases.push_back(std::move(c));
    }
    return cases;
}

std::string today()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", std::gmtime(&now));
    return text;
}

void print(const EnsembleCalibration& e)
{
    std::printf("members (weight boys / girls, held-out MAE alone):\n");
    for (const auto& m : e.members) {
        const auto weight = [&](const char* sex) {
            const auto it = m.weightBySex.find(sex);
            return it == m.weightBySex.end() ? std::string("-") : std::to_string(it->second).substr(0, 5);
        };
        const auto mae = e.memberMae.find(m.package);
        std::printf("  %-32s %5s / %5s   MAE %s\n", m.package.c_str(), weight("M").c_str(), weight("F").c_str(),
                    mae == e.memberMae.end() ? "-" : std::to_string(mae->second).substr(0, 5).c_str());
    }
    std::printf("ensemble MAE %.2f months on the held-out cases (weights fitted on %zu of them)\n", e.ensembleMae, e.fitCases);
    std::printf("%.0f %% interval: estimate +- %.3f x scale(estimate); scale by estimated age:", 100 * e.nominal, e.quantile);
    for (std::size_t b = 0; b < e.scaleMonths.size(); ++b)
        std::printf(" %g-%g y: %.1f;", e.scaleEdgesMonths[b] / 12, e.scaleEdgesMonths[b + 1] / 12, e.scaleMonths[b]);
    std::printf("\n  calibrated on %zu cases; measured coverage %.1f %% (5th-95th percentile over repeated splits %.1f-%.1f %%), "
                "median width %.1f months\n",
                e.conformalCases, 100 * e.measuredCoverage, 100 * e.measuredCoverageLow, 100 * e.measuredCoverageHigh,
                e.measuredMedianWidthMonths);
}

int runFit(const std::vector<std::string>& args)
{
    const Arguments a(args, {"predictions", "model", "out", "nominal", "seed"}, {"overwrite", "json"});
    const auto predictions = a.value("predictions");
    const auto out = a.value("out");
    const std::vector<std::string> modelDirs = a.values("model");
    if (!predictions || !out || modelDirs.empty()) throw UsageError("ensemble fit needs --predictions CSV, --model DIR (each member) and --out FILE");
    std::vector<std::pair<std::string, std::string>> inputs = {{"--predictions", *predictions}};
    for (const auto& d : modelDirs) inputs.emplace_back("--model", d);
    checkOutputFile({*out, "--out", a.flag("overwrite"), inputs});
    EnsembleFitOptions options;
    if (const auto v = a.value("nominal")) options.nominal = parseNumber(*v, "nominal");
    if (const auto v = a.value("seed")) options.seed = static_cast<unsigned>(parseNumber(*v, "seed"));

    std::map<std::string, std::string> sha;
    std::vector<std::string> packages;
    for (const auto& d : modelDirs) {
        const ModelCard card = readModelCard(d);   // a broken package is refused here, with the reason
        const std::string name = packageFolderName(d);
        if (sha.count(name)) throw UsageError("two --model packages are both named '" + name + "'");
        sha[name] = card.weightsSha256;
        packages.push_back(name);
    }
    const std::vector<HeldOutPrediction> cases = readPredictions(*predictions, packages);
    EnsembleCalibration e;
    try {
        e = fitEnsemble(cases, sha, options);
    } catch (const std::invalid_argument& error) {
        throw std::runtime_error(std::string("cannot fit the ensemble: ") + error.what());
    }
    const std::filesystem::path p(*predictions);
    e.fittedOn = std::to_string(cases.size()) + " held-out cases of " +
                 (p.has_parent_path() ? p.parent_path().filename().string() + "/" : std::string()) + p.filename().string() +
                 " (boneage evaluate --report: each package's estimate with test-time augmentation and its card's calibration)";
    e.fitted = today() + ", boneage ensemble fit, seed " + std::to_string(options.seed);
    writeEnsembleCalibration(*out, e);
    if (a.flag("json")) std::cout << ensembleCalibrationJson(e);
    else {
        print(e);
        std::printf("written: %s\n", out->c_str());
    }
    return 0;
}

} // namespace

int runEnsemble(const std::vector<std::string>& args)
{
    if (args.empty()) throw UsageError("ensemble needs a subcommand: fit or show");
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args.front() == "fit") return runFit(rest);
    if (args.front() == "show") {
        if (rest.size() != 1) throw UsageError("ensemble show needs one file (models/ensemble.json)");
        print(readEnsembleCalibration(rest.front()));
        return 0;
    }
    throw UsageError("unknown ensemble subcommand '" + args.front() + "' (fit or show)");
}

} // namespace boneage::cli
