// Output calibration (inference/OutputCalibration.h): the least-absolute-error line is found, a
// calibrated model is left alone, and a card's calibration is read or refused.
#include "inference/OutputCalibration.h"

#include <QtTest>

#include <random>

using namespace boneage;

class TestOutputCalibration : public QObject {
    Q_OBJECT
private slots:
    void recoversAKnownLineThroughNoise()
    {
        // The network reads 3 months too old and 5 % too spread out: reference = 120 + (p - 120) / 1.05 - 3.
        std::mt19937 random(11);
        std::uniform_real_distribution<double> age(0, 228);
        std::normal_distribution<double> noise(0, 4);
        std::vector<double> predicted, reference;
        for (int i = 0; i < 4000; ++i) {
            const double truth = age(random);
            reference.push_back(truth);
            reference.back() += noise(random);   // around the line, as in aCalibratedModelIsLeftAsItIs
            predicted.push_back(120 + 1.05 * (truth + 3 - 120));
        }
        const OutputCalibration c = fitOutputCalibration(predicted, reference);
        QVERIFY2(std::abs(c.slope - 1 / 1.05) < 0.02, qPrintable(QString::number(c.slope)));
        QVERIFY2(std::abs(c.intercept + 3) < 0.6, qPrintable(QString::number(c.intercept)));
        QVERIFY(meanAbsoluteError(predicted, reference, c) < meanAbsoluteError(predicted, reference) - 1.0);
    }

    void aCalibratedModelIsLeftAsItIs()
    {
        std::mt19937 random(12);
        std::uniform_real_distribution<double> age(0, 228);
        std::normal_distribution<double> noise(0, 10);
        std::vector<double> predicted, reference;
        // Calibrated: the reference scatters around what the model says (not the other way round,
        // which would call for a slope below 1: regression dilution).
        for (int i = 0; i < 4000; ++i) {
            predicted.push_back(age(random));
            reference.push_back(predicted.back() + noise(random));
        }
        const OutputCalibration c = fitOutputCalibration(predicted, reference);
        QVERIFY2(std::abs(c.slope - 1) < 0.02 && std::abs(c.intercept) < 0.6,
                 qPrintable(QString("%1 %2").arg(c.slope).arg(c.intercept)));
        // Never worse than no calibration on the films it was fitted on.
        QVERIFY(meanAbsoluteError(predicted, reference, c) <= meanAbsoluteError(predicted, reference));
    }

    void tooFewOrUnequalInputsAreRefused()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitOutputCalibration({100}, {110}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitOutputCalibration({100, 120}, {110}));
    }

    void cardsWithAndWithoutCalibration()
    {
        QVERIFY(!calibrationFromCard(nlohmann::json::object()).has_value());
        QVERIFY(!calibrationFromCard({{"calibration", nullptr}}).has_value());
        const auto c = calibrationFromCard({{"calibration", {{"slope", 0.98}, {"intercept", -2.0}}}});
        QVERIFY(c.has_value());
        QCOMPARE(c->apply(120.0), 118.0);
        QCOMPARE(c->apply(220.0), 120.0 + 0.98 * 100.0 - 2.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, calibrationFromCard({{"calibration", {{"slope", 0.2}, {"intercept", 0}}}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, calibrationFromCard({{"calibration", {{"slope", 1.0}, {"intercept", 50}}}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, calibrationFromCard({{"calibration", {{"slope", 1.0}}}}));   // no intercept
    }
};

QTEST_GUILESS_MAIN(TestOutputCalibration)
#include "tst_output_calibration.moc"
