// `boneage prepare` on the bundled samples: a cache the trainer can read, skipped images listed,
// bad label rows named by line.
#include "training/DatasetCache.h"

#include "BoneageCommand.h"

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
};

QTEST_GUILESS_MAIN(TestBoneagePrepare)
#include "tst_boneage_prepare.moc"
