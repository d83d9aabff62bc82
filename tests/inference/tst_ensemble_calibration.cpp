// The fitted ensemble and its conformal interval (core/inference/EnsembleCalibration): weights favour
// the accurate member, the interval covers its nominal share of new cases drawn like the held-out
// ones and widens where the errors are larger, the file round-trips and a broken one is refused by
// field, and the assessment gives the interval only for the packages it was fitted with.
#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
#include "inference/AssessmentJson.h"
#include "inference/EnsembleCalibration.h"
#include "inference/LandmarkModel.h"
#include "inference/ModelCard.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <random>

using namespace boneage;

namespace {

const std::string kSource = BONEAGE_SOURCE_DIR;

// Cases like a held-out set: reference ages over 0-19 years; member "good" errs with SD 6 months
// (SD 18 under 2 years), member "poor" with SD 20; "girls-only" answers for girls only.
std::vector<HeldOutPrediction> synthetic(std::size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> age(1, 228);
    std::normal_distribution<double> unit(0, 1);
    std::vector<HeldOutPrediction> cases;
    for (std::size_t i = 0; i < n; ++i) {
        HeldOutPrediction c;
        c.id = std::to_string(seed) + "-" + std::to_string(i);
        c.male = i % 2 == 0;
        c.referenceMonths = age(rng);
        const double sd = c.referenceMonths < 24 ? 18 : 6;
        c.estimates["good"] = c.referenceMonths + sd * unit(rng);
        c.estimates["poor"] = c.referenceMonths + 20 * unit(rng);
        if (!c.male) c.estimates["girls-only"] = c.referenceMonths + 8 * unit(rng);
        cases.push_back(c);
    }
    return cases;
}

const std::map<std::string, std::string> kSha = {{"good", std::string(64, 'a')}, {"poor", std::string(64, 'b')}, {"girls-only", std::string(64, 'c')}};

} // namespace

class TestEnsembleCalibration : public QObject {
    Q_OBJECT

private slots:
    void weightsFavourTheAccurateMember()
    {
        const EnsembleCalibration e = fitEnsemble(synthetic(1200, 1), kSha);
        const auto boys = e.weightsFor("M"), girls = e.weightsFor("F");
        QCOMPARE(boys.size(), std::size_t(2));   // "girls-only" is no member for boys
        QCOMPARE(girls.size(), std::size_t(3));
        QVERIFY2(boys.at("good") > 0.8, qPrintable(QString::number(boys.at("good"))));
        QVERIFY(std::abs(boys.at("good") + boys.at("poor") - 1.0) < 1e-6);
        QVERIFY(girls.at("poor") < 0.15);
        QVERIFY(e.ensembleMae < e.memberMae.at("poor"));
        QVERIFY(e.ensembleMae <= e.memberMae.at("good") + 0.2);
    }

    void intervalCoversNewCasesAtItsLevel()
    {
        const EnsembleCalibration e = fitEnsemble(synthetic(1200, 2), kSha);
        // Measured by the procedure itself, and on fresh cases it never saw.
        QVERIFY2(e.measuredCoverage > 0.86 && e.measuredCoverage < 0.94, qPrintable(QString::number(e.measuredCoverage)));
        std::size_t inside = 0, n = 0;
        for (const auto& c : synthetic(4000, 3)) {
            const auto est = weightedEstimate(c.estimates, e.weightsFor(c.male ? "M" : "F"));
            QVERIFY(est.has_value());
            const PredictionInterval pi = e.intervalAround(*est);
            inside += c.referenceMonths >= pi.lowerMonths && c.referenceMonths <= pi.upperMonths;
            ++n;
        }
        const double coverage = double(inside) / double(n);
        QVERIFY2(coverage > 0.87 && coverage < 0.94, qPrintable(QString::number(coverage)));
        // Wider for infants, where the members err three times more.
        QVERIFY2(e.intervalAround(12).widthMonths() > 1.5 * e.intervalAround(120).widthMonths(),
                 qPrintable(QString("%1 vs %2").arg(e.intervalAround(12).widthMonths()).arg(e.intervalAround(120).widthMonths())));
        // A higher level gives a wider interval.
        EnsembleFitOptions o;
        o.nominal = 0.95;
        QVERIFY(fitEnsemble(synthetic(1200, 2), kSha, o).intervalAround(120).widthMonths() > e.intervalAround(120).widthMonths());
    }

    void tooFewOrInconsistentCasesAreRefused()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitEnsemble(synthetic(50, 4), kSha));
        auto cases = synthetic(400, 5);
        cases[3].estimates.erase("good");   // one member missing one case of its sex
        try {
            fitEnsemble(cases, kSha);
            QFAIL("a member without an estimate for every case of its sex was accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("'good' has estimates for"), e.what());
        }
        auto unknown = synthetic(400, 6);
        unknown[0].estimates["stranger"] = 100;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitEnsemble(unknown, kSha));
    }

    void fileRoundTripsAndBrokenFilesNameTheField()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("ensemble.json").toStdString();
        const EnsembleCalibration e = fitEnsemble(synthetic(600, 7), kSha);
        writeEnsembleCalibration(path, e);
        QCOMPARE(findEnsembleCalibration(dir.path().toStdString()).value(), path);
        const EnsembleCalibration back = readEnsembleCalibration(path);
        QCOMPARE(back.members.size(), e.members.size());
        QCOMPARE(back.quantile, e.quantile);
        QCOMPARE(back.intervalAround(100).lowerMonths, e.intervalAround(100).lowerMonths);
        QCOMPARE(back.weightsFor("F"), e.weightsFor("F"));

        nlohmann::json j = nlohmann::json::parse(std::ifstream(path));
        j["interval"]["quantile"] = -1;
        std::ofstream(path) << j.dump();
        try {
            readEnsembleCalibration(path);
            QFAIL("a negative quantile was accepted");
        } catch (const std::invalid_argument& error) {
            QVERIFY2(QString(error.what()).contains("interval.quantile") && QString(error.what()).contains("ensemble fit"), error.what());
        }
        std::ofstream(path) << "{\"format\": \"boneage-ensemble-1\", ";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, readEnsembleCalibration(path));
    }

    void mismatchSaysWhy()
    {
        const EnsembleCalibration e = fitEnsemble(synthetic(600, 8), kSha);
        QVERIFY(ensembleMismatch(e, "M", {{"good", kSha.at("good")}, {"poor", kSha.at("poor")}}).empty());
        QVERIFY(QString::fromStdString(ensembleMismatch(e, "M", {{"good", std::string(64, 'f')}, {"poor", kSha.at("poor")}})).contains("retrained"));
        QVERIFY(QString::fromStdString(ensembleMismatch(e, "M", {{"good", kSha.at("good")}})).contains("'poor'"));
        QVERIFY(QString::fromStdString(ensembleMismatch(e, "M", {{"good", kSha.at("good")}, {"poor", kSha.at("poor")}, {"new", "x"}}))
                    .contains("'new' is not one"));
    }

    // The shipped packages on a bundled film: the interval appears for the fitted packages only.
    void assessmentGivesTheIntervalForTheFittedPackagesOnly()
    {
        const Radiograph r = loadRadiograph(kSource + "/resources/samples/sample-1491.dcm");
        const std::vector<std::string> packages = findModelPackages(kSource + "/models");
        QVERIFY(!packages.empty());
        EnsembleCalibration e;
        e.scaleEdgesMonths = {0, 240};
        e.scaleMonths = {10};
        e.quantile = 1.6;
        for (const auto& p : packages) {
            const ModelCard card = readModelCard(p);
            EnsembleMember m{packageFolderName(p), card.weightsSha256, {}};
            if (card.appliesTo(Sex::Male)) m.weightBySex["M"] = 1.0;
            if (card.appliesTo(Sex::Female)) m.weightBySex["F"] = 1.0;
            e.members.push_back(m);
        }
        AssessmentOptions options;
        options.landmarkPackage = LandmarkModel::find(kSource + "/models").value();
        options.testTimeAugmentation = false;
        options.ensembleCalibration = e;
        const Assessment a = assessRadiograph(r, r.metadata.sex, packages, options);
        QVERIFY(a.boneAgeMonths().has_value());
        QVERIFY2(a.interval.has_value(), a.intervalNote.c_str());
        QCOMPARE(a.interval->widthMonths(), 32.0);
        QCOMPARE((a.interval->lowerMonths + a.interval->upperMonths) / 2, *a.boneAgeMonths());
        QVERIFY(!a.reviewRequired());
        const nlohmann::json j = assessmentJson("sample-1491.dcm", r, a);
        QCOMPARE(j["interval"]["width_months"].get<double>(), 32.0);
        QCOMPARE(assessmentFromJson(j).interval->widthMonths(), a.interval->widthMonths());

        options.maxIntervalWidthMonths = 30;   // the settings' limit: narrower than this interval
        const Assessment flagged = assessRadiograph(r, r.metadata.sex, packages, options);
        QVERIFY(flagged.hasFlag("interval_too_wide"));
        QVERIFY(flagged.boneAgeMonths().has_value());   // flagged for review, not withheld

        options.maxIntervalWidthMonths = 0;
        for (auto& m : options.ensembleCalibration->members) m.weightsSha256 = std::string(64, '0');   // retrained since
        const Assessment stale = assessRadiograph(r, r.metadata.sex, packages, options);
        QVERIFY(!stale.interval);
        QVERIFY2(QString::fromStdString(stale.intervalNote).contains("retrained"), stale.intervalNote.c_str());
        QVERIFY(assessmentJson("f", r, stale)["interval"].is_null());

        // Forced without a hand check (no landmark package): an estimate, but no interval.
        for (auto& m : options.ensembleCalibration->members) m.weightsSha256 = readModelCard(kSource + "/models/" + m.package).weightsSha256;
        AssessmentOptions forced = options;
        forced.landmarkPackage.clear();
        forced.forceWithoutHand = true;
        const Assessment unchecked = assessRadiograph(r, r.metadata.sex, packages, forced);
        QVERIFY(unchecked.boneAgeMonths().has_value() && !unchecked.interval);
        QVERIFY2(QString::fromStdString(unchecked.intervalNote).contains("without a recognised hand"), unchecked.intervalNote.c_str());

        options.ensembleCalibration.reset();
        const Assessment none = assessRadiograph(r, r.metadata.sex, packages, options);
        QVERIFY(!none.interval);
        QVERIFY(QString::fromStdString(none.intervalNote).contains("ensemble.json"));
    }
};

QTEST_GUILESS_MAIN(TestEnsembleCalibration)
#include "tst_ensemble_calibration.moc"
