// `boneage ensemble fit/show`, `evaluate`'s per-package columns and `--ensemble`, and the interval of
// `boneage assess` (issue 17), on the shipped packages and the bundled samples (no ../shared needed).
#include "BoneageCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>

namespace {

const QString kSource = QStringLiteral(BONEAGE_SOURCE_DIR);
const QString kMale = kSource + QStringLiteral("/models/2mnet-compact-w50-male");
const QString kFemale = kSource + QStringLiteral("/models/2mnet-compact-w50-female");

QString why(const CommandResult& r) { return QString::fromUtf8(r.out + r.err).left(2000); }

QStringList csvLines(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

} // namespace

class TestBoneageEnsemble : public QObject {
    Q_OBJECT

    QTemporaryDir dir;

private slots:
    // evaluate writes each package's estimate; the combined one is the estimate of the case's sex.
    void evaluateReportsEachPackage()
    {
        const QString labels = writeTestFile(dir, "labels.csv",
                                             "id,boneage,male\nsample-1402,24,False\nsample-1405,120,False\nsample-1491,48,True\n"
                                             "sample-1855,186,True\nsample-1417,162,True\n");
        const CommandResult r = runBoneage({"evaluate", "--model", kMale, "--model", kFemale, "--images", kSource + "/resources/samples",
                                            "--labels", labels, "--landmarks", kSource + "/models/hand-landmarks-128px", "--report", dir.filePath("report")});
        QVERIFY2(r.status == 0, qPrintable(why(r)));
        const QStringList lines = csvLines(dir.filePath("report/predictions.csv"));
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines[0], QStringLiteral("id,male,reference_months,predicted_months,difference_months,"
                                          "estimate_2mnet-compact-w50-male,estimate_2mnet-compact-w50-female"));
        for (int i = 1; i < lines.size(); ++i) {
            const QStringList c = lines[i].split(',');
            QCOMPARE(c.size(), 7);
            const bool male = c[1] == QLatin1String("1");
            QCOMPARE(c[male ? 5 : 6], c[3]);      // the package of the case's sex gave the estimate
            QVERIFY(c[male ? 6 : 5].isEmpty());   // the other sex's package did not run
        }
        // Five cases are far too few to calibrate an interval: refused, nothing written.
        const CommandResult few = runBoneage({"ensemble", "fit", "--predictions", dir.filePath("report/predictions.csv"), "--model", kMale,
                                              "--model", kFemale, "--out", dir.filePath("few.json")});
        QCOMPARE(few.status, 1);
        QVERIFY2(few.err.contains("too few held-out cases"), qPrintable(why(few)));
        QVERIFY(!QFile::exists(dir.filePath("few.json")));
    }

    // A fitted file beside the packages: assess reports the interval, flags a wide one, and evaluate
    // --ensemble measures its coverage.
    void fittedEnsembleGivesAssessItsInterval()
    {
        // Held-out predictions as evaluate writes them: 300 cases, estimates off by up to +-15 months.
        QByteArray csv = "id,male,reference_months,predicted_months,difference_months,estimate_2mnet-compact-w50-male,estimate_2mnet-compact-w50-female\n";
        QRandomGenerator rng(5);
        for (int i = 0; i < 300; ++i) {
            const bool male = i % 2 == 0;
            const double reference = 12 + rng.bounded(200.0), estimate = reference + rng.bounded(30.0) - 15;
            csv += QByteArray::number(1000 + i) + ',' + (male ? "1," : "0,") + QByteArray::number(reference) + ',' + QByteArray::number(estimate) +
                   ',' + QByteArray::number(estimate - reference) + ',' + (male ? QByteArray::number(estimate) + ',' : ',' + QByteArray::number(estimate)) + '\n';
        }
        const QString predictions = writeTestFile(dir, "predictions.csv", csv);
        QDir(dir.path()).mkpath("models");
        const QString models = dir.filePath("models");
        QVERIFY(QFile::link(kMale, models + "/2mnet-compact-w50-male"));
        QVERIFY(QFile::link(kFemale, models + "/2mnet-compact-w50-female"));
        QVERIFY(QFile::link(kSource + "/models/hand-landmarks-128px", models + "/hand-landmarks-128px"));
        const QString file = models + "/ensemble.json";
        const CommandResult fit = runBoneage({"ensemble", "fit", "--predictions", predictions, "--model", kMale, "--model", kFemale, "--out", file});
        QVERIFY2(fit.status == 0, qPrintable(why(fit)));
        QVERIFY2(fit.out.contains("measured coverage"), qPrintable(why(fit)));
        const QJsonObject fitted = QJsonDocument::fromJson([&] { QFile f(file); f.open(QIODevice::ReadOnly); return f.readAll(); }()).object();
        QCOMPARE(fitted["format"].toString(), QStringLiteral("boneage-ensemble-1"));
        const double coverage = fitted["measured"].toObject()["coverage"].toDouble();
        QVERIFY2(coverage > 0.85 && coverage < 0.95, qPrintable(QString::number(coverage)));
        // An existing file is not replaced without --overwrite.
        const CommandResult again = runBoneage({"ensemble", "fit", "--predictions", predictions, "--model", kMale, "--model", kFemale, "--out", file});
        QVERIFY2(again.status != 0, qPrintable(why(again)));
        QVERIFY(runBoneage({"ensemble", "show", file}).out.contains("interval"));

        const CommandResult a = runBoneage({"assess", kSource + "/resources/samples/sample-1491.dcm", "--models", models, "--json", "--no-tta"});
        QVERIFY2(a.status == 0, qPrintable(why(a)));
        const QJsonObject j = QJsonDocument::fromJson(a.out).object();
        const QJsonObject interval = j["interval"].toObject();
        const double boneAge = j["models"].toArray().at(0).toObject()["bone_age_months"].toDouble();
        QVERIFY2(interval["lower_months"].toDouble() < boneAge && boneAge < interval["upper_months"].toDouble(), a.out.constData());
        QCOMPARE(j["review_required"].toBool(), false);
        const CommandResult wide = runBoneage({"assess", kSource + "/resources/samples/sample-1491.dcm", "--models", models, "--json", "--no-tta",
                                               "--max-interval-months", "5"});
        QVERIFY2(wide.status == 0, qPrintable(why(wide)));
        const QJsonObject w = QJsonDocument::fromJson(wide.out).object();
        QCOMPARE(w["review_required"].toBool(), true);
        QCOMPARE(w["review"].toArray().at(0).toObject()["code"].toString(), QStringLiteral("interval_too_wide"));

        // evaluate --models DIR: what assess computes from DIR (the fitted ensemble, its interval, the
        // flags), the command line as written, with --json.
        const QString labels = writeTestFile(dir, "labels-models.csv", "id,boneage,male\nsample-1491,48,True\nsample-1405,120,False\n");
        const CommandResult ev = runBoneage({"evaluate", "--models", models, "--images", kSource + "/resources/samples", "--labels", labels,
                                             "--report", dir.filePath("report-models"), "--json", "--max-interval-months", "5"});
        QVERIFY2(ev.status == 0, qPrintable(why(ev)));
        const QJsonObject e = QJsonDocument::fromJson(ev.out).object();
        QCOMPARE(e["count"].toInt(), 2);
        QVERIFY2(e["interval"].toObject().contains("coverage"), ev.out.constData());
        QCOMPARE(e["flagged"].toObject()["cases"].toInt(), 2);
        QCOMPARE(e["flagged"].toObject()["interval_too_wide"].toInt(), 2);   // every interval is wider than 5 months
        QCOMPARE(e["flagged"].toObject()["share"].toDouble(), 1.0);
        QVERIFY(runBoneage({"evaluate", "--models", models, "--model", kMale, "--images", kSource + "/resources/samples", "--labels", labels})
                    .status == 2);   // one or the other

        // Wrong input, each refused with what to do and nothing written.
        const QString noColumn = writeTestFile(dir, "no-column.csv", "id,male,reference_months\n1,1,100\n");
        const CommandResult missing = runBoneage({"ensemble", "fit", "--predictions", noColumn, "--model", kMale, "--out", dir.filePath("x.json")});
        QCOMPARE(missing.status, 1);
        QVERIFY2(missing.err.contains("no column 'estimate_2mnet-compact-w50-male'") && missing.err.contains("evaluate"), qPrintable(why(missing)));
        const QString badNumber = writeTestFile(dir, "bad-number.csv", "id,male,reference_months,estimate_2mnet-compact-w50-male\n1,1,abc,100\n");
        const CommandResult bad = runBoneage({"ensemble", "fit", "--predictions", badNumber, "--model", kMale, "--out", dir.filePath("x.json")});
        QCOMPARE(bad.status, 1);
        QVERIFY2(bad.err.contains("line 2"), qPrintable(why(bad)));
        const CommandResult level = runBoneage({"ensemble", "fit", "--predictions", predictions, "--model", kMale, "--model", kFemale,
                                                "--nominal", "2", "--out", dir.filePath("x.json")});
        QCOMPARE(level.status, 1);
        QVERIFY2(level.err.contains("between 0.5 and 0.995"), qPrintable(why(level)));
        QVERIFY(!QFile::exists(dir.filePath("x.json")));
        QCOMPARE(runBoneage({"assess", kSource + "/resources/samples/sample-1491.dcm", "--models", models, "--max-interval-months", "0"}).status, 2);

        // A broken file costs the interval, not the assessment, and says why.
        QFile::remove(file);
        writeTestFile(dir, "models/ensemble.json", "{\"format\": \"boneage-ensemble-1\"");
        const CommandResult broken = runBoneage({"assess", kSource + "/resources/samples/sample-1491.dcm", "--models", models, "--json", "--no-tta"});
        QVERIFY2(broken.status == 0, qPrintable(why(broken)));
        QVERIFY2(broken.err.contains("no interval") && broken.err.contains("ensemble fit"), qPrintable(why(broken)));
        QVERIFY(QJsonDocument::fromJson(broken.out).object()["interval"].isNull());
    }
};

QTEST_GUILESS_MAIN(TestBoneageEnsemble)
#include "tst_boneage_ensemble.moc"
