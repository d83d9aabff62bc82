// Model packages: the loader checks the card against the weights; a good package runs on a radiograph;
// `boneage assess` and `boneage evaluate` work end to end on a package trained here.
#include "common/CardSeal.h"
#include "common/Sha256.h"
#include "imaging/RadiographLoader.h"
#include "inference/ModelPackage.h"
#include "nn/Registry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace boneage;

class TestModelPackage : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    // A package of an untrained 2M-Net compact with a correct card.
    std::string makePackage(const char* name)
    {
        const std::string d = dir.filePath(name).toStdString();
        std::filesystem::create_directories(d);
        torch::manual_seed(5);
        auto model = nn::createModel("2mnet", "compact");
        nn::saveModel(*model, d + "/weights.pt");
        const nlohmann::json card = {
            {"format", "boneage-model-1"},
            {"id", "test-2mnet"},
            {"architecture", "2mnet"},
            {"preset", "compact"},
            {"input", {{"size", 96}, {"channels", 1}, {"recipe", recipeByName("whole-stretch-100").toJson()}}},
            {"weights",
             {{"file", "weights.pt"}, {"bytes", std::filesystem::file_size(d + "/weights.pt")}, {"sha256", sha256OfFile(d + "/weights.pt")}}},
            {"validation_metrics", {{"mae", 99.0}}}};
        writeCard(d, card.dump(2));
        return d;
    }
    // Every writer of cards seals them (common/CardSeal.h); the tests that edit a card do too, so that
    // what refuses an edit below is the check under test, not the seal.
    static void writeCard(const std::string& d, const std::string& text)
    {
        std::ofstream(d + "/model.json", std::ios::trunc) << sealCardText(text);
    }
    static void expectPackageError(const std::string& d, const char* mustSay)
    {
        try {
            InstalledModel::load(d);
            QFAIL("a bad package was accepted");
        } catch (const PackageError& e) {
            QVERIFY2(QString(e.what()).contains(mustSay), e.what());
        }
    }

private slots:
    void goodPackageRuns()
    {
        const std::string d = makePackage("good");
        const InstalledModel m = InstalledModel::load(d);
        QCOMPARE(m.card().id, std::string("test-2mnet"));
        QCOMPARE(m.card().recipe.name, std::string("whole-stretch-100"));
        QCOMPARE(m.device(), std::string("cpu"));
        const Radiograph r = loadRadiograph(BONEAGE_SOURCE_DIR "/resources/samples/sample-1405.dcm");
        const BoneAgeEstimate e = m.assess(r, Sex::Female);
        QVERIFY(std::isfinite(e.boneAgeMonths));
        QVERIFY(e.inferenceMilliseconds > 0);
        // The same model on the same prepared image gives the same number through both paths.
        const PreparedImage p = prepare(r, m.card().recipe);
        const double direct = m.predictPrepared({p.grey8.ptr<std::uint8_t>()}, p.grey8.cols, p.grey8.rows, {false}).front();
        QCOMPARE(direct, e.boneAgeMonths);
    }

    void cardCalibrationIsAppliedToEveryEstimate()
    {
        const std::string d = makePackage("calibrated");
        nlohmann::json card = nlohmann::json::parse(std::ifstream(d + "/model.json"));
        card["calibration"] = {{"slope", 0.9}, {"intercept", -2.5}, {"centre_months", 120.0}};
        writeCard(d, card.dump(1));
        QCOMPARE(readModelCard(d).validationMae, 99.0);   // the trainer's figure
        card["validation_metrics_as_shipped"] = {{"mae", 42.5}};
        writeCard(d, card.dump(1));
        InstalledModel m = InstalledModel::load(d);
        QCOMPARE(m.card().validationMae, 42.5);   // as the package runs: TTA and calibration
        QVERIFY(m.card().calibration.has_value());
        const Radiograph r = loadRadiograph(BONEAGE_SOURCE_DIR "/resources/samples/sample-1405.dcm");
        m.setCalibrationApplied(false);
        const double raw = m.assess(r, Sex::Female).boneAgeMonths;
        const double rawWithAttention = m.assess(r, Sex::Female, true).boneAgeMonths;
        m.setCalibrationApplied(true);
        QCOMPARE(m.assess(r, Sex::Female).boneAgeMonths, 120.0 + 0.9 * (raw - 120.0) - 2.5);
        QCOMPARE(m.assess(r, Sex::Female, true).boneAgeMonths, 120.0 + 0.9 * (rawWithAttention - 120.0) - 2.5);
        const PreparedImage p = prepare(r, m.card().recipe);
        QCOMPARE(m.predictPrepared({p.grey8.ptr<std::uint8_t>()}, p.grey8.cols, p.grey8.rows, {false}).front(),
                 120.0 + 0.9 * (raw - 120.0) - 2.5);

        card["calibration"]["slope"] = 7.0;   // not a calibration: a broken card
        writeCard(d, card.dump(1));
        expectPackageError(d, "\"calibration.slope\" is 7");
    }

    void cardCanDeclineTestTimeAugmentation()
    {
        const std::string d = makePackage("no-tta");
        const Radiograph r = loadRadiograph(BONEAGE_SOURCE_DIR "/resources/samples/sample-1405.dcm");
        InstalledModel withViews = InstalledModel::load(d);
        QVERIFY(withViews.testTimeAugmentation() == TestTimeAugmentation::FlipsAndShifts);   // the default
        withViews.setTestTimeAugmentation(TestTimeAugmentation::None);
        const double plain = withViews.assess(r, Sex::Female).boneAgeMonths;
        withViews.setTestTimeAugmentation(TestTimeAugmentation::FlipsAndShifts);
        const double viewed = withViews.assess(r, Sex::Female).boneAgeMonths;
        QVERIFY2(plain != viewed, "the views change nothing on this package: the check below would prove nothing");

        nlohmann::json card = nlohmann::json::parse(std::ifstream(d + "/model.json"));
        card["test_time_augmentation"] = "none";
        writeCard(d, card.dump(1));
        InstalledModel m = InstalledModel::load(d);
        QVERIFY(m.testTimeAugmentation() == TestTimeAugmentation::None);
        m.setTestTimeAugmentation(TestTimeAugmentation::FlipsAndShifts);   // asked for, declined by the card
        QCOMPARE(m.assess(r, Sex::Female).boneAgeMonths, plain);

        card["test_time_augmentation"] = "sometimes";
        writeCard(d, card.dump(1));
        expectPackageError(d, "\"test_time_augmentation\" must be");
    }

    void tamperedWeightsAreRefused()
    {
        const std::string d = makePackage("tampered");
        {
            std::fstream f(d + "/weights.pt", std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(2000);
            f.put('\x7f');   // same size, different content
        }
        expectPackageError(d, "SHA-256");
        std::ofstream(d + "/weights.pt", std::ios::app) << "x";
        expectPackageError(d, "bytes");
        std::filesystem::remove(d + "/weights.pt");
        expectPackageError(d, "missing");
    }

    void malformedCardsAreRefused()
    {
        const std::string d = makePackage("card");
        std::ofstream(d + "/model.json") << "{ \"format\": \"boneage-model-1\", ";
        expectPackageError(d, "malformed");
        std::ofstream(d + "/model.json") << "{\"format\": \"other\"}";
        expectPackageError(d, "unknown card format");
        expectPackageError(dir.filePath("nothing").toStdString(), "no model.json");
        const std::string w = makePackage("wrongarch");
        std::ifstream in(w + "/model.json");
        nlohmann::json card = nlohmann::json::parse(in);
        card["preset"] = "paper";   // weights of compact, card says paper
        card["input"]["size"] = 448;
        card["input"]["channels"] = 3;
        writeCard(w, card.dump());
        expectPackageError(w, "do not fit");
    }

    void perSexPackagesAnswerForTheirSexOnly()
    {
        const std::string d = makePackage("male");
        std::ifstream in(d + "/model.json");
        nlohmann::json card = nlohmann::json::parse(in);
        card["sex"] = "M";
        writeCard(d, card.dump());
        const InstalledModel m = InstalledModel::load(d);
        QVERIFY(m.card().appliesTo(Sex::Male));
        QVERIFY(!m.card().appliesTo(Sex::Female));
        const Radiograph r = loadRadiograph(BONEAGE_SOURCE_DIR "/resources/samples/sample-1405.dcm");
        QVERIFY(std::isfinite(m.assess(r, Sex::Male).boneAgeMonths));
        QVERIFY_THROWS_EXCEPTION(PackageError, m.assess(r, Sex::Female));
        card["sex"] = "female";   // only "M", "F" or "any"
        writeCard(d, card.dump());
        expectPackageError(d, "\"sex\"");
        QVERIFY(InstalledModel::load(makePackage("any")).card().appliesTo(Sex::Female));   // no "sex": both
    }

    void assessAndEvaluateEndToEnd()
    {
        // Train a package for a few steps on the bundled samples, then use it from the command line.
        const QString work = dir.filePath("e2e");
        QDir().mkpath(work);
        // 16 cases: four copies of four samples under their own ids (an id on two rows is used once).
        const QString samples = BONEAGE_SOURCE_DIR "/resources/samples";
        const QString images = work + "/images";
        QVERIFY(QDir().mkpath(images));
        QFile csv(work + "/labels.csv");
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("id,boneage,male\n");
        for (int copy = 0; copy < 4; ++copy)
            for (const char* row : {"sample-1402,24,False", "sample-1491,48,True", "sample-1405,120,False", "sample-1855,186,True"}) {
                const QString id = QString(row).section(',', 0, 0), copyId = QString("c%1-%2").arg(copy).arg(id);
                QVERIFY(QFile::link(samples + "/" + id + ".dcm", images + "/" + copyId + ".dcm"));
                csv.write((copyId + QString(row).mid(id.size()) + "\n").toUtf8());
            }
        csv.close();
        auto run = [](const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr) {
            QProcess p;
            p.start(BONEAGE_EXE, args);
            p.waitForFinished(300000);
            if (out) *out = p.readAllStandardOutput();
            if (err) *err = p.readAllStandardError();
            return p.exitCode();
        };
        QCOMPARE(run({"prepare", "--images", images, "--labels", work + "/labels.csv", "--recipe", "whole-stretch-100",
                      "--out", work + "/cache"}),
                 0);
        QByteArray out, err;
        QCOMPARE(run({"train", "--arch", "2mnet", "--preset", "compact", "--data", work + "/cache", "--out",
                      work + "/models/m", "--epochs", "1", "--max-steps-per-epoch", "2", "--batch-size", "4",
                      "--val-fraction", "0.25"},
                     &out, &err),
                 0);
        QVERIFY2(QFile::exists(work + "/models/m/model.json"), err.constData());
        QVERIFY(!QFile::exists(work + "/models/m/weights-best.pt"));
        // A weight-average decay outside (0, 1) is a usage error that names the option; nothing is written.
        for (const char* decay : {"1.5", "0", "-0.2"}) {
            QCOMPARE(run({"finetune", "--model", work + "/models/m", "--freeze=", "--data", work + "/cache", "--out",
                          work + "/ema-wrong", "--ema", decay},
                         &out, &err),
                     2);
            QVERIFY2(err.contains("--ema must be a decay between 0 and 1"), err.constData());
        }
        QVERIFY(!QDir(work + "/ema-wrong").exists());
        // --preset continues at another preset of the same architecture: refused where the weights do not
        // fit it (compact is width 0.25, compact128 width 0.5), accepted where they do (compact-w50 -> compact128).
        QCOMPARE(run({"finetune", "--model", work + "/models/m", "--preset", "compact128", "--freeze=", "--data",
                      work + "/cache", "--out", work + "/wider", "--epochs", "1", "--max-steps-per-epoch", "1"},
                     &out, &err),
                 1);
        QVERIFY2(err.contains("in the file"), err.constData());
        QVERIFY(!QFile::exists(work + "/wider/model.json"));
        QCOMPARE(run({"finetune", "--model", BONEAGE_SOURCE_DIR "/models/2mnet-compact-w50-male", "--preset", "compact128",
                      "--freeze=", "--data", work + "/cache", "--out", work + "/larger-input", "--epochs", "1",
                      "--max-steps-per-epoch", "1", "--batch-size", "4", "--val-fraction", "0.25"},
                     &out, &err),
                 0);
        {
            QFile card(work + "/larger-input/model.json");
            QVERIFY2(card.open(QIODevice::ReadOnly), err.constData());
            const QJsonObject c = QJsonDocument::fromJson(card.readAll()).object();
            QCOMPARE(c["preset"].toString(), QString("compact128"));
            QCOMPARE(c["input"].toObject()["size"].toInt(), 128);
            QCOMPARE(c["started_from"].toObject()["id"].toString(), QString("2mnet-compact-w50-male"));
        }

        // assess looks for the hand first, with the landmark package installed beside the bone age models.
        QCOMPARE(run({"assess", "--models", work + "/models", "--json", samples + "/sample-1855.dcm"}, &out, &err), 3);
        QCOMPARE(QJsonDocument::fromJson(out).object()["review"].toArray().first().toObject()["code"].toString(),
                 QString("hand_not_checked"));
        std::filesystem::copy(BONEAGE_SOURCE_DIR "/models/hand-landmarks-128px", (work + "/models/hand-landmarks-128px").toStdString(),
                              std::filesystem::copy_options::recursive);
        QCOMPARE(run({"assess", "--models", work + "/models", "--json", samples + "/sample-1855.dcm"}, &out, &err), 0);
        const QJsonObject a = QJsonDocument::fromJson(out).object();
        QCOMPARE(a["sex"].toString(), QString("M"));
        const QJsonObject first = a["models"].toArray().first().toObject();
        QVERIFY(first.contains("bone_age_months") && first.contains("sds") && first.contains("maturity"));
        QVERIFY(a["notice"].toString().contains("not a certified medical device"));
        // A PNG carries no sex: refused without --sex, accepted with it.
        QCOMPARE(run({"assess", "--models", work + "/models", samples + "/sample-1417.png"}, &out, &err), 1);
        QVERIFY2(err.contains("--sex"), err.constData());
        QCOMPARE(run({"assess", "--models", work + "/models", "--sex", "M", samples + "/sample-1417.png"}, &out, &err), 0);
        QVERIFY(out.contains("bone age"));
        QCOMPARE(run({"assess", "--models", work + "/nothing-here", samples + "/sample-1855.dcm"}, &out, &err), 1);

        QCOMPARE(run({"evaluate", "--model", work + "/models/m", "--data", work + "/cache", "--json", "--report",
                      work + "/report"},
                     &out, &err),
                 0);
        const QJsonObject e = QJsonDocument::fromJson(out).object();
        QCOMPARE(e["count"].toInt(), 16);
        QCOMPARE(e["cumulative_accuracy"].toArray().size(), 25);
        QVERIFY(QFile::exists(work + "/report/predictions.csv"));
        QCOMPARE(run({"evaluate", "--model", work + "/models/m", "--images", images, "--labels", work + "/labels.csv"},
                     &out, &err),
                 0);
        QVERIFY(out.contains("MAE"));
        // --framing: every film also cropped to the hand, widened, turned 90 / 180, stored MONOCHROME1,
        // exported inverted, tilted by 15 degrees, with gamma 0.7 and 1.4, at half size, beside its
        // mirror image, mirrored, turned 270, exported as a JPEG; how far the estimate moved, per framing (issue 17), one row per film and framing.
        QCOMPARE(run({"evaluate", "--model", work + "/models/m", "--images", images, "--labels", work + "/labels.csv",
                      "--framing", "--json", "--report", work + "/framing-report"},
                     &out, &err),
                 0);
        const QJsonObject framing = QJsonDocument::fromJson(out).object()["framing"].toObject();
        for (const char* f : {"hand-crop", "wide-margin", "turned-90", "turned-180", "monochrome1", "inverted-export", "tilted-15",
                              "gamma-0.7", "gamma-1.4", "half-size", "both-hands", "mirrored", "turned-270", "jpeg-export"}) {
            QCOMPARE(framing[f]["n"].toInt(), 16);
            QVERIFY(framing[f]["p90_months"].toDouble() >= framing[f]["median_months"].toDouble());
        }
        QVERIFY(framing["target"]["met"].isBool());
        QFile framingCsv(work + "/framing-report/framing.csv");
        QVERIFY(framingCsv.open(QIODevice::ReadOnly));
        QCOMPARE(framingCsv.readAll().count('\n'), 1 + 16 * 14);
        // --framings: those named only; an unknown name is refused with the known ones.
        QCOMPARE(run({"evaluate", "--model", work + "/models/m", "--images", images, "--labels", work + "/labels.csv",
                      "--framings", "gamma-0.7,half-size", "--json"},
                     &out, &err),
                 0);
        const QJsonObject named = QJsonDocument::fromJson(out).object()["framing"].toObject();
        QVERIFY(named.contains("gamma-0.7") && named.contains("half-size") && !named.contains("hand-crop"));
        QCOMPARE(run({"evaluate", "--model", work + "/models/m", "--images", images, "--labels", work + "/labels.csv",
                      "--framings", "turned-45"},
                     &out, &err),
                 2);
        QVERIFY2(err.contains("turned-45") && err.contains("tilted-15"), err.constData());
        QCOMPARE(run({"evaluate", "--model", work + "/models/m", "--data", work + "/cache", "--framing"}, &out, &err), 2);
        // An output calibration needs a few hundred training films; this 16-film cache is refused, and the card stays as it was.
        QFile mcard(work + "/models/m/model.json");
        QVERIFY(mcard.open(QIODevice::ReadOnly));
        const QByteArray cardBefore = mcard.readAll();
        mcard.close();
        QCOMPARE(run({"calibrate", "--model", work + "/models/m", "--data", work + "/cache"}, &out, &err), 1);
        QVERIFY2(err.contains("training films for") && err.contains("at least 200"), err.constData());
        QVERIFY(mcard.open(QIODevice::ReadOnly));
        QCOMPARE(mcard.readAll(), cardBefore);
        mcard.close();
        // Without the package's held-out ids, training films cannot be told from held-out ones: refused.
        QVERIFY(QFile::rename(work + "/models/m/validation-ids.txt", work + "/ids.txt"));
        QCOMPARE(run({"calibrate", "--model", work + "/models/m", "--data", work + "/cache"}, &out, &err), 1);
        QVERIFY2(err.contains("validation-ids.txt is missing"), err.constData());
        QVERIFY(QFile::rename(work + "/ids.txt", work + "/models/m/validation-ids.txt"));
        QCOMPARE(run({"calibrate", "--model", work + "/models/m"}, &out, &err), 2);   // usage: --data missing

        // A per-sex package (2M-Net's way) answers for its sex only: assess skips it for the other sex,
        // and with two packages for one sex it reports their mean and spread.
        QCOMPARE(run({"train", "--arch", "2mnet", "--preset", "compact", "--data", work + "/cache", "--out",
                      work + "/models/f", "--sex", "F", "--epochs", "1", "--max-steps-per-epoch", "1", "--batch-size", "4",
                      "--val-fraction", "0.25"},
                     &out, &err),
                 0);
        QFile fcard(work + "/models/f/model.json");
        QVERIFY(fcard.open(QIODevice::ReadOnly));
        const QJsonObject fc = QJsonDocument::fromJson(fcard.readAll()).object();
        QCOMPARE(fc["sex"].toString(), QString("F"));
        QVERIFY(fc["id"].toString().endsWith("-female"));
        QCOMPARE(run({"assess", "--models", work + "/models", "--json", samples + "/sample-1855.dcm"}, &out, &err), 0);
        QJsonObject male = QJsonDocument::fromJson(out).object();
        QCOMPARE(male["models"].toArray().size(), 1);   // the female package is not run on a boy
        QVERIFY(!male.contains("ensemble"));
        QCOMPARE(run({"assess", "--models", work + "/models", "--json", samples + "/sample-1405.dcm"}, &out, &err), 0);
        const QJsonObject girl = QJsonDocument::fromJson(out).object();
        const QJsonArray both = girl["models"].toArray();
        QCOMPARE(both.size(), 2);
        const double mean = (both[0].toObject()["bone_age_months"].toDouble() + both[1].toObject()["bone_age_months"].toDouble()) / 2;
        QVERIFY(std::abs(girl["ensemble"].toObject()["bone_age_months"].toDouble() - mean) < 0.11);
        // Only the female package installed: a boy gets a clear error, not a guess.
        QDir().mkpath(work + "/females/f");
        QVERIFY(QFile::copy(work + "/models/f/model.json", work + "/females/f/model.json"));
        QVERIFY(QFile::copy(work + "/models/f/weights.pt", work + "/females/f/weights.pt"));
        QCOMPARE(run({"assess", "--models", work + "/females", samples + "/sample-1855.dcm"}, &out, &err), 1);
        QVERIFY2(err.contains("no installed model assesses sex M"), err.constData());
        // A pair evaluates as one model: every case is scored by the packages of its sex.
        QCOMPARE(run({"evaluate", "--model", work + "/models/m", "--model", work + "/models/f", "--data", work + "/cache",
                      "--json"},
                     &out, &err),
                 0);
        QCOMPARE(QJsonDocument::fromJson(out).object()["count"].toInt(), 16);
        // A per-sex package alone: the other sex's line says there were no such cases, not "nan".
        QCOMPARE(run({"evaluate", "--model", work + "/models/f", "--data", work + "/cache"}, &out, &err), 0);
        QVERIFY2(out.contains("no male cases") && out.contains("female MAE") && !out.contains("nan"), out.constData());
    }

    // The output policy (docs/outputs.md) for model folders, reports and cards, on the cache and
    // package that assessAndEvaluateEndToEnd made.
    void outputPolicyOfModelFolders()
    {
        const QString work = dir.filePath("e2e"), m = work + "/models/m", cache = work + "/cache";
        QVERIFY2(QFile::exists(m + "/model.json"), "needs the package of assessAndEvaluateEndToEnd");
        auto run = [](const QStringList& args, QByteArray* err) {
            QProcess p;
            p.start(BONEAGE_EXE, args);
            p.waitForFinished(300000);
            *err = p.readAllStandardError();
            return p.exitCode();
        };
        const auto read = [](const QString& path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
        };
        const auto snapshot = [&](const QString& folder) {
            QMap<QString, QByteArray> files;
            for (const QString& name : QDir(folder).entryList(QDir::Files | QDir::Hidden)) files[name] = read(folder + "/" + name);
            return files;
        };
        const auto write = [](const QString& path, const QByteArray& content) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
        };
        QByteArray err;
        const QStringList train = {"train", "--arch", "2mnet", "--preset", "compact", "--data", cache, "--epochs", "1",
                                   "--max-steps-per-epoch", "1", "--batch-size", "4", "--val-fraction", "0.25"};
        QVERIFY(write(m + "/notes.txt", "mine"));
        const auto package = snapshot(m);
        // An earlier run's files are not trained over without --overwrite; the advice names both ways on.
        QCOMPARE(run(train + QStringList{"--out", m}, &err), 1);
        QVERIFY2(err.contains("'model.json'") && err.contains("add --overwrite") && err.contains("--resume"), err.constData());
        // finetune never writes into the package it starts from, train never into its cache.
        QCOMPARE(run({"finetune", "--model", m, "--freeze=", "--data", cache, "--out", m, "--overwrite"}, &err), 1);
        QVERIFY2(err.contains("is the --model input"), err.constData());
        QCOMPARE(run(train + QStringList{"--out", cache, "--overwrite"}, &err), 1);
        QVERIFY2(err.contains("is the --data input"), err.constData());
        QCOMPARE(snapshot(m), package);
        // --overwrite replaces the run's files and keeps the others.
        QCOMPARE(run(train + QStringList{"--out", m, "--overwrite", "--seed", "9"}, &err), 0);
        QVERIFY(read(m + "/model.json") != package["model.json"]);
        QVERIFY(read(m + "/model.json").contains("--seed 9"));
        QCOMPARE(read(m + "/notes.txt"), QByteArray("mine"));
        QVERIFY(!QFile::exists(m + "/weights-best.pt"));

        // evaluate --report: the files of an earlier report only with --overwrite, other files kept.
        const QString report = work + "/report";
        QVERIFY(write(report + "/notes.txt", "mine"));
        const auto earlier = snapshot(report);
        QCOMPARE(run({"evaluate", "--model", m, "--data", cache, "--report", report}, &err), 1);
        QVERIFY2(err.contains("'metrics.json'") && err.contains("add --overwrite"), err.constData());
        QCOMPARE(snapshot(report), earlier);
        QCOMPARE(run({"evaluate", "--model", m, "--data", cache, "--report", report, "--overwrite", "--no-tta"}, &err), 0);
        QCOMPARE(read(report + "/notes.txt"), QByteArray("mine"));
        QVERIFY(read(report + "/predictions.csv") != earlier["predictions.csv"]);   // the retrained package's
        QCOMPARE(run({"evaluate", "--model", m, "--data", cache, "--report", m, "--overwrite"}, &err), 1);
        QVERIFY2(err.contains("is the --model input"), err.constData());

        // evaluate --labels counts a film once however often its row repeats.
        QVERIFY(write(work + "/twice.csv", "id,boneage,male\nc0-sample-1402,24,False\nc0-sample-1491,48,True\n"
                                           "c0-sample-1402,24,False\n"));
        QProcess p;
        p.start(BONEAGE_EXE, {"evaluate", "--model", m, "--images", work + "/images", "--labels", work + "/twice.csv", "--json", "--no-tta"});
        QVERIFY(p.waitForFinished(300000));
        err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0 && err.contains("twice.csv:4") && err.contains("repeats line 2"), err.constData());
        QCOMPARE(QJsonDocument::fromJson(p.readAllStandardOutput()).object()["count"].toInt(), 2);

        // An id list saved by a spreadsheet (byte order mark, CRLF) selects the same films.
        QVERIFY(write(work + "/ids-crlf.txt", "\xEF\xBB\xBF" "c0-sample-1402\r\nc1-sample-1855\r\n\r\n"));
        p.start(BONEAGE_EXE, {"evaluate", "--model", m, "--data", cache, "--ids", work + "/ids-crlf.txt", "--json", "--no-tta"});
        QVERIFY(p.waitForFinished(300000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(QJsonDocument::fromJson(p.readAllStandardOutput()).object()["count"].toInt(), 2);

        // calibrate updates a card in place; replacing an earlier calibration takes --overwrite.
        const QString calibrated = work + "/calibrated";
        QVERIFY(QDir().mkpath(calibrated));
        for (const char* file : {"weights.pt", "validation-ids.txt"}) QVERIFY(QFile::copy(m + "/" + file, calibrated + "/" + file));
        QJsonObject card = QJsonDocument::fromJson(read(m + "/model.json")).object();
        card["calibration"] = QJsonObject{{"slope", 1.0}, {"intercept", 0.5}, {"centre_months", 120.0}, {"fitted_on", "an earlier cache"}};
        card.remove("card_sha256");   // an edit made on purpose, re-sealed as `boneage package seal` would
        QVERIFY(write(calibrated + "/model.json", QByteArray::fromStdString(sealCardText(QJsonDocument(card).toJson().toStdString()))));
        const QByteArray cardBefore = read(calibrated + "/model.json");
        QCOMPARE(run({"calibrate", "--model", calibrated, "--data", cache}, &err), 1);
        QVERIFY2(err.contains("already has a calibration (an earlier cache)") && err.contains("add --overwrite"), err.constData());
        QCOMPARE(run({"calibrate", "--model", calibrated, "--data", cache, "--overwrite"}, &err), 1);
        QVERIFY2(err.contains("at least 200"), err.constData());   // past the check: this cache is too small to fit one
        QCOMPARE(read(calibrated + "/model.json"), cardBefore);
    }
};

QTEST_APPLESS_MAIN(TestModelPackage)
#include "tst_model_package.moc"
