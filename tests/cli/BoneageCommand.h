#pragma once
// Running the `boneage` command (BONEAGE_EXE) from a test: its exit status and both outputs, and the
// small input files such a test writes.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

struct CommandResult {
    int status;
    QByteArray out, err;
};

inline CommandResult runBoneage(const QStringList& args)
{
    QProcess p;
    p.start(BONEAGE_EXE, args);
    if (!p.waitForFinished(120000)) return {-1, {}, "timeout"};
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

inline QString writeTestFile(const QTemporaryDir& dir, const char* name, const QByteArray& content)
{
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return f.fileName();
}
