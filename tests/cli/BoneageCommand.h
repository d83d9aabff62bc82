#pragma once
// Running the `boneage` command (BONEAGE_EXE) from a test: its exit status and both outputs, the
// small input files such a test writes, and what a folder holds (to show a command left it alone).
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
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

// Every file and folder below `root` (hidden ones too), by relative path: a file's content, or
// "<folder>". Two equal snapshots: nothing was added, removed or changed.
inline QMap<QString, QByteArray> folderSnapshot(const QString& root)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        files[QDir(root).relativeFilePath(path)] = it.fileInfo().isDir() ? QByteArray("<folder>")
                                                   : f.open(QIODevice::ReadOnly) ? f.readAll()
                                                                                 : QByteArray("<unreadable>");
    }
    return files;
}

// The entries of `folder` whose name starts with '.': temporaries a command left behind.
inline QStringList hiddenEntries(const QString& folder)
{
    QStringList hidden;
    for (const QString& name : QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
        if (name.startsWith('.')) hidden << name;
    return hidden;
}
