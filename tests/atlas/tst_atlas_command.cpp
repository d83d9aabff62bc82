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

    // The output policy (docs/outputs.md): an earlier atlas is replaced only with --overwrite (its
    // --include files may live in it); a folder holding anything else, or a file, never; the
    // output is never the images folder.
    void outputPolicy()
    {
        const QString csv = writeFile("policy.csv", "id,boneage,male\nsample-1491,48,True\nsample-1405,120,False\n");
        const QString out = dir.filePath("policy-atlas");
        const QStringList build = {"atlas", "build", "--images", samples(), "--labels", csv, "--max-side", "64", "--out", out};
        QVERIFY(QDir().mkpath(out + "/sub"));
        writeFile("policy-atlas/notes.txt", "mine");
        writeFile("policy-atlas/sub/more.txt", "mine too");
        const auto foreign = folderSnapshot(out);
        for (const bool overwrite : {false, true}) {
            const Result r = run(overwrite ? build + QStringList{"--overwrite"} : build);
            QCOMPARE(r.status, 1);
            QVERIFY2(r.err.contains("not part of an atlas") && r.err.contains("'notes.txt'"), r.err.constData());
            QCOMPARE(folderSnapshot(out), foreign);
        }
        QVERIFY(QDir(out).removeRecursively());

        const QString notice = writeFile("POLICY-NOTICE.md", "terms\n");
        Result r = run(build + QStringList{"--include", notice});
        QVERIFY2(r.status == 0, r.err.constData());
        const auto first = folderSnapshot(out);
        r = run(build + QStringList{"--include", notice});
        QVERIFY2(r.status == 1 && r.err.contains("holds an atlas from an earlier run") && r.err.contains("--overwrite"), r.err.constData());
        QCOMPARE(folderSnapshot(out), first);
        // Rebuilt in place with the notice that lives in the old atlas: read before the swap.
        r = run(build + QStringList{"--include", out + "/POLICY-NOTICE.md", "--max-side", "32", "--overwrite"});
        QVERIFY2(r.status == 0, r.err.constData());
        QVERIFY(QFile::exists(out + "/POLICY-NOTICE.md"));
        QVERIFY(folderSnapshot(out) != first);   // smaller plates
        QVERIFY(hiddenEntries(dir.path()).isEmpty());

        const QString file = writeFile("atlas-as-file", "x");
        r = run({"atlas", "build", "--images", samples(), "--labels", csv, "--out", file, "--overwrite"});
        QVERIFY2(r.status == 1 && r.err.contains("is a file, not a folder"), r.err.constData());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("x"));
        const QString images = dir.filePath("policy-images");   // links, so the sources are never at stake
        QVERIFY(QDir().mkpath(images));
        for (const char* id : {"sample-1491", "sample-1405"})
            QVERIFY(QFile::link(samples() + "/" + id + ".dcm", images + "/" + id + ".dcm"));
        const auto linked = folderSnapshot(images);
        r = run({"atlas", "build", "--images", images, "--labels", csv, "--out", images, "--overwrite"});
        QVERIFY2(r.status == 1 && r.err.contains("is the --images input"), r.err.constData());
        QCOMPARE(folderSnapshot(images), linked);
    }
};

QTEST_GUILESS_MAIN(TestAtlasCommand)
#include "tst_atlas_command.moc"
