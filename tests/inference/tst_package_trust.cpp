// A model package is a trust boundary, its card included: an edited card is refused by its seal; a
// card that lies about the weights' dtype, or weights of another architecture, are refused before any
// tensor reaches the network (they used to crash); a FIFO where the card or the weights belong never
// blocks; every field out of range is refused with its name; a broken package is skipped with a
// one-line reason while the good ones still run; `boneage package seal|verify` re-seal and check.
#include "common/CardSeal.h"
#include "imaging/RadiographLoader.h"
#include "inference/Assessment.h"
#include "inference/LandmarkModel.h"
#include "inference/ModelPackage.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

using namespace boneage;
namespace fs = std::filesystem;

namespace {

const std::string kModels = BONEAGE_SOURCE_DIR "/models";
const std::string kMale = kModels + "/2mnet-compact-w50-male";
const std::string kLandmarks = kModels + "/hand-landmarks-128px";
const std::string kBoy = BONEAGE_SOURCE_DIR "/resources/samples/sample-1855.dcm";

std::string readText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeText(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary | std::ios::trunc) << text; }

// A FIFO must never be opened for reading by a check (that blocks until a writer comes): if a
// regression does, the alarm ends the test as a failure instead of hanging ctest.
struct HangGuard {
    explicit HangGuard(unsigned seconds) { ::alarm(seconds); }
    ~HangGuard() { ::alarm(0); }
};

} // namespace

class TestPackageTrust : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    // A copy of a shipped package under `name` (copied, never linked: the tests damage their copies).
    std::string copyPackage(const std::string& from, const std::string& name)
    {
        const std::string d = dir.filePath(QString::fromStdString(name)).toStdString();
        fs::create_directories(d);
        for (const auto& f : {"model.json", "weights.pt"})
            fs::copy_file(fs::path(from) / f, fs::path(d) / f, fs::copy_options::overwrite_existing);
        return d;
    }
    // Edits the card's JSON and writes it back sealed (as every writer of cards does).
    static void editSealed(const std::string& d, const std::function<void(nlohmann::json&)>& edit)
    {
        nlohmann::json card = nlohmann::json::parse(readText(d + "/model.json"));
        edit(card);
        writeText(d + "/model.json", sealCardText(card.dump(1)) + "\n");
    }
    static QString packageError(const std::function<void()>& f)
    {
        try {
            f();
        } catch (const PackageError& e) {
            return QString::fromUtf8(e.what());
        }
        return QString();
    }

private slots:
    void shippedPackagesAreSealed()
    {
        for (const auto& p : {kMale, kModels + "/2mnet-compact-w50-female", kLandmarks}) {
            const CardSealCheck check = checkCardSeal(readCardText(p));
            QVERIFY2(check.state == CardSealState::Valid, p.c_str());
        }
    }

    void theSealCoversContentNotFormatting()
    {
        const std::string card = "{\n \"format\": \"x\",\n \"a\": [1, 2.50, {\"b\": null}]\n}\n";
        const std::string sealed = sealCardText(card);
        QCOMPARE(checkCardSeal(sealed).state, CardSealState::Valid);
        QVERIFY(sealed.rfind("{\n \"card_sha256\": \"", 0) == 0);   // first, indented like the rest
        QCOMPARE(sealCardText(sealed), sealed);                     // sealing twice changes nothing
        // Whitespace is free; any change of a value, a key or the order of members is not.
        std::string reindented = sealed;
        for (size_t at = 0; (at = reindented.find("\n ", at)) != std::string::npos; at += 5) reindented.replace(at, 2, "\n    ");
        QCOMPARE(checkCardSeal(reindented).state, CardSealState::Valid);
        std::string edited = sealed;
        edited.replace(edited.find("2.50"), 4, "2.5");
        QCOMPARE(checkCardSeal(edited).state, CardSealState::Mismatch);
        QCOMPARE(checkCardSeal(card).state, CardSealState::Missing);
        // A seal anywhere is replaced, and the result is the same card sealed.
        const std::string sealLast = "{\"a\": 1, \"card_sha256\": \"00\"}";
        QCOMPARE(checkCardSeal(sealCardText(sealLast)).state, CardSealState::Valid);
        QCOMPARE(canonicalCardText(sealCardText(sealLast)), std::string("{\"a\":1}"));
        // Not a card: nesting beyond the limit, a repeated key, text after the object.
        QVERIFY_THROWS_EXCEPTION(CardSyntaxError, canonicalCardText(std::string(100000, '[')));
        QVERIFY_THROWS_EXCEPTION(CardSyntaxError, canonicalCardText("{\"a\": 1, \"a\": 2}"));
        QVERIFY_THROWS_EXCEPTION(CardSyntaxError, canonicalCardText("{} {}"));
        QVERIFY_THROWS_EXCEPTION(CardSyntaxError, canonicalCardText("[1]"));
    }

    void editedCardIsRefused()
    {
        const std::string d = copyPackage(kMale, "edited");
        QCOMPARE(InstalledModel::load(d).card().id, std::string("2mnet-compact-w50-male"));
        nlohmann::json card = nlohmann::json::parse(readText(d + "/model.json"));
        card["input"]["recipe"]["clahe_tiles"] = 16;   // a plausible edit, not re-sealed
        writeText(d + "/model.json", card.dump(1));
        QString e = packageError([&] { InstalledModel::load(d); });
        QVERIFY2(e.contains("changed after it was sealed") && e.contains("boneage package seal " + QString::fromStdString(d)), qPrintable(e));
        QVERIFY(!e.contains('\n'));
        QVERIFY(!packageError([&] { readModelCard(d); }).isEmpty());
        card.erase(kCardSealKey);
        writeText(d + "/model.json", card.dump(1));
        e = packageError([&] { readModelCard(d); });
        QVERIFY2(e.contains("is not sealed"), qPrintable(e));
    }

    void dtypeLieIsRefusedWithoutCrash()
    {
        // The shipped float16 weights under a card that says float32 (the documented default), sealed,
        // so that the dtype check and not the seal refuses it. Module::load used to segfault here.
        const std::string d = copyPackage(kMale, "dtype-lie");
        editSealed(d, [](nlohmann::json& c) { c["weights"]["dtype"] = "float32"; });
        QString e = packageError([&] { InstalledModel::load(d); });
        QVERIFY2(e.contains("do not fit") && e.contains("Half") && e.contains("Float"), qPrintable(e));
        editSealed(d, [](nlohmann::json& c) { c["weights"].erase("dtype"); });   // absent: float32
        QVERIFY(packageError([&] { InstalledModel::load(d); }).contains("do not fit"));
        // The landmark package likewise.
        const std::string l = copyPackage(kLandmarks, "landmark-dtype-lie");
        editSealed(l, [](nlohmann::json& c) { c["weights"]["dtype"] = "float32"; });
        e = packageError([&] { LandmarkModel::load(l); });
        QVERIFY2(e.contains("do not fit"), qPrintable(e));
    }

    void weightsOfAnotherArchitectureAreRefused()
    {
        // compact-w50's weights under a card for compact (same input size and channels, wider layers).
        const std::string d = copyPackage(kMale, "other-arch");
        editSealed(d, [](nlohmann::json& c) {
            c["preset"] = "compact";
            c.erase("parameters");   // else the parameter count says it first
        });
        QString e = packageError([&] { InstalledModel::load(d); });
        QVERIFY2(e.contains("do not fit 2mnet/compact") && e.contains(" in the file, "), qPrintable(e));
        editSealed(d, [](nlohmann::json& c) { c["parameters"] = 2903301; });
        e = packageError([&] { InstalledModel::load(d); });
        QVERIFY2(e.contains("parameters"), qPrintable(e));
        // The landmark network built wider than its weights.
        const std::string l = copyPackage(kLandmarks, "landmark-width");
        editSealed(l, [](nlohmann::json& c) {
            c["input"]["width_multiplier"] = 1.0;
            c.erase("parameters");
        });
        e = packageError([&] { LandmarkModel::load(l); });
        QVERIFY2(e.contains("do not fit"), qPrintable(e));
    }

    void fifoNeverBlocks()
    {
        const HangGuard guard(60);
        const std::string models = dir.filePath("fifo-models").toStdString();
        const std::string d = models + "/fifo";
        fs::create_directories(d);
        QCOMPARE(::mkfifo((d + "/model.json").c_str(), 0600), 0);
        QString e = packageError([&] { readModelCard(d); });
        QVERIFY2(e.contains("not a regular file"), qPrintable(e));
        e = packageError([&] { LandmarkModel::load(d); });
        QVERIFY2(e.contains("not a regular file"), qPrintable(e));
        // Discovery does not open it; it lists it as a bone age package so that loading says why.
        QCOMPARE(findModelPackages(models), std::vector<std::string>{d});
        QVERIFY(findModelPackages(models, kLandmarkCardFormat).empty());
        // Weights that are a FIFO.
        const std::string w = copyPackage(kMale, "fifo-weights");
        fs::remove(w + "/weights.pt");
        QCOMPARE(::mkfifo((w + "/weights.pt").c_str(), 0600), 0);
        e = packageError([&] { InstalledModel::load(w); });
        QVERIFY2(e.contains("not a regular file"), qPrintable(e));
    }

    void fieldsOutOfRangeAreRefusedByName_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");   // JSON text
        QTest::addColumn<QString>("named");
        QTest::newRow("clahe tiles") << "/input/recipe/clahe_tiles" << "100000" << "\"clahe_tiles\" is 100000";
        QTest::newRow("clahe tiles as text") << "/input/recipe/clahe_tiles" << "\"8\"" << "clahe_tiles";
        QTest::newRow("clahe clip 0") << "/input/recipe/clahe_clip_limit" << "0" << "clahe_clip_limit";
        QTest::newRow("clahe clip negative") << "/input/recipe/clahe_clip_limit" << "-2" << "clahe_clip_limit";
        QTest::newRow("recipe width") << "/input/recipe/width" << "100000" << "\"width\"";
        QTest::newRow("recipe height 1e300") << "/input/recipe/height" << "1e300" << "\"height\"";
        QTest::newRow("recipe std 0") << "/input/recipe/std" << "0" << "\"std\"";
        QTest::newRow("recipe contrast") << "/input/recipe/contrast" << "\"sharpen\"" << "contrast";
        QTest::newRow("input size") << "/input/size" << "100000" << "input.size";
        QTest::newRow("input channels") << "/input/channels" << "7" << "input.channels";
        QTest::newRow("weights bytes huge") << "/weights/bytes" << "1000000000000" << "weights.bytes";
        QTest::newRow("weights bytes negative") << "/weights/bytes" << "-5" << "weights.bytes";
        QTest::newRow("weights dtype") << "/weights/dtype" << "\"int8\"" << "weights.dtype";
        QTest::newRow("weights sha256") << "/weights/sha256" << "\"abc\"" << "weights.sha256";
        QTest::newRow("weights file") << "/weights/file" << "\"../male/weights.pt\"" << "weights.file";
        QTest::newRow("calibration slope") << "/calibration/slope" << "1e308" << "calibration.slope";
        QTest::newRow("calibration centre") << "/calibration/centre_months" << "-5" << "calibration.centre_months";
        QTest::newRow("validation mae") << "/validation_metrics/mae" << "-3" << "validation_metrics.mae";
        QTest::newRow("number overflow") << "/training/seconds" << "1e400" << "malformed";
        QTest::newRow("id empty") << "/id" << "\"\"" << "\"id\"";
        QTest::newRow("sex") << "/sex" << "\"X\"" << "\"sex\"";
        QTest::newRow("architecture") << "/architecture" << "\"../2mnet\"" << "\"architecture\"";
    }
    void fieldsOutOfRangeAreRefusedByName()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, named);
        const std::string d = copyPackage(kMale, "range-" + std::to_string(std::hash<std::string>()(pointer.toStdString() + value.toStdString())));
        // Written as text, so that values nlohmann::json cannot hold (1e400) reach the reader as written.
        nlohmann::json card = nlohmann::json::parse(readText(d + "/model.json"));
        const std::string marker = "\"@@value@@\"";
        card[nlohmann::json::json_pointer(pointer.toStdString())] = "@@value@@";
        std::string text = card.dump(1);
        text.replace(text.find(marker), marker.size(), value.toStdString());
        writeText(d + "/model.json", sealCardText(text));
        const QString e = packageError([&] { InstalledModel::load(d); });
        QVERIFY2(e.contains(named) && e.contains("model.json") && !e.contains('\n'), qPrintable(e));
    }

    void landmarkFieldsOutOfRangeAreRefused()
    {
        const std::string l = copyPackage(kLandmarks, "landmark-range");
        const std::vector<std::pair<std::function<void(nlohmann::json&)>, QString>> cases = {
            {[](nlohmann::json& c) { c["no_hand_below"] = 1.5; }, "no_hand_below"},
            {[](nlohmann::json& c) { c["no_hand_without_region_below"] = -0.1; }, "no_hand_without_region_below"},
            {[](nlohmann::json& c) { c["input"]["width_multiplier"] = 1000; }, "input.width_multiplier"},
            {[](nlohmann::json& c) { c["input"]["size"] = 100; }, "multiple of 32"},
            {[](nlohmann::json& c) { c["keypoints"].erase(0); }, "keypoints"},
            {[](nlohmann::json& c) { c["input"]["recipe"]["clahe_tiles"] = 100000; }, "clahe_tiles"},
        };
        for (const auto& [edit, named] : cases) {
            const std::string d = copyPackage(kLandmarks, "landmark-range");
            editSealed(d, edit);
            const QString e = packageError([&] { readLandmarkCard(d); });
            QVERIFY2(e.contains(named), qPrintable(e));
            QCOMPARE(packageError([&] { LandmarkModel::load(d); }), e);
        }
    }

    void oversizedAndDeepCardsAreRefused()
    {
        const std::string d = copyPackage(kMale, "big");
        nlohmann::json card = nlohmann::json::parse(readText(kMale + "/model.json"));
        card["padding"] = std::string(2 << 20, 'x');
        writeText(d + "/model.json", sealCardText(card.dump()));
        QVERIFY(packageError([&] { readModelCard(d); }).contains("larger than 1048576 bytes"));
        writeText(d + "/model.json", "{\"format\": \"boneage-model-1\", \"x\": " + std::string(100000, '[') + "}");
        const QString e = packageError([&] { readModelCard(d); });
        QVERIFY2(e.contains("malformed") && e.contains("nested"), qPrintable(e));
    }

    void brokenPackagesAreSkippedAndTheGoodOneRuns()
    {
        const HangGuard guard(300);
        const std::string models = dir.filePath("mixed").toStdString();
        fs::create_directories(models);
        const std::string good = copyPackage(kMale, "mixed/a-good");
        const std::string lie = copyPackage(kMale, "mixed/b-dtype-lie");
        editSealed(lie, [](nlohmann::json& c) { c["weights"]["dtype"] = "float32"; });
        const std::string tiles = copyPackage(kMale, "mixed/c-tiles");
        editSealed(tiles, [](nlohmann::json& c) { c["input"]["recipe"]["clahe_tiles"] = 100000; });
        const std::string edited = copyPackage(kMale, "mixed/d-edited");
        {
            nlohmann::json c = nlohmann::json::parse(readText(edited + "/model.json"));
            c["sex"] = "any";
            writeText(edited + "/model.json", c.dump(1));
        }
        fs::create_directories(models + "/e-fifo");
        QCOMPARE(::mkfifo((models + "/e-fifo/model.json").c_str(), 0600), 0);
        const std::string landmarks = copyPackage(kLandmarks, "mixed-landmarks");
        editSealed(landmarks, [](nlohmann::json& c) { c["weights"]["dtype"] = "float32"; });

        const Radiograph r = loadRadiograph(kBoy);
        AssessmentOptions options;
        options.testTimeAugmentation = false;
        options.landmarkPackage = landmarks;
        // The broken landmark package leaves the hand unchecked, which withholds the result unless forced.
        const Assessment withheld = assessRadiograph(r, Sex::Male, findModelPackages(models), options);
        QVERIFY(withheld.withheld && withheld.hasFlag("hand_not_checked") && withheld.models.empty());
        options.forceWithoutHand = true;
        const Assessment a = assessRadiograph(r, Sex::Male, findModelPackages(models), options);
        QVERIFY(a.hasFlag("hand_not_checked") && !a.withheld);
        QCOMPARE(a.models.size(), size_t(1));
        QCOMPARE(a.models.front().package, good);
        QVERIFY(std::isfinite(a.models.front().estimate.boneAgeMonths));
        QVERIFY(!a.landmarks.has_value());
        QCOMPARE(a.skippedPackages.size(), size_t(5));
        const std::vector<std::pair<std::string, QString>> expected = {
            {lie, "do not fit"}, {tiles, "clahe_tiles"}, {edited, "changed after it was sealed"},
            {models + "/e-fifo", "not a regular file"}, {landmarks, "do not fit"}};
        // Card faults are found when the packages are sorted by sex, load faults when they run: each
        // package's one-line reason, in whatever order.
        for (const auto& [package, why] : expected) {
            const auto it = std::find_if(a.skippedPackages.begin(), a.skippedPackages.end(), [&](const std::string& reason) {
                const QString r = QString::fromStdString(reason);
                return r.contains(QString::fromStdString(package + "/")) || r.contains(QString::fromStdString(package + ":")) ||
                       r.endsWith(QString::fromStdString(package));
            });
            QVERIFY2(it != a.skippedPackages.end(), package.c_str());
            const QString reason = QString::fromStdString(*it);
            QVERIFY2(reason.contains(why) && !reason.contains('\n'), qPrintable(reason));
        }
        // With the good landmark package, landmarks come back.
        options.landmarkPackage = kLandmarks;
        const Assessment b = assessRadiograph(r, Sex::Male, {good}, options);
        QVERIFY(b.landmarks.has_value() && b.skippedPackages.empty());
    }

    void packageCommandSealsAndVerifies()
    {
        const auto run = [](const QStringList& args, QByteArray* out, QByteArray* err) {
            QProcess p;
            p.start(BONEAGE_EXE, args);
            p.waitForFinished(120000);
            *out = p.readAllStandardOutput();
            *err = p.readAllStandardError();
            return p.exitCode();
        };
        QByteArray out, err;
        const std::string d = copyPackage(kMale, "command");
        const QString q = QString::fromStdString(d);
        QCOMPARE(run({"package", "verify", q, QString::fromStdString(kLandmarks)}, &out, &err), 0);
        QVERIFY2(out.count(": ok (") == 2, out.constData());
        // Edited by hand: refused until re-sealed; only the seal changes.
        nlohmann::json card = nlohmann::json::parse(readText(d + "/model.json"));
        card["description"] = "re-described by hand";
        const std::string edited = card.dump(2) + "\n";
        writeText(d + "/model.json", edited);
        QCOMPARE(run({"package", "verify", q}, &out, &err), 1);
        QVERIFY2(err.contains("changed after it was sealed"), err.constData());
        QCOMPARE(run({"package", "seal", q}, &out, &err), 0);
        QVERIFY2(out.contains("sealed (2mnet-compact-w50-male)"), out.constData());
        QCOMPARE(canonicalCardText(readText(d + "/model.json")), canonicalCardText(edited));
        QCOMPARE(run({"package", "verify", q}, &out, &err), 0);
        QCOMPARE(InstalledModel::load(d).card().description, std::string("re-described by hand"));
        // A card the loader would refuse is not sealed, and stays as it was.
        card["input"]["recipe"]["clahe_tiles"] = 100000;
        const std::string broken = card.dump(2);
        writeText(d + "/model.json", broken);
        QCOMPARE(run({"package", "seal", q}, &out, &err), 1);
        QVERIFY2(err.contains("clahe_tiles"), err.constData());
        QCOMPARE(readText(d + "/model.json"), broken);
        // Weights that do not match the card are not sealed over either.
        writeText(d + "/model.json", edited);
        std::ofstream(d + "/weights.pt", std::ios::app) << "x";
        QCOMPARE(run({"package", "seal", q}, &out, &err), 1);
        QVERIFY2(err.contains("disagree"), err.constData());
        QCOMPARE(run({"package", "frobnicate", q}, &out, &err), 2);
    }
};

QTEST_APPLESS_MAIN(TestPackageTrust)
#include "tst_package_trust.moc"
