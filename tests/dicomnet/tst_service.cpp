// Issue 19, the department service: `boneage service` receives films by C-STORE, assesses them with
// the shipped models and sends the SR and the Secondary Capture to a real Orthanc; a film received
// just before a `kill -9` is done after the restart; the same film twice gives the same objects; a
// film that cannot be assessed (no sex, corrupt, no Study Instance UID) lands in failed/ with the
// reason and the next film is done; a port in use is named.
#include "BoneageCommand.h"
#include "OrthancServer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTcpServer>
#include <QtTest>

#include <csignal>

namespace {

// `boneage` as tests/cli/BoneageCommand.h runs it, with its outputs as text.
struct Run {
    int status;
    QString out, err;
};

Run boneage(const QStringList& args)
{
    const CommandResult r = runBoneage(args);
    return {r.status, QString::fromUtf8(r.out), QString::fromUtf8(r.err)};
}

// dcmodify (DCMTK) on a copy, without a .bak beside it.
bool dcmodify(QStringList args)
{
    QProcess p;
    args.prepend(QStringLiteral("-nb"));
    p.start(QStringLiteral("dcmodify"), args);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QString sample(const char* name) { return QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/") + QString::fromLatin1(name); }

} // namespace

class TestService : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    // Starts the service and waits for its "started" line.
    bool start(QProcess& service, const QString& config, QString& said)
    {
        service.setProcessChannelMode(QProcess::MergedChannels);
        service.start(QStringLiteral(BONEAGE_EXE), {QStringLiteral("service"), QStringLiteral("--config"), config});
        if (!service.waitForStarted(30000)) return false;
        QElapsedTimer t;
        t.start();
        while (!said.contains(QStringLiteral("\"event\":\"started\"")) && t.elapsed() < 60000 && service.state() == QProcess::Running) {
            service.waitForReadyRead(500);
            said += QString::fromUtf8(service.readAll());
        }
        return said.contains(QStringLiteral("\"event\":\"started\""));
    }
    // Waits until Orthanc holds `count` instances (the service sent them), reading what the service says.
    int waitForInstances(OrthancServer& orthanc, QProcess& service, QString& said, int count)
    {
        QElapsedTimer t;
        t.start();
        int n = 0;
        while (t.elapsed() < 180000) {
            n = int(orthanc.json(QStringLiteral("/instances")).array().size());
            if (n >= count) break;
            service.waitForReadyRead(500);
            said += QString::fromUtf8(service.readAll());
        }
        return n;
    }

    // Reads what the service says until `what` was said `count` times (or 60 s passed).
    static void waitForSaid(QProcess& service, QString& said, const QString& what, int count)
    {
        QElapsedTimer t;
        t.start();
        while (said.count(what) < count && t.elapsed() < 60000) {
            service.waitForReadyRead(500);
            said += QString::fromUtf8(service.readAll());
        }
    }

private slots:
    void receivesAssessesAndSendsBackAndSurvivesAKill()
    {
        OrthancServer orthanc(QStringLiteral("BONEAGE"));
        QVERIFY2(orthanc.error().isEmpty(), qPrintable(orthanc.error()));
        const int port = OrthancServer::freePort();
        const QString spool = dir.filePath(QStringLiteral("spool")), config = dir.filePath(QStringLiteral("service.json"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral(R"({"spool": "%1", "port": %2, "ae_title": "BONEAGE", "workers": 1, "send_to": "%3",
                                  "models": "%4", "results": ["sr", "sc"], "retry_seconds": 2})")
                    .arg(spool)
                    .arg(port)
                    .arg(orthanc.node(), QStringLiteral(BONEAGE_SOURCE_DIR "/models"))
                    .toUtf8());
        f.close();
        const QString service = QStringLiteral("BONEAGE@127.0.0.1:%1").arg(port);

        QProcess first;
        QString said;
        QVERIFY2(start(first, config, said), qPrintable(said));
        // Two films pushed as a modality would: each gives an SR and an SC in Orthanc.
        Run r = boneage({QStringLiteral("send"), QStringLiteral("--to"), service, sample("sample-1491.dcm"), sample("sample-1405.dcm")});
        QVERIFY2(r.status == 0, qPrintable(r.out + r.err));
        QCOMPARE(waitForInstances(orthanc, first, said, 4), 4);
        // The service says "done" after the PACS has stored what it sent: read on until both are said
        // (a fresh-clone run once read Orthanc's fourth instance before the second "done").
        waitForSaid(first, said, QStringLiteral("\"event\":\"done\""), 2);
        QVERIFY2(said.count(QStringLiteral("\"event\":\"done\"")) == 2, qPrintable(said));

        // A film is received (the sender is told it is stored), then the service is killed before it
        // can finish: after the restart the film is done, nothing lost.
        r = boneage({QStringLiteral("send"), QStringLiteral("--to"), service, sample("sample-1855.dcm")});
        QVERIFY2(r.status == 0, qPrintable(r.out + r.err));
        ::kill(pid_t(first.processId()), SIGKILL);
        QVERIFY(first.waitForFinished(30000));
        const int beforeRestart = int(orthanc.json(QStringLiteral("/instances")).array().size());
        QVERIFY(beforeRestart == 4 || beforeRestart == 6);   // killed before or just after it sent

        QProcess second;
        said.clear();
        QVERIFY2(start(second, config, said), qPrintable(said));
        QCOMPARE(waitForInstances(orthanc, second, said, 6), 6);
        qInfo("killed with %d instances in Orthanc; the restart %s", beforeRestart,
              said.contains(QStringLiteral("\"event\":\"recovered\"")) ? "took the interrupted film again from working/"
                                                                         : "found the film still waiting in incoming/");

        // The same film again: the same two objects, replaced in Orthanc, not doubled.
        r = boneage({QStringLiteral("info"), sample("sample-1491.dcm")});
        const QString uid = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("sop_instance_uid")).toString();
        QVERIFY2(!uid.isEmpty(), qPrintable(r.out));
        const qsizetype mark = said.size();
        r = boneage({QStringLiteral("send"), QStringLiteral("--to"), service, sample("sample-1491.dcm")});
        QVERIFY(r.status == 0);
        const QString doneAgain = QStringLiteral("\"event\":\"done\",\"film\":\"%1.dcm\"").arg(uid);
        QElapsedTimer t;
        t.start();
        while (!said.mid(mark).contains(doneAgain) && t.elapsed() < 120000) {
            second.waitForReadyRead(500);
            said += QString::fromUtf8(second.readAll());
        }
        QVERIFY2(said.mid(mark).contains(doneAgain), qPrintable(said));
        QCOMPARE(int(orthanc.json(QStringLiteral("/instances")).array().size()), 6);

        // A film with no sex recorded cannot be assessed: failed/ holds it with the reason.
        r = boneage({QStringLiteral("export-dicom"), sample("sample-1417.png"), dir.filePath(QStringLiteral("nosex.dcm"))});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        r = boneage({QStringLiteral("send"), QStringLiteral("--to"), service, dir.filePath(QStringLiteral("nosex.dcm"))});
        QVERIFY(r.status == 0);
        t.restart();
        while (!said.contains(QStringLiteral("\"event\":\"failed\"")) && t.elapsed() < 120000) {
            second.waitForReadyRead(500);
            said += QString::fromUtf8(second.readAll());
        }
        QVERIFY2(said.contains(QStringLiteral("sex is not recorded")), qPrintable(said));
        QCOMPARE(QDir(spool + QStringLiteral("/failed")).entryList({QStringLiteral("*.txt")}).size(), 1);

        // A corrupt film (its pixel data shorter than its rows say) and a film without a Study
        // Instance UID: each fails with its reason, and the good film sent after them is done.
        const QString corrupt = dir.filePath(QStringLiteral("corrupt.dcm")), noStudy = dir.filePath(QStringLiteral("no-study.dcm"));
        for (const QString& f : {corrupt, noStudy}) {
            QVERIFY(QFile::copy(sample("sample-1402.dcm"), f));
            QFile::setPermissions(f, QFile::ReadOwner | QFile::WriteOwner);
        }
        QVERIFY(dcmodify({QStringLiteral("-gin"), QStringLiteral("-m"), QStringLiteral("(0028,0010)=9000"), corrupt}));
        QVERIFY(dcmodify({QStringLiteral("-gin"), QStringLiteral("-e"), QStringLiteral("(0020,000d)"), noStudy}));
        r = boneage({QStringLiteral("send"), QStringLiteral("--to"), service, corrupt, noStudy, sample("sample-1402.dcm")});
        QVERIFY2(r.status == 0, qPrintable(r.out + r.err));
        QCOMPARE(waitForInstances(orthanc, second, said, 8), 8);
        waitForSaid(second, said, QStringLiteral("\"event\":\"failed\""), 3);
        QVERIFY2(said.contains(QStringLiteral("no Study Instance UID")), qPrintable(said));
        const QStringList failed = QDir(spool + QStringLiteral("/failed")).entryList({QStringLiteral("*.txt")});
        QCOMPARE(failed.size(), 3);
        QString reasons;
        for (const QString& f : failed) {
            QFile reason(spool + QStringLiteral("/failed/") + f);
            QVERIFY(reason.open(QIODevice::ReadOnly));
            reasons += QString::fromUtf8(reason.readAll()) + QLatin1Char('\n');
        }
        QVERIFY2(reasons.contains(QStringLiteral("sex is not recorded")) && reasons.contains(QStringLiteral("no Study Instance UID")), qPrintable(reasons));
        qInfo("failed/ reasons:\n%s", qPrintable(reasons));
        // The failed films are kept whole beside their reasons, for an operator to requeue.
        QCOMPARE(QDir(spool + QStringLiteral("/failed")).entryList({QStringLiteral("*.dcm")}).size(), 3);

        second.terminate();
        QVERIFY(second.waitForFinished(60000));
        said += QString::fromUtf8(second.readAll());
        QVERIFY2(second.exitCode() == 0 && said.contains(QStringLiteral("\"event\":\"stopped\"")), qPrintable(said));
        QCOMPARE(QDir(spool + QStringLiteral("/incoming")).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot).size(), 0);
        QCOMPARE(QDir(spool + QStringLiteral("/working")).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot).size(), 0);
        QVERIFY(QFile::exists(spool + QStringLiteral("/service.log")));
    }

    void configurationMistakesAreNamed()
    {
        // The port is in use: the service says so and stops instead of running deaf.
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::Any, 0));
        const QString inUse = dir.filePath(QStringLiteral("in-use.json"));
        QFile u(inUse);
        QVERIFY(u.open(QIODevice::WriteOnly));
        u.write(QStringLiteral(R"({"spool": "%1", "port": %2, "models": "%3"})")
                    .arg(dir.filePath(QStringLiteral("spool-in-use")))
                    .arg(taken.serverPort())
                    .arg(QStringLiteral(BONEAGE_SOURCE_DIR "/models"))
                    .toUtf8());
        u.close();
        const Run busy = boneage({QStringLiteral("service"), QStringLiteral("--config"), inUse});
        QVERIFY2(busy.status == 1 && (busy.out + busy.err).contains(QStringLiteral("cannot listen on port %1").arg(taken.serverPort())),
                 qPrintable(busy.out + busy.err));

        const QString config = dir.filePath(QStringLiteral("bad.json"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"spool": "/tmp/x", "prot": 4242})");
        f.close();
        const Run r = boneage({QStringLiteral("service"), QStringLiteral("--config"), config});
        QVERIFY2(r.status == 1 && r.err.contains(QStringLiteral("unknown field \"prot\"")), qPrintable(r.err));
    }
};

QTEST_MAIN(TestService)
#include "tst_service.moc"
