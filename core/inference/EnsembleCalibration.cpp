#include "inference/EnsembleCalibration.h"

#include "common/AtomicFile.h"
#include "common/JsonFields.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

namespace boneage {

namespace {

constexpr const char* kFormat = "boneage-ensemble-1";
// Bins of the estimated age (months): infants, preschool, the school years in steps of 3 years, and the
// late adolescents whose plates close.
const std::vector<double> kScaleEdges = {0, 24, 60, 96, 132, 168, 204, 240};
constexpr double kShrinkCases = 20;   // a bin's MAE is pulled towards the overall MAE with this weight
constexpr std::size_t kMinimumHalf = 40;

std::string sexOf(bool male) { return male ? "M" : "F"; }

// FNV-1a of the id, salted: a stable half for each film, whatever films are added or removed.
bool inFitHalf(const std::string& id, unsigned seed)
{
    std::uint64_t h = 1469598103934665603ull ^ (std::uint64_t(seed) * 0x9E3779B97F4A7C15ull);
    for (unsigned char c : id) {
        h ^= c;
        h *= 1099511628211ull;
    }
    h ^= h >> 33;
    return (h & 1u) == 0;
}

double mae(const std::vector<const HeldOutPrediction*>& cases, const std::map<std::string, double>& weights)
{
    double sum = 0;
    std::size_t n = 0;
    for (const HeldOutPrediction* c : cases)
        if (const auto e = weightedEstimate(c->estimates, weights)) {
            sum += std::abs(*e - c->referenceMonths);
            ++n;
        }
    return n ? sum / double(n) : 0.0;
}

// Non-negative weights summing to 1 that minimise the MAE: coordinate moves between pairs of members
// with shrinking steps, from equal weights. Few members (a handful): exhaustive enough.
std::map<std::string, double> fitWeights(const std::vector<const HeldOutPrediction*>& cases, const std::vector<std::string>& members)
{
    std::map<std::string, double> w;
    for (const auto& m : members) w[m] = 1.0 / double(members.size());
    if (members.size() < 2) return w;
    double best = mae(cases, w);
    for (double step : {0.25, 0.1, 0.05, 0.02, 0.01}) {
        for (bool improved = true; improved;) {
            improved = false;
            for (const auto& to : members)
                for (const auto& from : members) {
                    if (to == from || w[from] <= 0) continue;
                    auto trial = w;
                    const double moved = std::min(step, trial[from]);
                    trial[from] -= moved;
                    trial[to] += moved;
                    const double m = mae(cases, trial);
                    if (m < best - 1e-9) {
                        best = m;
                        w = trial;
                        improved = true;
                    }
                }
        }
    }
    for (auto& [name, weight] : w) weight = std::round(weight * 1000) / 1000;
    return w;
}

struct Fitted {
    std::map<std::string, std::map<std::string, double>> weights;   // sex -> package -> weight
    std::vector<double> scale;
};

std::optional<double> ensembleOf(const HeldOutPrediction& c, const Fitted& f)
{
    const auto it = f.weights.find(sexOf(c.male));
    return it == f.weights.end() ? std::nullopt : weightedEstimate(c.estimates, it->second);
}

double scaleFrom(const std::vector<double>& scale, double estimate)
{
    const double e = std::clamp(estimate, kScaleEdges.front(), kScaleEdges.back());
    for (std::size_t b = 0; b + 1 < kScaleEdges.size(); ++b)
        if (e < kScaleEdges[b + 1] || b + 2 == kScaleEdges.size()) return scale[b];
    return scale.back();
}

Fitted fitWeightsAndScale(const std::vector<const HeldOutPrediction*>& cases, const std::map<std::string, std::set<std::string>>& membersBySex)
{
    Fitted f;
    for (const auto& [sex, members] : membersBySex) {
        std::vector<const HeldOutPrediction*> ofSex;
        for (const auto* c : cases)
            if (sexOf(c->male) == sex) ofSex.push_back(c);
        f.weights[sex] = fitWeights(ofSex, {members.begin(), members.end()});
    }
    const std::size_t bins = kScaleEdges.size() - 1;
    std::vector<double> sum(bins, 0.0), count(bins, 0.0);
    double total = 0, n = 0;
    for (const auto* c : cases)
        if (const auto e = ensembleOf(*c, f)) {
            const double clamped = std::clamp(*e, kScaleEdges.front(), kScaleEdges.back());
            std::size_t b = 0;
            while (b + 1 < bins && clamped >= kScaleEdges[b + 1]) ++b;
            const double err = std::abs(*e - c->referenceMonths);
            sum[b] += err;
            count[b] += 1;
            total += err;
            n += 1;
        }
    const double overall = n > 0 ? total / n : 1.0;
    f.scale.resize(bins);
    for (std::size_t b = 0; b < bins; ++b)
        f.scale[b] = std::max(0.5, (sum[b] + kShrinkCases * overall) / (count[b] + kShrinkCases));
    return f;
}

// The conformal quantile of |reference - estimate| / scale: the ceil((n + 1) x nominal)-th smallest.
double conformalQuantile(const std::vector<const HeldOutPrediction*>& cases, const Fitted& f, double nominal)
{
    std::vector<double> scores;
    for (const auto* c : cases)
        if (const auto e = ensembleOf(*c, f)) scores.push_back(std::abs(c->referenceMonths - *e) / scaleFrom(f.scale, *e));
    if (scores.empty()) throw std::invalid_argument("no case to calibrate the interval on");
    std::sort(scores.begin(), scores.end());
    const auto k = static_cast<std::size_t>(std::ceil((double(scores.size()) + 1) * nominal));
    return k > scores.size() ? scores.back() * 1.5 : scores[k - 1];   // too few cases for the level: wider, never narrower
}

double coverageOf(const std::vector<const HeldOutPrediction*>& cases, const Fitted& f, double q)
{
    std::size_t inside = 0, n = 0;
    for (const auto* c : cases)
        if (const auto e = ensembleOf(*c, f)) {
            ++n;
            inside += std::abs(c->referenceMonths - *e) <= q * scaleFrom(f.scale, *e) ? 1 : 0;
        }
    return n ? double(inside) / double(n) : 0.0;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double at = p * double(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(at));
    const auto hi = std::min(v.size() - 1, lo + 1);
    return v[lo] + (at - double(lo)) * (v[hi] - v[lo]);
}

double rounded(double v, double unit) { return std::round(v / unit) * unit; }

} // namespace

std::string packageFolderName(std::string path)
{
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    if (const auto slash = path.find_last_of('/'); slash != std::string::npos) path = path.substr(slash + 1);
    return path;
}

double EnsembleCalibration::scaleAt(double estimateMonths) const
{
    const double e = std::clamp(estimateMonths, scaleEdgesMonths.front(), scaleEdgesMonths.back());
    for (std::size_t b = 0; b + 1 < scaleEdgesMonths.size(); ++b)
        if (e < scaleEdgesMonths[b + 1] || b + 2 == scaleEdgesMonths.size()) return scaleMonths[b];
    return scaleMonths.back();
}

PredictionInterval EnsembleCalibration::intervalAround(double estimateMonths) const
{
    const double half = quantile * scaleAt(estimateMonths);
    return {estimateMonths - half, estimateMonths + half, nominal};
}

std::map<std::string, double> EnsembleCalibration::weightsFor(const std::string& sex) const
{
    std::map<std::string, double> w;
    for (const auto& m : members)
        if (const auto it = m.weightBySex.find(sex); it != m.weightBySex.end()) w[m.package] = it->second;
    return w;
}

std::optional<double> weightedEstimate(const std::map<std::string, double>& estimates, const std::map<std::string, double>& weights)
{
    double sum = 0, total = 0;
    for (const auto& [package, weight] : weights) {
        if (weight <= 0) continue;
        const auto it = estimates.find(package);
        if (it == estimates.end()) continue;
        sum += weight * it->second;
        total += weight;
    }
    if (total <= 0) return std::nullopt;
    return sum / total;
}

EnsembleCalibration fitEnsemble(const std::vector<HeldOutPrediction>& cases, const std::map<std::string, std::string>& weightsSha256,
                                const EnsembleFitOptions& options)
{
    if (!(options.nominal > 0.5 && options.nominal < 0.995))
        throw std::invalid_argument("the interval's level must be between 0.5 and 0.995 (0.9 for a 90 % interval)");
    // The members of each sex: the packages that gave every case of that sex an estimate.
    std::map<std::string, std::set<std::string>> membersBySex;
    std::map<std::string, std::size_t> casesBySex;
    std::map<std::string, std::map<std::string, std::size_t>> answers;
    for (const auto& c : cases) {
        ++casesBySex[sexOf(c.male)];
        for (const auto& [package, estimate] : c.estimates) {
            if (!std::isfinite(estimate)) continue;
            ++answers[sexOf(c.male)][package];
            if (!weightsSha256.count(package))
                throw std::invalid_argument("the predictions hold estimates of '" + package +
                                            "', which is not among the packages given: give every package that was evaluated");
        }
    }
    for (const auto& [sex, byPackage] : answers)
        for (const auto& [package, n] : byPackage) {
            if (n != casesBySex[sex])
                throw std::invalid_argument("'" + package + "' has estimates for " + std::to_string(n) + " of " +
                                            std::to_string(casesBySex[sex]) + " cases of sex " + sex +
                                            ": evaluate every package on the same held-out films");
            membersBySex[sex].insert(package);
        }
    std::vector<const HeldOutPrediction*> fitHalf, conformalHalf, all;
    for (const auto& c : cases) {
        if (c.estimates.empty()) continue;
        all.push_back(&c);
        (inFitHalf(c.id, options.seed) ? fitHalf : conformalHalf).push_back(&c);
    }
    if (fitHalf.size() < kMinimumHalf || conformalHalf.size() < kMinimumHalf)
        throw std::invalid_argument("too few held-out cases to fit the ensemble and calibrate its interval (" +
                                    std::to_string(all.size()) + "; at least " + std::to_string(2 * kMinimumHalf + 10) +
                                    " are needed, better several hundred)");

    const Fitted f = fitWeightsAndScale(fitHalf, membersBySex);
    EnsembleCalibration e;
    e.nominal = options.nominal;
    e.scaleEdgesMonths = kScaleEdges;
    for (double s : f.scale) e.scaleMonths.push_back(rounded(s, 0.001));
    e.quantile = rounded(conformalQuantile(conformalHalf, f, options.nominal), 0.0001);
    e.fitCases = fitHalf.size();
    e.conformalCases = conformalHalf.size();
    for (const auto& [package, sha] : weightsSha256) {
        EnsembleMember m{package, sha, {}};
        for (const auto& [sex, weights] : f.weights)
            if (const auto it = weights.find(package); it != weights.end()) m.weightBySex[sex] = it->second;
        if (!m.weightBySex.empty()) e.members.push_back(m);
    }

    // Coverage of the procedure, measured on cases it never saw: repeated three-way splits.
    std::mt19937 rng(options.seed);
    std::vector<double> coverages;
    for (int r = 0; r < options.coverageRepeats; ++r) {
        std::vector<const HeldOutPrediction*> shuffled = all;
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        const std::size_t third = shuffled.size() / 3;
        const std::vector<const HeldOutPrediction*> a(shuffled.begin(), shuffled.begin() + third),
            b(shuffled.begin() + third, shuffled.begin() + 2 * third), check(shuffled.begin() + 2 * third, shuffled.end());
        const Fitted fr = fitWeightsAndScale(a, membersBySex);
        coverages.push_back(coverageOf(check, fr, conformalQuantile(b, fr, options.nominal)));
    }
    e.measuredCoverage = rounded(std::accumulate(coverages.begin(), coverages.end(), 0.0) / std::max<std::size_t>(1, coverages.size()), 0.0001);
    e.measuredCoverageLow = rounded(percentile(coverages, 0.05), 0.0001);
    e.measuredCoverageHigh = rounded(percentile(coverages, 0.95), 0.0001);

    std::vector<double> widths;
    double sum = 0;
    for (const auto* c : all)
        if (const auto est = ensembleOf(*c, f)) {
            widths.push_back(e.intervalAround(*est).widthMonths());
            sum += std::abs(*est - c->referenceMonths);
        }
    e.measuredMedianWidthMonths = rounded(percentile(widths, 0.5), 0.01);
    e.ensembleMae = rounded(sum / double(std::max<std::size_t>(1, widths.size())), 0.001);
    for (const auto& m : e.members) {
        double s = 0;
        std::size_t n = 0;
        for (const auto* c : all)
            if (const auto it = c->estimates.find(m.package); it != c->estimates.end() && std::isfinite(it->second)) {
                s += std::abs(it->second - c->referenceMonths);
                ++n;
            }
        if (n) e.memberMae[m.package] = rounded(s / double(n), 0.001);
    }
    return e;
}

std::string ensembleCalibrationJson(const EnsembleCalibration& c)
{
    nlohmann::ordered_json j;
    j["format"] = kFormat;
    j["research_use_only"] = true;
    j["method"] =
        "weights per sex: non-negative, summing to 1, minimising the MAE on the fit half of the held-out cases; "
        "interval: split conformal on the other half, score |reference - estimate| / s(estimate), s = the fit half's "
        "MAE in bins of the estimated age shrunk towards the overall MAE (20 cases); halves by a salted FNV-1a hash of "
        "the case id (core/inference/EnsembleCalibration.h)";
    j["nominal"] = c.nominal;
    nlohmann::ordered_json members = nlohmann::ordered_json::array();
    for (const auto& m : c.members) {
        nlohmann::ordered_json w = nlohmann::ordered_json::object();
        for (const auto& [sex, weight] : m.weightBySex) w[sex] = weight;
        members.push_back({{"package", m.package}, {"weights_sha256", m.weightsSha256}, {"weight", w}});
    }
    j["members"] = members;
    j["interval"] = {{"scale_edges_months", c.scaleEdgesMonths}, {"scale_months", c.scaleMonths}, {"quantile", c.quantile}};
    nlohmann::ordered_json memberMae = nlohmann::ordered_json::object();
    for (const auto& [package, m] : c.memberMae) memberMae[package] = m;
    j["measured"] = {{"fit_cases", c.fitCases},
                     {"conformal_cases", c.conformalCases},
                     {"coverage", c.measuredCoverage},
                     {"coverage_p5", c.measuredCoverageLow},
                     {"coverage_p95", c.measuredCoverageHigh},
                     {"coverage_how", "the whole fit repeated on 200 random three-way splits of the held-out cases "
                                      "(weights and scale / quantile / check), share of check cases inside their interval"},
                     {"median_width_months", c.measuredMedianWidthMonths},
                     {"ensemble_mae", c.ensembleMae},
                     {"member_mae", memberMae}};
    j["fitted_on"] = c.fittedOn;
    j["fitted"] = c.fitted;
    return j.dump(1) + "\n";
}

void writeEnsembleCalibration(const std::string& path, const EnsembleCalibration& calibration)
{
    writeTextAtomically(path, ensembleCalibrationJson(calibration));
}

EnsembleCalibration readEnsembleCalibration(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::invalid_argument(path + ": cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    if (text.str().size() > (1u << 20)) throw std::invalid_argument(path + ": larger than 1 MiB; not an ensemble file");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::exception&) {
        throw std::invalid_argument(path + ": malformed JSON; fit it again with `boneage ensemble fit`");
    }
    const auto where = [&](const std::string& what) { return path + ": " + what + "; fit it again with `boneage ensemble fit`"; };
    try {
        if (fields::text(j, "format", "", 64) != kFormat) throw std::invalid_argument("unknown \"format\"");
        EnsembleCalibration c;
        c.nominal = fields::number(j, "nominal", "", 0.5, 0.995);
        const auto& interval = j.at("interval");
        c.quantile = fields::number(interval, "quantile", "interval.", 0.0, 100.0);
        c.scaleEdgesMonths = interval.at("scale_edges_months").get<std::vector<double>>();
        c.scaleMonths = interval.at("scale_months").get<std::vector<double>>();
        if (c.scaleMonths.empty() || c.scaleEdgesMonths.size() != c.scaleMonths.size() + 1 ||
            !std::is_sorted(c.scaleEdgesMonths.begin(), c.scaleEdgesMonths.end()))
            throw std::invalid_argument("\"interval.scale_edges_months\" must be one more ascending edge than \"scale_months\"");
        for (double s : c.scaleMonths)
            if (!std::isfinite(s) || s <= 0 || s > 240) throw std::invalid_argument("\"interval.scale_months\" holds " + std::to_string(s));
        if (!j.at("members").is_array() || j.at("members").empty()) throw std::invalid_argument("\"members\" must list the packages");
        for (const auto& m : j.at("members")) {
            EnsembleMember member;
            member.package = fields::text(m, "package", "members[].", 255);
            member.weightsSha256 = fields::text(m, "weights_sha256", "members[].", 64);
            if (member.package.empty() || member.package.find('/') != std::string::npos)
                throw std::invalid_argument("\"members[].package\" must be a package folder name");
            for (const char* sex : {"M", "F"})
                if (m.at("weight").contains(sex)) member.weightBySex[sex] = fields::number(m.at("weight"), sex, "members[].weight.", 0.0, 1.0);
            c.members.push_back(member);
        }
        if (j.contains("measured")) {
            const auto& m = j.at("measured");
            c.measuredCoverage = fields::number(m, "coverage", "measured.", 0.0, 1.0, 0.0);
            c.measuredCoverageLow = fields::number(m, "coverage_p5", "measured.", 0.0, 1.0, 0.0);
            c.measuredCoverageHigh = fields::number(m, "coverage_p95", "measured.", 0.0, 1.0, 0.0);
            c.measuredMedianWidthMonths = fields::number(m, "median_width_months", "measured.", 0.0, 1000.0, 0.0);
            c.ensembleMae = fields::number(m, "ensemble_mae", "measured.", 0.0, 1000.0, 0.0);
            c.fitCases = static_cast<std::size_t>(fields::integer(m, "fit_cases", "measured.", 0, 100000000, 0));
            c.conformalCases = static_cast<std::size_t>(fields::integer(m, "conformal_cases", "measured.", 0, 100000000, 0));
        }
        c.fittedOn = fields::text(j, "fitted_on", "", 4096, std::string());
        c.fitted = fields::text(j, "fitted", "", 4096, std::string());
        return c;
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(where(std::string("a field is missing or of the wrong type (") + e.what() + ")"));
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(where(e.what()));
    }
}

std::optional<std::string> findEnsembleCalibration(const std::string& modelsDirectory)
{
    const std::filesystem::path p = std::filesystem::path(modelsDirectory) / "ensemble.json";
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) return p.string();
    return std::nullopt;
}

std::string ensembleMismatch(const EnsembleCalibration& calibration, const std::string& sex,
                             const std::vector<std::pair<std::string, std::string>>& packagesRun)
{
    std::map<std::string, std::string> fitted;
    for (const auto& m : calibration.members)
        if (m.weightBySex.count(sex)) fitted[m.package] = m.weightsSha256;
    std::set<std::string> seen;
    for (const auto& [package, sha] : packagesRun) {
        const auto it = fitted.find(package);
        if (it == fitted.end()) return "'" + package + "' is not one of the packages the interval was calibrated with";
        if (it->second != sha) return "'" + package + "' was retrained or replaced since the interval was calibrated";
        seen.insert(package);
    }
    for (const auto& [package, sha] : fitted)
        if (!seen.count(package)) return "'" + package + "', one of the calibrated packages, did not give an estimate";
    return {};
}

} // namespace boneage
