// Atlas packs: the manifest round trip, messages for malformed manifests that name the file and the
// entry, and bracketing a bone age between plates.
#include "atlas/AtlasError.h"
#include "atlas/AtlasPack.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace boneage;

namespace {

AtlasPlate plate(Sex sex, double age, const std::string& file)
{
    AtlasPlate p;
    p.sex = sex;
    p.ageMonths = age;
    p.imageFile = file;
    p.source = "test plate " + file;
    return p;
}

// M: 24, 36, 48, 60; F: 30, 42 (added out of order on purpose).
AtlasPack smallPack()
{
    AtlasPack pack;
    pack.name = "test";
    pack.addPlate(plate(Sex::Male, 48, "M-048.png"));
    pack.addPlate(plate(Sex::Female, 42, "F-042.png"));
    pack.addPlate(plate(Sex::Male, 24, "M-024.png"));
    pack.addPlate(plate(Sex::Male, 60, "M-060.png"));
    pack.addPlate(plate(Sex::Female, 30, "F-030.png"));
    pack.addPlate(plate(Sex::Male, 36, "M-036.png"));
    return pack;
}

void writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

// The AtlasError message of parsing `manifest`, empty when it parsed.
QString errorOf(const nlohmann::json& manifest)
{
    try {
        AtlasPack::fromJson(manifest, "pack/atlas.json");
    } catch (const AtlasError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

nlohmann::json validEntry() { return {{"sex", "M"}, {"age_months", 90}, {"image", "M-090.png"}, {"source", "x"}}; }

} // namespace

class TestAtlasPack : public QObject {
    Q_OBJECT

private slots:
    void platesBySexAreSortedByAge()
    {
        const AtlasPack pack = smallPack();
        const auto m = pack.plates(Sex::Male);
        QCOMPARE(m.size(), size_t(4));
        QCOMPARE(m[0].ageMonths, 24.0);
        QCOMPARE(m[3].ageMonths, 60.0);
        const auto f = pack.plates(Sex::Female);
        QCOMPARE(f.size(), size_t(2));
        QCOMPARE(f[0].imageFile, std::string("F-030.png"));
        QVERIFY(pack.plates(Sex::Unknown).empty());
    }

    void manifestRoundTrip()
    {
        QTemporaryDir dir;
        AtlasPack pack = smallPack();
        AtlasPlate withCase = plate(Sex::Female, 94, "F-094.png");
        withCase.reference = ReferenceCase{"1234", 96, 0.4321, "typical", 17};
        pack.addPlate(withCase);
        pack.description = "round trip";
        for (const auto& p : pack.allPlates()) writeFile(dir.filePath(QString::fromStdString(p.imageFile)), "png");
        pack.save(dir.path().toStdString());
        QVERIFY(!QFile::exists(dir.filePath(".atlas.json.tmp")));

        const AtlasPack read = AtlasPack::load(dir.path().toStdString());
        QCOMPARE(read.name, std::string("test"));
        QCOMPARE(read.description, std::string("round trip"));
        QCOMPARE(read.allPlates().size(), pack.allPlates().size());
        QCOMPARE(read.toJson(), pack.toJson());
        const auto f = read.plates(Sex::Female);
        QCOMPARE(f.back().ageMonths, 94.0);
        QVERIFY(f.back().reference.has_value());
        QCOMPARE(f.back().reference->id, std::string("1234"));
        QCOMPARE(f.back().reference->boneAgeMonths, 96.0);
        QCOMPARE(f.back().reference->chosenBy, std::string("typical"));
        QCOMPARE(f.back().reference->candidates, 17);
        QCOMPARE(QString::fromStdString(read.imagePath(f.back())), dir.filePath("F-094.png"));
    }

    void malformedManifestsNameTheFileAndTheEntry_data()
    {
        QTest::addColumn<QByteArray>("manifest");   // JSON text
        QTest::addColumn<QString>("expected");       // part of the message

        const auto with = [](nlohmann::json entry) {
            return QByteArray::fromStdString(
                nlohmann::json{{"format", "boneage-atlas-1"}, {"plates", {validEntry(), entry}}}.dump());
        };
        nlohmann::json e = validEntry();
        e["sex"] = "X";
        QTest::newRow("bad sex") << with(e) << "plate 2 (M-090.png): 'sex' is 'X'";
        e = validEntry();
        e.erase("age_months");
        QTest::newRow("no age") << with(e) << "plate 2 (M-090.png): 'age_months' is missing";
        e = validEntry();
        e["age_months"] = "ninety";
        QTest::newRow("age as text") << with(e) << "'age_months' must be a number";
        e = validEntry();
        e["age_months"] = -3;
        QTest::newRow("negative age") << with(e) << "between 0 and 300 months";
        e = validEntry();
        e["image"] = "/abs/M-090.png";
        QTest::newRow("absolute image") << with(e) << "relative to the manifest's folder";
        e = validEntry();
        e["image"] = "../M-090.png";
        QTest::newRow("image outside") << with(e) << "relative to the manifest's folder";
        e = validEntry();
        e.erase("source");
        QTest::newRow("no source") << with(e) << "'source' is missing";
        QTest::newRow("duplicate") << with(validEntry()) << "a second plate for M 7 y 6 m (90 months)";
        QTest::newRow("not an object") << with(42) << "plate 2: a plate must be an object";
        QTest::newRow("no format") << QByteArray(R"({"plates": []})") << "not an atlas manifest";
        QTest::newRow("no plates") << QByteArray(R"({"format": "boneage-atlas-1"})") << "\"plates\" is missing";
        QTest::newRow("empty") << QByteArray(R"({"format": "boneage-atlas-1", "plates": []})") << "has no plates";
        QTest::newRow("not json") << QByteArray("{\"format\": ") << "not valid JSON";
    }

    void malformedManifestsNameTheFileAndTheEntry()
    {
        QFETCH(QByteArray, manifest);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        writeFile(dir.filePath("atlas.json"), manifest);
        writeFile(dir.filePath("M-090.png"), "png");
        QString message;
        try {
            AtlasPack::load(dir.path().toStdString());
        } catch (const AtlasError& e) {
            message = QString::fromStdString(e.what());
        }
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(message.startsWith(dir.filePath("atlas.json")), qPrintable(message));
    }

    void missingFolderManifestOrImageAreMessages()
    {
        QTemporaryDir dir;
        const auto messageOf = [](const QString& folder) {
            try {
                AtlasPack::load(folder.toStdString());
            } catch (const AtlasError& e) {
                return QString::fromStdString(e.what());
            }
            return QString();
        };
        QVERIFY(messageOf(dir.filePath("nowhere")).contains("no such atlas folder"));
        QVERIFY(messageOf(dir.path()).contains("atlas.json: missing"));
        writeFile(dir.filePath("atlas.json"),
                  QByteArray::fromStdString(nlohmann::json{{"format", "boneage-atlas-1"}, {"plates", {validEntry()}}}.dump()));
        QVERIFY(messageOf(dir.path()).contains("plate 1 (M 7 y 6 m (90 months)): image 'M-090.png' is not in the atlas folder"));
        QVERIFY(errorOf(nlohmann::json::array()).contains("pack/atlas.json: the manifest must be a JSON object"));
    }

    void bracketing_data()
    {
        QTest::addColumn<int>("sex");   // 1 male, 2 female
        QTest::addColumn<double>("age");
        QTest::addColumn<double>("below");   // -1: none
        QTest::addColumn<double>("above");
        QTest::newRow("between") << 1 << 40.0 << 36.0 << 48.0;
        QTest::newRow("just above a plate") << 1 << 36.5 << 36.0 << 48.0;
        QTest::newRow("just below a plate") << 1 << 47.9 << 36.0 << 48.0;
        QTest::newRow("exact plate") << 1 << 48.0 << 48.0 << 48.0;
        QTest::newRow("exact first") << 1 << 24.0 << 24.0 << 24.0;
        QTest::newRow("exact last") << 1 << 60.0 << 60.0 << 60.0;
        QTest::newRow("below the range") << 1 << 10.0 << -1.0 << 24.0;
        QTest::newRow("above the range") << 1 << 200.0 << 60.0 << -1.0;
        QTest::newRow("female between") << 2 << 35.0 << 30.0 << 42.0;
        QTest::newRow("female above") << 2 << 50.0 << 42.0 << -1.0;
    }

    void bracketing()
    {
        QFETCH(int, sex);
        QFETCH(double, age);
        QFETCH(double, below);
        QFETCH(double, above);
        const AtlasPack pack = smallPack();
        const Sex s = sex == 1 ? Sex::Male : Sex::Female;
        const auto plates = pack.plates(s);
        const AtlasBracket b = pack.bracketing(s, age);
        QCOMPARE(b.below.has_value(), below >= 0);
        QCOMPARE(b.above.has_value(), above >= 0);
        if (b.below) QCOMPARE(plates[*b.below].ageMonths, below);
        if (b.above) QCOMPARE(plates[*b.above].ageMonths, above);
        QCOMPARE(b.isExact(), below == above);
        QCOMPARE(b.isOutsideRange(), below < 0 || above < 0);
        if (b.below) QVERIFY(plates[*b.below].ageMonths <= age);
        if (b.above) QVERIFY(plates[*b.above].ageMonths >= age);
    }

    void bracketingWithoutPlatesOfTheSex()
    {
        AtlasPack pack;
        pack.addPlate(plate(Sex::Male, 24, "M-024.png"));
        const AtlasBracket b = pack.bracketing(Sex::Female, 30);
        QVERIFY(!b.below && !b.above);
    }

    void nextAndPrevious()
    {
        const AtlasPack pack = smallPack();
        QCOMPARE(pack.next(Sex::Male, 0), std::optional<std::size_t>(1));
        QCOMPARE(pack.next(Sex::Male, 3), std::optional<std::size_t>());
        QCOMPARE(pack.previous(Sex::Male, 0), std::optional<std::size_t>());
        QCOMPARE(pack.previous(Sex::Male, 3), std::optional<std::size_t>(2));
        QCOMPARE(pack.next(Sex::Female, 1), std::optional<std::size_t>());
    }

    void ageLabel()
    {
        QCOMPARE(plate(Sex::Male, 90, "a").ageLabel(), std::string("M 7 y 6 m (90 months)"));
        QCOMPARE(plate(Sex::Female, 0, "a").ageLabel(), std::string("F 0 y 0 m (0 months)"));
    }
};

QTEST_GUILESS_MAIN(TestAtlasPack)
#include "tst_atlas_pack.moc"
