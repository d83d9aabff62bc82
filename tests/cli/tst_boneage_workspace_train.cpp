// `boneage workspace train` (issue 16) on a workspace of the bundled samples, reframed ten ways
// (tests/workspace/ReframedSamples.h: 50 read cases, a check set of 30, 20 training cases; no
// ../shared needed). Real jobs in real child processes, short budgets:
//  - every wrong input of the command is refused with a reason, nothing recorded;
//  - a job ends with a finished version: lineage, curves, packages in models/vN, never active;
//  - a second writer during a job is refused (two jobs never write one version);
//  - kill -9 of the job: the version is failed and resumable, --resume finishes it;
//  - kill -9 of the program that follows the job: the job stops by itself, the next start marks the
//    version failed and resumable, --resume finishes it;
//  - a full disk while a checkpoint is written (RLIMIT_FSIZE): failed with the reason, no package,
//    the registry consistent, the active model and the earlier versions untouched.
#include "BoneageCommand.h"
#include "../workspace/ReframedSamples.h"

#include "workspace/ModelRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>

#include <signal.h>
#include <sys/resource.h>

namespace {

QJsonObject json(const QByteArray& out)
{
    // The summary is the last JSON document printed (progress goes to the job's log, not here).
    const int start = out.lastIndexOf("\n{\n");
    const QJsonDocument d = QJsonDocument::fromJson(start >= 0 ? out.mid(start + 1) : out);
    if (!d.isObject()) qWarning() << "not JSON:" << out.right(2000);
    return d.object();
}

// The process whose command line holds all of `needles` (the job's child), or 0.
qint64 findProcess(const QStringList& needles)
{
    for (const QString& entry : QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok) continue;
        QFile cmd("/proc/" + entry + "/cmdline");
        if (!cmd.open(QIODevice::ReadOnly)) continue;
        const QByteArray line = cmd.readAll().replace('\0', ' ');
        if (std::all_of(needles.begin(), needles.end(), [&](const QString& n) { return line.contains(n.toUtf8()); }))
            return pid;
    }
    return 0;
}

} // namespace

class TestBoneageWorkspaceTrain : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    QString ws;

    static CommandResult workspace(QStringList args)
    {
        args.prepend("workspace");
        return runBoneage(args);
    }
    QJsonObject versionOf(int number)
    {
        const CommandResult r = workspace({"models", ws, "--json"});
        for (const QJsonValue v : json(r.out)["versions"].toArray())
            if (v["version"].toInt() == number) return v.toObject();
        return {};
    }
    // Starts `workspace train` and waits until the job has written its first checkpoint.
    void startAndWaitForCheckpoint(QProcess& p, const QStringList& args, const QString& jobDir)
    {
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(BONEAGE_EXE, QStringList{"workspace", "train", ws} + args);
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(jobDir + "/out").entryList({"*"}, QDir::Dirs | QDir::NoDotAndDotDot).isEmpty() &&
                                     QFile::exists(jobDir + "/out/" +
                                                   QDir(jobDir + "/out").entryList(QDir::Dirs | QDir::NoDotAndDotDot).first() +
                                                   "/checkpoint.pt"),
                                 300000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp.isValid());
        ws = tmp.filePath("ws");
        boneage::Workspace::init(ws.toStdString());
        auto w = boneage::Workspace::open(ws.toStdString(), boneage::Workspace::Access::ReadWrite);
        QCOMPARE(boneage::test::importReframedSamples(*w, BONEAGE_SOURCE_DIR "/resources/samples",
                                                      tmp.filePath("reframed").toStdString()),
                 50);
    }

    void wrongInputsAreRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("says");
        const QString models = BONEAGE_SOURCE_DIR "/models";
        QTest::newRow("no base") << QStringList{} << 2 << "--base";
        QTest::newRow("no such base") << QStringList{"--base", tmp.filePath("nothing")} << 1 << "no such model package";
        QTest::newRow("not a package") << QStringList{"--base", tmp.filePath("reframed")} << 1 << "no bone age model package";
        QTest::newRow("landmarks from a bone-age base") << QStringList{"--base", models + "/2mnet-compact-w50-male", "--what", "landmarks"}
                                                       << 1 << "is a bone age model package";
        QTest::newRow("bone age from a landmark base") << QStringList{"--base", models + "/hand-landmarks-128px"} << 1
                                                      << "is a hand landmark package";
        QTest::newRow("landmarks without corrected hands") << QStringList{"--base", models, "--what", "landmarks"} << 1 << "too few hands";
        QTest::newRow("what") << QStringList{"--base", models, "--what", "teeth"} << 1 << "bone-age or landmarks";
        QTest::newRow("recipe") << QStringList{"--base", models, "--recipe", "magic"} << 1 << "fine-tune or full";
        QTest::newRow("device") << QStringList{"--base", models, "--device", "tpu"} << 1 << "cpu or cuda";
        QTest::newRow("minutes zero") << QStringList{"--base", models, "--minutes", "0"} << 1 << "time budget";
        QTest::newRow("minutes text") << QStringList{"--base", models, "--minutes", "soon"} << 2 << "minutes";
        QTest::newRow("epochs") << QStringList{"--base", models, "--epochs", "0"} << 1 << "epochs";
        QTest::newRow("no such version base") << QStringList{"--base", "v42"} << 2 << "no finished model version";
        QTest::newRow("resume text") << QStringList{"--resume", "latest"} << 2 << "version number";
        QTest::newRow("resume missing") << QStringList{"--resume", "42"} << 1 << "no model version 42";
        QTest::newRow("unknown option") << QStringList{"--base", models, "--turbo"} << 2 << "turbo";
    }
    void wrongInputsAreRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        QFETCH(QString, says);
        const CommandResult r = workspace(QStringList{"train", ws} + args);
        QVERIFY2(r.status == status, qPrintable(QString::number(r.status) + " " + r.err));
        QVERIFY2(r.err.contains(says.toUtf8()), r.err.constData());
        QCOMPARE(json(workspace({"models", ws, "--json"}).out)["versions"].toArray().size(), 0);
        QVERIFY(!QDir(ws + "/jobs").exists() || QDir(ws + "/jobs").isEmpty());
    }

    // The job's own command (what the workstation and `train` start): wrong folders are refused.
    void runJobRefusesWhatIsNotAJob()
    {
        QCOMPARE(runBoneage({"workspace", "run-job"}).status, 2);
        const CommandResult none = runBoneage({"workspace", "run-job", tmp.filePath("reframed")});
        QCOMPARE(none.status, 2);
        QVERIFY2(none.err.contains("no job here"), none.err.constData());
        QDir().mkpath(tmp.filePath("fake-job"));
        writeTestFile(tmp, "fake-job/job.json", "{\"format\": \"something else\"}");
        const CommandResult fake = runBoneage({"workspace", "run-job", tmp.filePath("fake-job")});
        QCOMPARE(fake.status, 1);
        QVERIFY2(fake.err.contains("not a job plan"), fake.err.constData());
        QVERIFY(!QFile::exists(tmp.filePath("fake-job/result.json")));
    }

    void aJobGivesAFinishedVersion()
    {
        const CommandResult r = workspace({"train", ws, "--base", "installed", "--minutes", "0.2", "--epochs", "2", "--json"});
        QVERIFY2(r.status == 0, r.out.right(3000) + r.err);
        const QJsonObject summary = json(r.out);
        QCOMPARE(summary["version"].toInt(), 1);
        QCOMPARE(summary["state"].toString(), QString("done"));
        QCOMPARE(summary["training_cases"].toInt(), 20);
        QCOMPARE(summary["check_set"]["candidate"]["n"].toInt(), 30);
        const QJsonObject v = versionOf(1);
        QCOMPARE(v["state"].toString(), QString("done"));
        QVERIFY(!v["active"].toBool());   // never promoted by itself
        QCOMPARE(v["base_sha256"].toString().size(), 64);
        QCOMPARE(v["data_hash"].toString().size(), 64);
        QCOMPARE(v["metrics"]["lineage"]["training_case_ids"].toArray().size(), 20);
        QVERIFY(v["command"].toString().contains("workspace train"));
        // Curves: each package has its epochs with a check-set MAE; the check set is none of the training cases.
        const QJsonObject curves = v["curves"].toObject();
        QCOMPARE(curves.size(), 2);
        for (const QJsonValue c : curves) {
            QVERIFY(!c.toArray().isEmpty());
            QVERIFY(c.toArray().first()["check_mae"].toDouble() > 0);
        }
        auto w = boneage::Workspace::open(ws.toStdString(), boneage::Workspace::Access::ReadOnly);
        boneage::ModelRegistry registry(*w);
        const auto check = registry.checkSet();
        for (const QJsonValue id : v["metrics"]["lineage"]["training_case_ids"].toArray())
            QVERIFY(std::find(check.begin(), check.end(), id.toString().toStdString()) == check.end());
        QVERIFY(QFile::exists(ws + "/models/v1/2mnet-compact-w50-male/model.json"));
        QVERIFY(QFile::exists(ws + "/models/v1/2mnet-compact-w50-female/weights.pt"));
        QVERIFY(!QFile::exists(ws + "/models/v1/2mnet-compact-w50-male/checkpoint.pt"));
        // A finished package is a package: `boneage package verify` accepts it.
        QCOMPARE(runBoneage({"package", "verify", ws + "/models/v1/2mnet-compact-w50-male"}).status, 0);
        QVERIFY(!registry.activeVersion());
    }

    void aSecondWriterIsRefusedDuringAJob()
    {
        QProcess first;
        startAndWaitForCheckpoint(first, {"--base", "installed", "--minutes", "0.3", "--epochs", "3"}, ws + "/jobs/v2");
        const CommandResult second = workspace({"train", ws, "--base", "installed", "--minutes", "0.1"});
        QCOMPARE(second.status, 4);
        QVERIFY2(second.err.contains("open in another program"), second.err.constData());
        QVERIFY(first.waitForFinished(300000));
        QCOMPARE(first.exitCode(), 0);
        QCOMPARE(versionOf(2)["state"].toString(), QString("done"));
        QVERIFY(versionOf(3).isEmpty());
    }

    void killingTheJobLeavesAResumableVersion()
    {
        QProcess train;
        startAndWaitForCheckpoint(train, {"--base", "installed", "--minutes", "0.5", "--epochs", "40"}, ws + "/jobs/v3");
        const qint64 job = findProcess({"run-job", ws + "/jobs/v3"});
        QVERIFY(job > 0);
        const CommandResult twice = runBoneage({"workspace", "run-job", ws + "/jobs/v3"});   // its lock is held
        QCOMPARE(twice.status, 1);
        QVERIFY2(twice.err.contains("another process is running this job"), twice.err.constData());
        QCOMPARE(::kill(static_cast<pid_t>(job), SIGKILL), 0);
        QVERIFY(train.waitForFinished(120000));
        QCOMPARE(train.exitCode(), 1);
        const QJsonObject v = versionOf(3);
        QCOMPARE(v["state"].toString(), QString("failed"));
        QVERIFY2(v["message"].toString().contains("signal 9") && v["message"].toString().contains("--resume 3"),
                 qPrintable(v["message"].toString()));
        QVERIFY(!QDir(ws + "/models/v3").exists());
        const CommandResult resumed = workspace({"train", ws, "--resume", "3", "--json"});
        QVERIFY2(resumed.status == 0, resumed.out.right(2000) + resumed.err);
        QCOMPARE(versionOf(3)["state"].toString(), QString("done"));
        QVERIFY(QFile::exists(ws + "/models/v3/2mnet-compact-w50-male/model.json"));
    }

    void killingTheFollowerStopsTheJob()
    {
        QProcess train;
        startAndWaitForCheckpoint(train, {"--base", "installed", "--minutes", "0.5", "--epochs", "40"}, ws + "/jobs/v4");
        const qint64 job = findProcess({"run-job", ws + "/jobs/v4"});
        QVERIFY(job > 0);
        train.kill();   // SIGKILL of the program that holds the workspace and follows the job
        QVERIFY(train.waitForFinished(30000));
        // The job notices (PDEATHSIG), stops after its step and leaves its checkpoint and a result.
        QTRY_VERIFY_WITH_TIMEOUT(findProcess({"run-job", ws + "/jobs/v4"}) == 0, 120000);
        QCOMPARE(versionOf(4)["state"].toString(), QString("running"));   // nobody has recorded it yet
        QVERIFY(!versionOf(4)["job_running"].toBool());
        const CommandResult resumed = workspace({"train", ws, "--resume", "4", "--json"});
        QVERIFY2(resumed.status == 0, resumed.out.right(2000) + resumed.err);
        QCOMPARE(versionOf(4)["state"].toString(), QString("done"));
    }

    void aFullDiskDuringACheckpointFailsCleanly()
    {
        const auto before = folderSnapshot(ws + "/models");
        QProcess train;
        train.setProcessChannelMode(QProcess::MergedChannels);
        // 4 MB may be written per file: the database, the labels and the caches fit, a checkpoint does not.
        train.setChildProcessModifier([] {
            const rlimit limit{4 << 20, 4 << 20};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            ::signal(SIGXFSZ, SIG_IGN);
        });
        train.start(BONEAGE_EXE, {"workspace", "train", ws, "--base", "installed", "--minutes", "0.2", "--epochs", "2", "--json"});
        QVERIFY(train.waitForFinished(300000));
        QCOMPARE(train.exitCode(), 1);
        const QJsonObject v = versionOf(5);
        QCOMPARE(v["state"].toString(), QString("failed"));
        QVERIFY2(v["message"].toString().contains("disk full") || v["message"].toString().contains("File too large"),
                 qPrintable(v["message"].toString()));
        QVERIFY(!QDir(ws + "/models/v5").exists());
        QCOMPARE(folderSnapshot(ws + "/models"), before);   // the earlier versions are untouched
        auto w = boneage::Workspace::open(ws.toStdString(), boneage::Workspace::Access::ReadOnly);
        boneage::ModelRegistry registry(*w);
        QVERIFY(!registry.activeVersion());
        for (int n : {1, 2, 3, 4}) QCOMPARE(registry.version(n)->state, std::string("done"));
    }
};

QTEST_GUILESS_MAIN(TestBoneageWorkspaceTrain)
#include "tst_boneage_workspace_train.moc"
