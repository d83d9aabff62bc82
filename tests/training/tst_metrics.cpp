// Evaluation metrics on hand-computed cases, and the SHA-256 used by model packages.
#include "common/JsonText.h"
#include "common/Sha256.h"
#include "training/Metrics.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

using namespace boneage;

class TestMetrics : public QObject {
    Q_OBJECT
private slots:
    void handComputedCase()
    {
        // errors: +3, -6, +12, -30 ; references in groups 0-2 y, 4-6 y, 10-12 y, 16-19 y
        const std::vector<double> ref = {12, 60, 130, 220}, pred = {15, 54, 142, 190};
        const std::vector<bool> male = {true, false, true, false};
        const EvaluationMetrics m = evaluateBoneAge(pred, ref, male);
        QCOMPARE(m.all.count, size_t(4));
        QCOMPARE(m.all.mae, (3 + 6 + 12 + 30) / 4.0);
        QCOMPARE(m.all.rmse, std::sqrt((9 + 36 + 144 + 900) / 4.0));
        QCOMPARE(m.male.mae, 7.5);
        QCOMPARE(m.female.mae, 18.0);
        QCOMPARE(m.within6, 0.5);     // |3|, |6|
        QCOMPARE(m.within12, 0.75);
        QCOMPARE(m.within24, 0.75);
        QCOMPARE(int(m.cumulative.size()), 25);
        QCOMPARE(m.cumulative[0], 0.0);
        QCOMPARE(m.cumulative[3], 0.25);
        QCOMPARE(m.byAgeGroup.size(), size_t(9));
        QCOMPARE(m.byAgeGroup[0].errors.count, size_t(1));
        QCOMPARE(m.byAgeGroup[2].errors.mae, 6.0);
        QCOMPARE(m.byAgeGroup[8].toYears, 19);
        QCOMPARE(m.byAgeGroup[8].errors.mae, 30.0);
        QCOMPARE(m.byAgeGroup[1].errors.count, size_t(0));
        QCOMPARE(m.meanDifference, (3 - 6 + 12 - 30) / 4.0);
        const double mean = m.meanDifference;
        const double sd = std::sqrt(((3 - mean) * (3 - mean) + (-6 - mean) * (-6 - mean) + (12 - mean) * (12 - mean) +
                                     (-30 - mean) * (-30 - mean)) / 3.0);
        QVERIFY(std::abs(m.sdDifference - sd) < 1e-9);
        QVERIFY(std::abs(m.upperLimit - (mean + 1.96 * sd)) < 1e-9);
        // The JSON parses and carries the same numbers.
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(toJson(m))).object();
        QCOMPARE(o["mae"].toDouble(), 12.75);
        QCOMPARE(o["by_age_group"].toArray().size(), 9);
        QVERIFY(o["by_age_group"].toArray()[1].toObject()["mae"].isNull());
        QCOMPARE(o["bland_altman"].toObject()["mean_difference"].toDouble(), -5.25);
    }

    void rejectsMismatchedInput()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, evaluateBoneAge({}, {}, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, evaluateBoneAge({1, 2}, {1}, {true}));
    }

    void sha256KnownAnswers()
    {
        QCOMPARE(sha256Hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(sha256Hex("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(sha256Hex(std::string(1000000, 'a')),
                 std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
        QCOMPARE(json::quote("a\"b\n"), std::string("\"a\\\"b\\n\""));
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
