// Greulich-Pyle standard deviations, SDS and maturity classes.
#include "anatomy/GpStandards.h"
#include "imaging/Radiograph.h"

#include <QFile>
#include <QtTest>

using namespace boneage;

class TestGpStandards : public QObject {
    Q_OBJECT
private slots:
    void compiledTableIsTheShippedFile()
    {
        QFile f(BONEAGE_SOURCE_DIR "/resources/gp/bone-age-sd.csv");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto fromFile = parseStandardDeviationCsv(f.readAll().toStdString());
        const auto& compiled = gpStandardDeviationTable();
        QCOMPARE(compiled.size(), fromFile.size());
        QCOMPARE(compiled.size(), size_t(24));
        for (size_t i = 0; i < compiled.size(); ++i) {
            QCOMPARE(compiled[i].ageMonths, fromFile[i].ageMonths);
            QCOMPARE(compiled[i].sdMale, fromFile[i].sdMale);
        }
        QVERIFY(compiled.back().sdFemale < 0);   // 204 months: no female value in the source
    }

    void interpolationAndClamping()
    {
        QCOMPARE(boneAgeStandardDeviation(120, Sex::Male), 9.79);
        QCOMPARE(boneAgeStandardDeviation(126, Sex::Male), (9.79 + 10.09) / 2);
        QCOMPARE(boneAgeStandardDeviation(1, Sex::Female), 0.72);      // below the table: first row
        QCOMPARE(boneAgeStandardDeviation(250, Sex::Male), 13.05);     // above: last row
        QCOMPARE(boneAgeStandardDeviation(250, Sex::Female), 7.31);    // female ends at 192 months
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, boneAgeStandardDeviation(100, Sex::Unknown));
    }

    void sdsAndMaturity()
    {
        // Boy, 10 y: SD 9.79. Bone age 12 y -> +24 months, SDS 2.45, advanced.
        BoneAgeComparison c = compareWithChronologicalAge(144, 120, Sex::Male);
        QCOMPARE(c.differenceMonths, 24.0);
        QVERIFY(std::abs(c.sds - 24 / 9.79) < 1e-12);
        QCOMPARE(c.maturity, MaturityClass::Advanced);
        c = compareWithChronologicalAge(110, 120, Sex::Male);
        QCOMPARE(c.maturity, MaturityClass::Normal);
        c = compareWithChronologicalAge(90, 120, Sex::Female);   // SD 11.73: -30 -> -2.56
        QCOMPARE(c.maturity, MaturityClass::Delayed);
        QCOMPARE(QString::fromStdString(yearsAndMonths(127.4)), QString("10 y 7 m"));
    }

    void plateAges()
    {
        QCOMPARE(gpPlateAges(Sex::Male).size(), size_t(31));
        QCOMPARE(gpPlateAges(Sex::Female).size(), size_t(27));
        QVERIFY(std::is_sorted(gpPlateAges(Sex::Male).begin(), gpPlateAges(Sex::Male).end()));
    }
};

QTEST_APPLESS_MAIN(TestGpStandards)
#include "tst_gp_standards.moc"
