// `boneage prepare` on the bundled samples: a cache the trainer can read, skipped images listed,
// bad label rows named by line, label files as spreadsheets save them, and the output policy
// (docs/outputs.md): nothing that is not a cache is ever replaced, a cache only with --overwrite.
#include "training/DatasetCache.h"

#include "BoneageCommand.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestBoneagePrepare : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    using Result = CommandResult;
    static Result run(const QStringList& args) { return runBoneage(args); }
    QString writeCsv(const char* name, const QByteArray& content) { return writeTestFile(dir, name, content); }
    static QString samples() { return BONEAGE_SOURCE_DIR "/resources/samples"; }

private slots:
    void preparesTheSamples()
    {
        const QString csv = writeCsv("labels.csv", "id,boneage,male\nsample-1402,24,False\nsample-1855,186,True\n"
                                                   "sample-1417,162,True\nmissing-9,100,False\n");
        const QString out = dir.filePath("cache");
        const Result r = run({"prepare", "--images", samples(), "--labels", csv, "--recipe", "hand-clahe-256", "--out", out});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.err.contains("skipped missing-9"), r.err.constData());
        const auto cache = boneage::DatasetCache::open(out.toStdString());
        QCOMPARE(cache.size(), size_t(3));
        QCOMPARE(cache.width(), 256);
        QCOMPARE(cache.sample(1).id, std::string("sample-1855"));
        QCOMPARE(cache.sample(1).boneAgeMonths, 186.0f);
        QVERIFY(cache.sample(1).male);
        QVERIFY(QString::fromStdString(cache.recipeJson()).contains("hand-clahe-256"));
        // A prepared hand is not a blank image.
        const std::uint8_t* px = cache.image(0);
        double mean = 0;
        for (int i = 0; i < 256 * 256; ++i) mean += px[i];
        mean /= 256 * 256;
        QVERIFY(mean > 20 && mean < 235);
    }

    // --jobs: films prepared side by side (each worker with its own landmark model) give the cache
    // of one film at a time, byte for byte, in the label file's order, a missing film skipped in place;
    // the output's "jobs" is the number of workers that ran.
    void parallelWorkersGiveTheSameCache()
    {
        const QString csv = writeCsv("jobs.csv", "id,boneage,male\nsample-1402,24,False\nmissing-7,50,True\nsample-1855,186,True\n"
                                                 "sample-1417,162,True\nsample-1491,50,False\nsample-1405,130,True\n");
        QByteArray first[3];
        const char* files[] = {"images.u8", "samples.csv", "cache.txt"};
        // --jobs 8 on six films: six workers (no landmark model loaded for a worker without a film).
        const char* const runs[][2] = {{"1", "1"}, {"3", "3"}, {"8", "6"}};
        for (const auto& jobsAndWorkers : runs) {
            const char* jobs = jobsAndWorkers[0];
            const QString out = dir.filePath(QString("jobs-cache-%1").arg(jobs));
            const Result r = run({"prepare", "--images", samples(), "--labels", csv, "--recipe", "hand-box-100", "--out", out, "--jobs", jobs});
            QVERIFY2(r.status == 0, r.err.constData());
            QVERIFY2(r.err.contains("skipped missing-7 (line 3)"), r.err.constData());
            QVERIFY2(r.out.contains(QByteArray("\"jobs\":") + jobsAndWorkers[1]), r.out.constData());
            const auto cache = boneage::DatasetCache::open(out.toStdString());
            QCOMPARE(cache.size(), size_t(5));
            QCOMPARE(cache.sample(1).id, std::string("sample-1855"));
            QCOMPARE(cache.sample(4).id, std::string("sample-1405"));
            for (int i = 0; i < 3; ++i) {
                QFile f(out + "/" + files[i]);
                QVERIFY2(f.open(QIODevice::ReadOnly), files[i]);
                const QByteArray bytes = f.readAll();
                if (QByteArray(jobs) == "1") first[i] = bytes;
                else QVERIFY2(bytes == first[i], files[i]);
            }
        }
        QVERIFY(!first[0].isEmpty());
        const Result bad = run({"prepare", "--images", samples(), "--labels", csv, "--recipe", "hand-box-100", "--out",
                                dir.filePath("jobs-bad"), "--jobs", "0"});
        QCOMPARE(bad.status, 2);
        QVERIFY2(bad.err.contains("--jobs"), bad.err.constData());
    }

    void badRowsAreNamed()
    {
        const QString out = dir.filePath("bad-cache");
        const QString csv = writeCsv("bad.csv", "id,boneage,male\nsample-1402,24,False\nsample-1855,old,True\n");
        Result r = run({"prepare", "--images", samples(), "--labels", csv, "--recipe", "whole-stretch-100", "--out", out});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("bad.csv:3") && r.err.contains("'old'"), r.err.constData());
        QVERIFY(!QFile::exists(out));
        const QString header = writeCsv("header.csv", "name,age\nx,1\n");
        r = run({"prepare", "--images", samples(), "--labels", header, "--recipe", "whole-stretch-100", "--out", out});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("header.csv:1"), r.err.constData());
        const QString sex = writeCsv("sex.csv", "id,boneage,male\nsample-1402,24,maybe\n");
        r = run({"prepare", "--images", samples(), "--labels", sex, "--recipe", "whole-stretch-100", "--out", out});
        QVERIFY2(r.status == 1 && r.err.contains("sex.csv:2"), r.err.constData());
        r = run({"prepare", "--images", samples(), "--labels", csv, "--recipe", "no-such-recipe", "--out", out});
        QCOMPARE(r.status, 2);
    }

    // A spreadsheet's "CSV UTF-8": a byte order mark and CRLF line ends.
    void labelsWithByteOrderMarkAndCrlf()
    {
        const QString csv = writeCsv("excel.csv", "\xEF\xBB\xBFid,boneage,male\r\nsample-1402,24,False\r\n"
                                                  "sample-1855,186,True\r\n\r\n");
        const QString out = dir.filePath("excel-cache");
        const Result r = run({"prepare", "--images", samples(), "--labels", csv, "--recipe", "whole-stretch-100", "--out", out});
        QVERIFY2(r.status == 0, r.err.constData());
        const auto cache = boneage::DatasetCache::open(out.toStdString());
        QCOMPARE(cache.size(), size_t(2));
        QCOMPARE(cache.sample(0).id, std::string("sample-1402"));
        QVERIFY(!cache.sample(0).male);
        QVERIFY(cache.sample(1).male);   // "True\r" read as True
    }

    // One film, one label: an id on two rows with different labels is an error naming both lines;
    // with the same labels it is used once, with a warning.
    void duplicateIds()
    {
        const QString conflict = writeCsv("conflict.csv", "id,boneage,male\nsample-1402,24,False\nsample-1855,186,True\n"
                                                          "sample-1402,30,False\n");
        const QString out = dir.filePath("dup-cache");
        Result r = run({"prepare", "--images", samples(), "--labels", conflict, "--recipe", "whole-stretch-100", "--out", out});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("conflict.csv:4") && r.err.contains("sample-1402") && r.err.contains("line 2") &&
                     r.err.contains("24 months") && r.err.contains("30 months"),
                 r.err.constData());
        QVERIFY(!QFile::exists(out));
        const QString sex = writeCsv("sex-conflict.csv", "id,boneage,male\nsample-1402,24,False\nsample-1402,24,True\n");
        r = run({"prepare", "--images", samples(), "--labels", sex, "--recipe", "whole-stretch-100", "--out", out});
        QVERIFY2(r.status == 1 && r.err.contains("sex-conflict.csv:3") && r.err.contains("line 2"), r.err.constData());

        const QString same = writeCsv("same.csv", "id,boneage,male\nsample-1402,24,False\nsample-1855,186,True\n"
                                                  "sample-1402,24.0,False\n");
        r = run({"prepare", "--images", samples(), "--labels", same, "--recipe", "whole-stretch-100", "--out", out});
        QVERIFY2(r.status == 0, r.err.constData());
        QVERIFY2(r.err.contains("warning: ") && r.err.contains("same.csv:4") && r.err.contains("repeats line 2"), r.err.constData());
        QCOMPARE(boneage::DatasetCache::open(out.toStdString()).size(), size_t(2));
    }

    // A folder holding anything but a cache is never replaced, --overwrite or not; every file in
    // it, subfolders included, is left as it was.
    void foreignFolderIsRefusedAndUntouched()
    {
        const QString csv = writeCsv("two.csv", "id,boneage,male\nsample-1402,24,False\nsample-1855,186,True\n");
        const QString mine = dir.filePath("mine");
        QVERIFY(QDir().mkpath(mine + "/sub/deeper"));
        writeTestFile(dir, "mine/notes.txt", "my notes");
        writeTestFile(dir, "mine/.hidden", "hidden");
        writeTestFile(dir, "mine/sub/deeper/data.bin", QByteArray(5000, '\x7f'));
        const auto before = folderSnapshot(mine);
        for (const bool overwrite : {false, true}) {
            QStringList args = {"prepare", "--images", samples(), "--labels", csv, "--recipe", "whole-stretch-100", "--out", mine};
            if (overwrite) args << "--overwrite";
            const Result r = run(args);
            QCOMPARE(r.status, 1);
            QVERIFY2(r.err.contains("--out " + mine.toUtf8()) && r.err.contains("not part of a dataset cache") &&
                         r.err.contains("Nothing was changed"),
                     r.err.constData());
            QCOMPARE(folderSnapshot(mine), before);
            QVERIFY(hiddenEntries(dir.path()).isEmpty());
        }
        // A cache folder with a file of someone else's added is no longer only a cache.
        const QString cache = dir.filePath("cache-plus");
        QCOMPARE(run({"prepare", "--images", samples(), "--labels", csv, "--recipe", "whole-stretch-100", "--out", cache}).status, 0);
        writeTestFile(dir, "cache-plus/README.txt", "about this cache");
        const auto withReadme = folderSnapshot(cache);
        const Result r = run({"prepare", "--images", samples(), "--labels", csv, "--recipe", "whole-stretch-100", "--out", cache, "--overwrite"});
        QVERIFY2(r.status == 1 && r.err.contains("'README.txt'"), r.err.constData());
        QCOMPARE(folderSnapshot(cache), withReadme);
    }

    void existingFileIsRefusedAndUntouched()
    {
        const QString csv = writeCsv("one.csv", "id,boneage,male\nsample-1402,24,False\n");
        const QString file = writeTestFile(dir, "results.xlsx", "a spreadsheet");
        for (const bool overwrite : {false, true}) {
            QStringList args = {"prepare", "--images", samples(), "--labels", csv, "--recipe", "whole-stretch-100", "--out", file};
            if (overwrite) args << "--overwrite";
            const Result r = run(args);
            QCOMPARE(r.status, 1);
            QVERIFY2(r.err.contains("is a file, not a folder"), r.err.constData());
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArray("a spreadsheet"));
        }
    }

    // An earlier cache is replaced only with --overwrite, as a whole and with nothing left beside it.
    void overwriteReplacesAnEarlierCache()
    {
        const QString two = writeCsv("two.csv", "id,boneage,male\nsample-1402,24,False\nsample-1855,186,True\n");
        const QString three = writeCsv("three.csv", "id,boneage,male\nsample-1402,24,False\nsample-1855,186,True\n"
                                                    "sample-1405,120,False\n");
        const QString out = dir.filePath("again");
        QCOMPARE(run({"prepare", "--images", samples(), "--labels", two, "--recipe", "whole-stretch-100", "--out", out}).status, 0);
        const auto first = folderSnapshot(out);
        Result r = run({"prepare", "--images", samples(), "--labels", three, "--recipe", "whole-stretch-100", "--out", out});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("holds a dataset cache from an earlier run") && r.err.contains("--overwrite"), r.err.constData());
        QCOMPARE(folderSnapshot(out), first);
        r = run({"prepare", "--images", samples(), "--labels", three, "--recipe", "whole-stretch-100", "--out", out, "--overwrite"});
        QVERIFY2(r.status == 0, r.err.constData());
        QCOMPARE(boneage::DatasetCache::open(out.toStdString()).size(), size_t(3));
        QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{"cache.txt", "images.u8", "samples.csv"}));
        QVERIFY(hiddenEntries(dir.path()).isEmpty());
        // An empty folder (e.g. from mktemp -d) needs no --overwrite.
        QVERIFY(QDir().mkpath(dir.filePath("empty")));
        r = run({"prepare", "--images", samples(), "--labels", two, "--recipe", "whole-stretch-100", "--out", dir.filePath("empty")});
        QVERIFY2(r.status == 0, r.err.constData());
    }

    // The output is never an input, nor a folder holding one (replacing it would delete the films).
    void outputIsNotAnInput()
    {
        const QString images = dir.filePath("set/images");
        QVERIFY(QDir().mkpath(images));
        QVERIFY(QFile::link(samples() + "/sample-1402.dcm", images + "/sample-1402.dcm"));
        const QString csv = writeCsv("set-labels.csv", "id,boneage,male\nsample-1402,24,False\n");
        const auto before = folderSnapshot(dir.filePath("set"));
        Result r = run({"prepare", "--images", images, "--labels", csv, "--recipe", "whole-stretch-100", "--out", images, "--overwrite"});
        QVERIFY2(r.status == 1 && r.err.contains("is the --images input"), r.err.constData());
        r = run({"prepare", "--images", images, "--labels", csv, "--recipe", "whole-stretch-100", "--out", dir.filePath("set"), "--overwrite"});
        QVERIFY2(r.status == 1 && r.err.contains("contains the --images input"), r.err.constData());
        QCOMPARE(folderSnapshot(dir.filePath("set")), before);
        r = run({"prepare", "--images", images, "--labels", csv, "--recipe", "whole-stretch-100", "--out", csv, "--overwrite"});
        QVERIFY2(r.status == 1 && r.err.contains("is the --labels input"), r.err.constData());
        QFile labels(csv);
        QVERIFY(labels.open(QIODevice::ReadOnly));
        QCOMPARE(labels.readAll(), QByteArray("id,boneage,male\nsample-1402,24,False\n"));
    }
};

QTEST_GUILESS_MAIN(TestBoneagePrepare)
#include "tst_boneage_prepare.moc"
