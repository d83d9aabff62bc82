#include "ReaderAgreement.h"

#include <cmath>
#include <map>

namespace boneage {

namespace {
Agreement compare(const std::string& a, const std::string& b, const std::map<std::string, double>& x,
                  const std::map<std::string, double>& y)
{
    Agreement g{a, b};
    double abs = 0, sum = 0;
    for (const auto& [caseId, v] : x) {
        const auto it = y.find(caseId);
        if (it == y.end()) continue;
        ++g.n;
        abs += std::abs(v - it->second);
        sum += v - it->second;
    }
    if (g.n) g.maeMonths = abs / g.n, g.biasMonths = sum / g.n;
    return g;
}
} // namespace

ReaderAgreement readerAgreement(const Workspace& workspace)
{
    std::map<std::string, std::map<std::string, double>> byReader;   // reader -> case -> latest months
    for (const Reading& r : workspace.readings()) byReader[r.reader][r.caseId] = r.boneAgeMonths;
    std::map<std::string, std::map<std::string, double>> byModel;    // package id -> case -> latest
    for (const StoredAssessment& a : workspace.assessments())
        if (a.boneAgeMonths) byModel[a.packageId][a.caseId] = *a.boneAgeMonths;

    ReaderAgreement out;
    for (const auto& [reader, cases] : byReader) out.readers.emplace_back(reader, static_cast<int>(cases.size()));
    for (auto a = byReader.begin(); a != byReader.end(); ++a)
        for (auto b = std::next(a); b != byReader.end(); ++b) {
            Agreement g = compare(a->first, b->first, a->second, b->second);
            if (g.n) out.readerVsReader.push_back(g);
        }
    for (const auto& [reader, cases] : byReader)
        for (const auto& [model, estimates] : byModel) {
            Agreement g = compare(reader, model, cases, estimates);
            if (g.n) out.readerVsModel.push_back(g);
        }
    return out;
}

} // namespace boneage
