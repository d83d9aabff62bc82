// core/common: temporaries that killed writers leave are cleared (and only those), a swap that is
// refused leaves the old folder as it was, and the output checks of every command (OutputPath.h).
#include "common/AtomicFile.h"
#include "common/OutputPath.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <limits>

using namespace boneage;

namespace {

// The PID of a process that has exited and been reaped: nobody runs under it (for the moment).
pid_t deadPid()
{
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

void writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

template <typename F> QString refusal(F f)
{
    try {
        f();
    } catch (const OutputRefused& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT

private slots:
    void temporariesOfDeadWritersAreCleared()
    {
        QTemporaryDir dir;
        const QString pid = QString::number(deadPid());
        writeFile(dir.filePath("out.txt"), "previous");
        writeFile(dir.filePath(".out.txt.tmp-" + pid + "-12345"), "half written");
        QVERIFY(QDir().mkpath(dir.filePath(".cache.tmp-" + pid + "-7")));
        writeFile(dir.filePath(".cache.tmp-" + pid + "-7/cache.txt"), "format=boneage-cache-1\n");

        writeTextAtomically(dir.filePath("out.txt").toStdString(), "new");   // clears the file's temporaries only
        QCOMPARE(readFile(dir.filePath("out.txt")), QByteArray("new"));
        QVERIFY(!QFile::exists(dir.filePath(".out.txt.tmp-" + pid + "-12345")));
        QVERIFY(QFile::exists(dir.filePath(".cache.tmp-" + pid + "-7/cache.txt")));

        const auto removed = removeStaleTemporaries(dir.filePath("cache").toStdString());
        QCOMPARE(removed.size(), size_t(1));
        QVERIFY(!QFile::exists(dir.filePath(".cache.tmp-" + pid + "-7")));
    }

    void temporariesOfRunningWritersAndOtherNamesAreKept()
    {
        QTemporaryDir dir;
        const QString dead = QString::number(deadPid());
        const QStringList kept = {
            ".x.tmp-" + QString::number(::getpid()) + "-1",   // this process, made after it started
            ".x.tmp-1-2",                                      // init: runs, started long before this temporary
            ".x.tmp-abc-1", ".x.tmp-" + dead, ".x.tmpx-" + dead + "-1",   // not the pattern
            "x.tmp-" + dead + "-1", ".xy.tmp-" + dead + "-1",  // another name
        };
        for (const QString& name : kept) writeFile(dir.filePath(name), "x");
        QVERIFY(removeStaleTemporaries(dir.filePath("x").toStdString()).empty());
        for (const QString& name : kept) QVERIFY2(QFile::exists(dir.filePath(name)), qPrintable(name));
    }

    // A PID that runs again is another process when it started well after the temporary last changed.
    void reusedPidRule()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(temporaryIsStale(false, nan, 1000));
        QVERIFY(temporaryIsStale(true, 1000 + kPidReuseMarginSeconds + 1, 1000));
        QVERIFY(!temporaryIsStale(true, 1000 + kPidReuseMarginSeconds - 1, 1000));
        QVERIFY(!temporaryIsStale(true, 900, 1000));   // started before: may be writing it now
        QVERIFY(!temporaryIsStale(true, nan, 1000));   // start unknown: kept
    }

    // Killed between moving the old folder aside and putting the new one in place: the old comes back.
    void staleOldFolderIsRestoredOrDropped()
    {
        QTemporaryDir dir;
        const QString pid = QString::number(deadPid());
        QVERIFY(QDir().mkpath(dir.filePath(".cache.old-" + pid + "-3")));
        writeFile(dir.filePath(".cache.old-" + pid + "-3/cache.txt"), "previous");
        QVERIFY(QDir().mkpath(dir.filePath(".cache.tmp-" + pid + "-3")));
        removeStaleTemporaries(dir.filePath("cache").toStdString());
        QCOMPARE(readFile(dir.filePath("cache/cache.txt")), QByteArray("previous"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{"cache"});

        QVERIFY(QDir().mkpath(dir.filePath(".cache.old-" + pid + "-4")));   // with a folder in place: only dropped
        removeStaleTemporaries(dir.filePath("cache").toStdString());
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{"cache"});
        QCOMPARE(readFile(dir.filePath("cache/cache.txt")), QByteArray("previous"));
    }

    void refusedSwapLeavesTheOldFolder()
    {
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath("out/sub")));
        writeFile(dir.filePath("out/sub/mine.txt"), "mine");
        try {
            replaceDirectoryAtomically(
                dir.filePath("out").toStdString(),
                [](const std::string& tmp) { std::ofstream(tmp + "/new.txt") << "new"; },
                [](const std::string&) { throw OutputRefused("not ours"); });
            QFAIL("the swap was not refused");
        } catch (const OutputRefused&) {
        }
        QCOMPARE(readFile(dir.filePath("out/sub/mine.txt")), QByteArray("mine"));
        QVERIFY(!QFile::exists(dir.filePath("out/new.txt")));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{"out"});
    }

    void fileOutputs()
    {
        QTemporaryDir dir;
        const std::string in = dir.filePath("in.png").toStdString(), out = dir.filePath("out.png").toStdString();
        writeFile(dir.filePath("in.png"), "input");
        QVERIFY(refusal([&] { checkOutputFile({out, "--x", false, {{"FILE", in}}}); }).isEmpty());
        QVERIFY(refusal([&] { checkOutputFile({in, "--x", true, {{"FILE", in}}}); }).contains("is the FILE input"));
        QVERIFY(QFile::link(dir.filePath("in.png"), dir.filePath("alias.png")));   // the same file by another name
        QVERIFY(refusal([&] { checkOutputFile({dir.filePath("alias.png").toStdString(), "--x", true, {{"FILE", in}}}); })
                    .contains("is the FILE input"));
        writeFile(dir.filePath("out.png"), "earlier");
        QVERIFY(refusal([&] { checkOutputFile({out, "--x", false, {}}); }).contains("add --overwrite"));
        QVERIFY(refusal([&] { checkOutputFile({out, "--x", true, {}}); }).isEmpty());
        QVERIFY(refusal([&] { checkOutputFile({dir.path().toStdString(), "--x", true, {}}); }).contains("is a folder"));
        QVERIFY(refusal([&] { checkOutputFile({dir.filePath("no/such/x.png").toStdString(), "--x", false, {}}); })
                    .contains("does not exist"));
        QCOMPARE(readFile(dir.filePath("out.png")), QByteArray("earlier"));   // checks never write
    }

    void folderOutputs()
    {
        QTemporaryDir dir;
        const FolderOutput cache{"a dataset cache", "cache.txt",
                                 [](const std::string&) { return std::set<std::string>{"cache.txt", "images.u8"}; }};
        const auto check = [&](const QString& name, bool overwrite, std::vector<std::pair<std::string, std::string>> inputs = {}) {
            return refusal([&] { checkOutputFolder({dir.filePath(name).toStdString(), "--out", overwrite, inputs}, cache); });
        };
        QVERIFY(check("new", false).isEmpty());
        QVERIFY(QDir().mkpath(dir.filePath("empty")));
        QVERIFY(check("empty", false).isEmpty());
        QVERIFY(QDir().mkpath(dir.filePath("earlier")));
        writeFile(dir.filePath("earlier/cache.txt"), "c");
        writeFile(dir.filePath("earlier/images.u8"), "i");
        QVERIFY(check("earlier", false).contains("add --overwrite"));
        QVERIFY(check("earlier", true).isEmpty());
        writeFile(dir.filePath("earlier/notes.txt"), "mine");   // now it holds something else too
        QVERIFY2(check("earlier", true).contains("'notes.txt', which is not part of a dataset cache"), qPrintable(check("earlier", true)));
        QVERIFY(QDir().mkpath(dir.filePath("other/sub")));
        QVERIFY(check("other", true).contains("'sub'"));
        writeFile(dir.filePath("file"), "f");
        QVERIFY(check("file", true).contains("is a file, not a folder"));
        QVERIFY(QDir().mkpath(dir.filePath("set/images")));
        QVERIFY(check("set/images", true, {{"--images", dir.filePath("set/images").toStdString()}}).contains("is the --images input"));
        QVERIFY(check("set", true, {{"--images", dir.filePath("set/images/").toStdString()}}).contains("contains the --images input"));
    }

    void namedFilesInAFolder()
    {
        QTemporaryDir dir;
        const std::vector<std::string> names = {"model.json", "weights.pt"};
        const auto check = [&](bool overwrite) {
            return refusal([&] { checkOutputFiles({dir.filePath("m").toStdString(), "--out", overwrite, {}}, names, "or else"); });
        };
        QVERIFY(check(false).isEmpty());
        QVERIFY(QDir().mkpath(dir.filePath("m")));
        writeFile(dir.filePath("m/notes.txt"), "mine");
        QVERIFY(check(false).isEmpty());   // other files do not matter: they are left alone
        writeFile(dir.filePath("m/model.json"), "{}");
        QVERIFY(check(false).contains("'model.json'"));
        QVERIFY(check(false).contains("or else"));
        QVERIFY(check(true).isEmpty());
        QVERIFY(refusal([&] { checkOutputFiles({dir.filePath("m").toStdString(), "--out", true, {{"--data", dir.filePath("m").toStdString()}}}, names); })
                    .contains("is the --data input"));
    }
};

QTEST_APPLESS_MAIN(TestAtomicFile)
#include "tst_atomic_file.moc"
