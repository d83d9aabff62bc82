// The local check set and the paired comparison that gates a model's promotion (issue 16), on
// constructed data where the answer is known.
#include "workspace/CheckSet.h"
#include "workspace/PairedComparison.h"

#include <QtTest>

#include <map>
#include <random>
#include <set>

using namespace boneage;

class TestModelSelection : public QObject {
    Q_OBJECT

    static std::vector<PairedCase> cases(int n, double activeError, double candidateError, double noise, unsigned seed)
    {
        std::mt19937 rng(seed);
        std::normal_distribution<double> jitter(0, noise);
        std::vector<PairedCase> out;
        for (int i = 0; i < n; ++i) {
            const double truth = 6 + (i * 7) % 210;
            const double sign = i % 2 ? 1 : -1;
            out.push_back({truth, truth + sign * activeError + jitter(rng), truth - sign * candidateError + jitter(rng)});
        }
        return out;
    }

private slots:
    void aClearlyBetterCandidateIsBetter()
    {
        const PairedComparison c = comparePaired(cases(60, 9, 5, 1.5, 1));
        QCOMPARE(c.active.n, 60);
        QVERIFY2(c.meanDifference < -3, qPrintable(QString::number(c.meanDifference)));
        QVERIFY(c.lower <= c.meanDifference && c.meanDifference <= c.upper);
        QVERIFY(c.upper < 0);
        QVERIFY(c.candidateIsBetter());
        QVERIFY(!c.byAgeBand.empty());
        int n = 0;
        for (const auto& band : c.byAgeBand) n += band.active.n;
        QCOMPARE(n, 60);
    }

    void anEqualOrWorseCandidateIsNot()
    {
        const PairedComparison same = comparePaired(cases(60, 6, 6, 2, 2));
        QVERIFY(same.lower < 0 && same.upper > 0);
        QVERIFY(!same.candidateIsBetter());
        const PairedComparison worse = comparePaired(cases(60, 5, 9, 1.5, 3));
        QVERIFY(worse.lower > 0);
        QVERIFY(!worse.candidateIsBetter());
        // A candidate trained on shuffled readings: estimates unrelated to the reference.
        std::vector<PairedCase> shuffled = cases(60, 6, 0, 1, 4);
        std::mt19937 rng(5);
        std::uniform_real_distribution<double> any(0, 216);
        for (auto& c : shuffled) c.candidate = any(rng);
        QVERIFY(!comparePaired(shuffled).candidateIsBetter());
    }

    void theIntervalIsReproducibleAndReflectsTheSpread()
    {
        const auto data = cases(40, 8, 6, 3, 6);
        const PairedComparison a = comparePaired(data), b = comparePaired(data);
        QCOMPARE(a.lower, b.lower);
        QCOMPARE(a.upper, b.upper);
        QCOMPARE(a.resamples, 2000);
        // Ten times the cases: a narrower interval.
        const PairedComparison more = comparePaired(cases(400, 8, 6, 3, 6));
        QVERIFY(more.upper - more.lower < 0.6 * (a.upper - a.lower));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, comparePaired({}));
    }

    void checkSetSizeAndStrata()
    {
        QCOMPARE(checkSetSize(40), 30);
        QCOMPARE(checkSetSize(150), 30);
        QCOMPARE(checkSetSize(151), 31);
        QCOMPARE(checkSetSize(1000), 200);
        std::vector<ReadCase> read;
        for (int i = 0; i < 39; ++i) read.push_back({"c" + std::to_string(i), Sex::Male, 100});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, drawCheckSet(read, 1));

        // 300 cases: 200 male, 100 female, across the ages.
        read.clear();
        for (int i = 0; i < 300; ++i)
            read.push_back({QString("case%1").arg(i, 4, 10, QChar('0')).toStdString(), i % 3 ? Sex::Male : Sex::Female,
                            double(3 + (i * 13) % 220)});
        const auto drawn = drawCheckSet(read, 42);
        QCOMPARE(int(drawn.size()), 60);
        QCOMPARE(int(std::set<std::string>(drawn.begin(), drawn.end()).size()), 60);
        std::map<std::string, const ReadCase*> byId;
        for (const auto& r : read) byId[r.caseId] = &r;
        int female = 0, young = 0;
        for (const auto& id : drawn) {
            female += byId.at(id)->sex == Sex::Female;
            young += byId.at(id)->referenceMonths < 72;
        }
        QVERIFY2(std::abs(female - 20) <= 1, qPrintable(QString::number(female)));   // a third, as in the workspace
        int youngAll = 0;
        for (const auto& r : read) youngAll += r.referenceMonths < 72;
        QVERIFY(std::abs(young - youngAll / 5.0) <= 3);
        QCOMPARE(drawCheckSet(read, 42), drawn);    // the same seed, the same set
        QVERIFY(drawCheckSet(read, 43) != drawn);   // another seed, another set
    }
};

QTEST_GUILESS_MAIN(TestModelSelection)
#include "tst_model_selection.moc"
