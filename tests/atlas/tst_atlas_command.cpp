// `boneage atlas build` and `boneage atlas list` on the bundled samples, and their error messages.
#include "BoneageCommand.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestAtlasCommand : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    using Result = CommandResult;
    static Result run(const QStringList& args) { return runBoneage(args); }
    QString writeFile(const char* name, const QByteArray& content) { return writeTestFile(dir, name, content); }
    static QString samples() { return BONEAGE_SOURCE_DIR "/resources/samples"; }

private slots:
    void buildsAndListsAnAtlas()
    {
        const QString csv = writeFile("labels.csv", "id,boneage,male\nsample-1402,24,False\nsample-1491,48,True\n"
                                                    "sample-1405,120,False\nsample-1855,186,True\nsample-1417,162,True\n"
                                                    "missing-7,90,True\n");
        const QString notice = writeFile("NOTICE.md", "terms\n");
        const QString out = dir.filePath("atlas");
        Result r = run({"atlas", "build", "--images", samples(), "--labels", csv, "--out", out, "--max-side", "200",
                        "--source", "RSNA case {id}", "--include", notice});
        QVERIFY2(r.status == 0, r.err.constData());
        QVERIFY2(r.out.contains("5 plates (3 M, 2 F) from 5 films"), r.out.constData());
        QVERIFY2(r.err.contains("skipped missing-7"), r.err.constData());
        QVERIFY(QFile::exists(out + "/atlas.json"));
        QVERIFY(QFile::exists(out + "/NOTICE.md"));
        QVERIFY(QFile::exists(out + "/M-048.png"));

        r = run({"atlas", "list", out});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains("M 4 y 0 m (48 months)") && r.out.contains("RSNA case sample-1491"), r.out.constData());
        QVERIFY(r.out.contains("F 10 y 0 m (120 months)"));

        r = run({"atlas", "list", out, "--json"});
        QCOMPARE(r.status, 0);
        const QJsonObject manifest = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(manifest["format"].toString(), QString("boneage-atlas-1"));
        QCOMPARE(manifest["plates"].toArray().size(), 5);
        // No absolute path of this machine in the manifest.
        QFile m(out + "/atlas.json");
        QVERIFY(m.open(QIODevice::ReadOnly));
        QVERIFY(!m.readAll().contains(dir.path().toUtf8()));
    }

    void errorsAreMessages()
    {
        Result r = run({"atlas", "build", "--images", samples()});
        QCOMPARE(r.status, 2);
        QVERIFY(r.err.contains("--images, --labels and --out are required"));
        r = run({"atlas", "list", dir.filePath("nothing-here")});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("no such atlas folder"), r.err.constData());
        r = run({"atlas", "frobnicate"});
        QCOMPARE(r.status, 2);
        QVERIFY(r.err.contains("unknown atlas subcommand"));
        const QString bad = writeFile("bad.csv", "id,boneage,male\nsample-1402,abc,False\n");
        r = run({"atlas", "build", "--images", samples(), "--labels", bad, "--out", dir.filePath("x")});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("bad.csv:2"), r.err.constData());
        QVERIFY(!QDir(dir.filePath("x")).exists());
        r = run({"atlas", "--help"});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.contains("NOT the Greulich-Pyle atlas"));
    }
};

QTEST_GUILESS_MAIN(TestAtlasCommand)
#include "tst_atlas_command.moc"
