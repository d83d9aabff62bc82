// The dataset cache: what `boneage prepare` writes is what the trainer reads; damage is reported.
#include "training/DatasetCache.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace boneage;

class TestDatasetCache : public QObject {
    Q_OBJECT
    QTemporaryDir dir;
    std::string path(const char* name) const { return dir.filePath(name).toStdString(); }

    static void writeCache(const std::string& folder, int count)
    {
        DatasetCacheWriter w(folder, 4, 3, "{\"name\":\"test\"}", "unit test");
        for (int i = 0; i < count; ++i) {
            std::vector<std::uint8_t> px(12);
            for (int k = 0; k < 12; ++k) px[size_t(k)] = static_cast<std::uint8_t>(i * 12 + k);
            w.add({"id" + std::to_string(i), 10.5f * i, i % 2 == 0}, px.data());
        }
        w.finish();
    }

private slots:
    void roundTrip()
    {
        writeCache(path("c"), 5);
        const DatasetCache c = DatasetCache::open(path("c"));
        QCOMPARE(c.size(), size_t(5));
        QCOMPARE(c.width(), 4);
        QCOMPARE(c.height(), 3);
        QCOMPARE(c.sample(3).id, std::string("id3"));
        QCOMPARE(c.sample(3).boneAgeMonths, 31.5f);
        QCOMPARE(c.sample(3).male, false);
        QCOMPARE(int(c.image(4)[11]), 4 * 12 + 11);
        QCOMPARE(c.recipeJson(), std::string("{\"name\":\"test\"}"));
    }

    void rewritingReplacesTheWholeFolder()
    {
        writeCache(path("r"), 5);
        writeCache(path("r"), 2);
        QCOMPARE(DatasetCache::open(path("r")).size(), size_t(2));
        // No temporary or old folders are left beside it.
        const QStringList left = QDir(dir.path()).entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
        for (const QString& name : left) QVERIFY2(!name.startsWith("."), qPrintable(name));
    }

    // The writer never deletes what it did not write: a folder with other files in it is left as
    // it was, and the half-built cache is gone (no temporary beside it either).
    void foreignFolderIsNotReplaced()
    {
        QVERIFY(QDir().mkpath(dir.filePath("mine/sub")));
        QFile note(dir.filePath("mine/sub/note.txt"));
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.write("keep me");
        note.close();
        try {
            writeCache(path("mine"), 2);
            QFAIL("a folder with other files was replaced");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("'sub'") && QString(e.what()).contains("not part of a dataset cache"), e.what());
        }
        QVERIFY(note.open(QIODevice::ReadOnly));
        QCOMPARE(note.readAll(), QByteArray("keep me"));
        QCOMPARE(QDir(dir.filePath("mine")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{"sub"});
        for (const QString& name : QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
            QVERIFY2(!name.startsWith(".mine."), qPrintable(name));
    }

    // Samples stream to a temporary beside the folder; a writer dropped before finish() removes it.
    void unfinishedWriterLeavesNothing()
    {
        {
            DatasetCacheWriter w(path("gone"), 4, 3, "{}", "unit test");
            const std::vector<std::uint8_t> px(12, 7);
            CacheSample sample;
            sample.id = "a";
            w.add(sample, px.data());
            bool temporarySeen = false;
            for (const QString& name : QDir(dir.path()).entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot))
                temporarySeen = temporarySeen || name.startsWith(".gone.tmp-");
            QVERIFY(temporarySeen);
            QVERIFY(!QFile::exists(dir.filePath("gone")));
        }
        for (const QString& name : QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
            QVERIFY2(!name.startsWith(".gone.") && name != "gone", qPrintable(name));
    }

    void damageIsReported()
    {
        writeCache(path("d"), 3);
        QFile bin(dir.filePath("d/images.u8"));
        QVERIFY(bin.resize(20));
        try {
            DatasetCache::open(path("d"));
            QFAIL("a truncated cache was accepted");
        } catch (const CacheError& e) {
            QVERIFY2(QString(e.what()).contains("damaged"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(CacheError, DatasetCache::open(path("nothing-here")));
        writeCache(path("e"), 3);
        QFile csv(dir.filePath("e/samples.csv"));
        QVERIFY(csv.open(QIODevice::Append));
        csv.write("3,id3,abc,1\n");
        csv.close();
        try {
            DatasetCache::open(path("e"));
            QFAIL("a bad row was accepted");
        } catch (const CacheError& e) {
            QVERIFY2(QString(e.what()).contains("samples.csv:5"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestDatasetCache)
#include "tst_dataset_cache.moc"
