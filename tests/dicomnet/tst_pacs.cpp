// Issue 19, PACS: `boneage echo|send|query|retrieve` and `boneage report` against a real Orthanc,
// started here on the loopback address (OrthancServer.h): push a sample, query and retrieve it,
// assess it, send the SR, SC and encapsulated PDF back, and check through Orthanc's REST API that they
// arrived and that `dsrdump` reads the SR Orthanc stored.
#include "BoneageCommand.h"
#include "OrthancServer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTcpServer>
#include <QtTest>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

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

QString attribute(const QString& file, const DcmTagKey& tag)
{
    DcmFileFormat f;
    if (f.loadFile(file.toStdString().c_str()).bad()) return {};
    OFString v;
    f.getDataset()->findAndGetOFString(tag, v);
    return QString::fromLatin1(v.c_str());
}

// Starts `boneage listen` into the workspace on `port`; what it said until "listening as" (at most a
// minute, or until it stopped).
QString startListener(QProcess& listener, const QString& ws, int port)
{
    listener.setProcessChannelMode(QProcess::MergedChannels);
    listener.start(QStringLiteral(BONEAGE_EXE),
                   {QStringLiteral("listen"), QStringLiteral("--workspace"), ws, QStringLiteral("--port"), QString::number(port)});
    QString said;
    if (!listener.waitForStarted(30000)) return QStringLiteral("boneage listen did not start: ") + listener.errorString();
    QElapsedTimer t;
    t.start();
    while (!said.contains(QStringLiteral("listening as")) && t.elapsed() < 60000 && listener.state() == QProcess::Running) {
        listener.waitForReadyRead(500);
        said += QString::fromUtf8(listener.readAll());
    }
    return said;
}

const QString kSample = QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/sample-1491.dcm");

} // namespace

class TestPacs : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

private slots:
    // Each wrong input of the new commands is refused before any work, saying what is wrong; an
    // existing output is left as it was.
    void wrongInputIsNamed()
    {
        const QString pdf = dir.filePath(QStringLiteral("kept.pdf"));
        QFile kept(pdf);
        QVERIFY(kept.open(QIODevice::WriteOnly));
        kept.write("an earlier report");
        kept.close();
        const struct {
            QStringList args;
            int status;
            const char* says;
        } cases[] = {
            {{QStringLiteral("report"), kSample}, 2, "say what to write"},
            {{QStringLiteral("report"), kSample, QStringLiteral("--pdf"), dir.filePath(QStringLiteral("a.pdf")), QStringLiteral("--overlay"),
              QStringLiteral("heat")}, 2, "--overlay takes"},
            {{QStringLiteral("report"), kSample, QStringLiteral("--pdf"), dir.filePath(QStringLiteral("a.pdf")), QStringLiteral("--language"),
              QStringLiteral("fr")}, 2, "--language must be"},
            {{QStringLiteral("report"), kSample, QStringLiteral("--pdf"), dir.filePath(QStringLiteral("same")),
              QStringLiteral("--encapsulated-pdf"), dir.filePath(QStringLiteral("same"))}, 2, "name the same file"},
            {{QStringLiteral("report"), kSample, QStringLiteral("--pdf"), pdf}, 1, "exists; add --overwrite"},
            {{QStringLiteral("report"), QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/sample-1417.png"), QStringLiteral("--pdf"),
              dir.filePath(QStringLiteral("b.pdf"))}, 1, "sex is not recorded"},
            {{QStringLiteral("listen"), QStringLiteral("--workspace"), dir.path(), QStringLiteral("--port"), QStringLiteral("70000")}, 2,
             "--port must be"},
            {{QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("11112")}, 2, "--workspace"},
            {{QStringLiteral("send"), QStringLiteral("--to"), QStringLiteral("A@127.0.0.1:1"), QStringLiteral("--from"), QStringLiteral("BAD\\AET"),
              kSample}, 2, "no backslash"},
            {{QStringLiteral("echo"), QStringLiteral("--to"), QStringLiteral("@127.0.0.1:104")}, 2, "1 to 16 characters"},
            {{QStringLiteral("retrieve"), QStringLiteral("--to"), QStringLiteral("A@127.0.0.1:1"), QStringLiteral("--into"), dir.path()}, 2,
             "--study"},
            {{QStringLiteral("service"), QStringLiteral("--config"), dir.filePath(QStringLiteral("missing.json"))}, 1, "cannot read"},
        };
        for (const auto& c : cases) {
            const Run r = boneage(c.args);
            QVERIFY2(r.status == c.status && r.err.contains(QString::fromLatin1(c.says)),
                     qPrintable(c.args.join(QLatin1Char(' ')) + QStringLiteral(" -> ") + QString::number(r.status) + QStringLiteral(": ") + r.err));
        }
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("an earlier report"));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("a.pdf"))) && !QFile::exists(dir.filePath(QStringLiteral("b.pdf"))));
    }

    void pushQueryRetrieveAssessAndSendBack()
    {
        OrthancServer orthanc(QStringLiteral("BONEAGE"));
        QVERIFY2(orthanc.error().isEmpty(), qPrintable(orthanc.error()));
        const QString node = orthanc.node();

        // Echo: the node answers; a wrong called AE title is refused, naming the AE titles; a port
        // where nothing listens says so.
        Run r = boneage({QStringLiteral("echo"), QStringLiteral("--to"), node});
        QVERIFY2(r.status == 0 && r.out.contains(QStringLiteral("answered")), qPrintable(r.out + r.err));
        r = boneage({QStringLiteral("echo"), QStringLiteral("--to"), QStringLiteral("NOTORTHANC@127.0.0.1:%1").arg(orthanc.dicomPort())});
        QVERIFY2(r.status == 1 && r.err.contains(QStringLiteral("refused the association")) && r.err.contains(QStringLiteral("NOTORTHANC")),
                 qPrintable(r.err));
        r = boneage({QStringLiteral("echo"), QStringLiteral("--to"), QStringLiteral("ANY@127.0.0.1:%1").arg(OrthancServer::freePort()),
                     QStringLiteral("--timeout"), QStringLiteral("5")});
        QVERIFY2(r.status == 1 && r.err.contains(QStringLiteral("cannot reach")), qPrintable(r.err));
        r = boneage({QStringLiteral("echo"), QStringLiteral("--to"), QStringLiteral("no-port")});
        QCOMPARE(r.status, 2);

        // Send: the sample arrives; a file that is not DICOM is named and does not stop the others.
        const QString junk = dir.filePath(QStringLiteral("junk.dcm"));
        QFile j(junk);
        j.open(QIODevice::WriteOnly);
        j.write("not a dicom file");
        j.close();
        r = boneage({QStringLiteral("send"), QStringLiteral("--to"), node, junk, kSample});
        QVERIFY2(r.status == 1 && r.out.contains(QStringLiteral("sent    ") + kSample) && r.err.contains(QStringLiteral("NOT SENT ") + junk),
                 qPrintable(r.out + r.err));
        QCOMPARE(orthanc.json(QStringLiteral("/instances")).array().size(), 1);

        // Query by patient ID: the sample's study.
        const QString patientId = attribute(kSample, DCM_PatientID), studyUid = attribute(kSample, DCM_StudyInstanceUID);
        QVERIFY(!patientId.isEmpty() && !studyUid.isEmpty());
        r = boneage({QStringLiteral("query"), QStringLiteral("--to"), node, QStringLiteral("--patient-id"), patientId, QStringLiteral("--json")});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        const QJsonArray studies = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(studies.size(), 1);
        QCOMPARE(studies[0].toObject().value(QStringLiteral("study_instance_uid")).toString(), studyUid);
        r = boneage({QStringLiteral("query"), QStringLiteral("--to"), node, QStringLiteral("--patient-id"), QStringLiteral("NOBODY"),
                     QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 0);

        // Retrieve: the same film comes back (C-GET, same association).
        const QString into = dir.filePath(QStringLiteral("retrieved"));
        r = boneage({QStringLiteral("retrieve"), QStringLiteral("--to"), node, QStringLiteral("--study"), studyUid, QStringLiteral("--into"), into});
        QVERIFY2(r.status == 0, qPrintable(r.out + r.err));
        const QString retrieved = into + QLatin1Char('/') + attribute(kSample, DCM_SOPInstanceUID) + QStringLiteral(".dcm");
        QVERIFY2(QFile::exists(retrieved), qPrintable(r.out));
        QCOMPARE(QDir(into).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot).size(), 1);   // no scratch left

        // Assess the retrieved film, send its SR, SC and encapsulated PDF back into its study.
        const QString sr = dir.filePath(QStringLiteral("sr.dcm")), sc = dir.filePath(QStringLiteral("sc.dcm")),
                      pdf = dir.filePath(QStringLiteral("pdf.dcm"));
        r = boneage({QStringLiteral("report"), retrieved, QStringLiteral("--sr"), sr, QStringLiteral("--sc"), sc,
                     QStringLiteral("--encapsulated-pdf"), pdf, QStringLiteral("--models"), QStringLiteral(BONEAGE_SOURCE_DIR "/models")});
        QVERIFY2(r.status == 0, qPrintable(r.out + r.err));
        r = boneage({QStringLiteral("send"), QStringLiteral("--to"), node, sr, sc, pdf});
        QVERIFY2(r.status == 0, qPrintable(r.out + r.err));

        const QJsonArray orthancStudies = orthanc.json(QStringLiteral("/studies")).array();
        QCOMPARE(orthancStudies.size(), 1);   // the results joined the film's study
        const QString study = orthancStudies[0].toString();
        const QJsonArray instances = orthanc.json(QStringLiteral("/studies/%1/instances").arg(study)).array();
        QCOMPARE(instances.size(), 4);
        QString srId;
        QStringList modalities;
        for (const auto& i : instances) {
            const QString id = i.toObject().value(QStringLiteral("ID")).toString();
            const QJsonObject tags = orthanc.json(QStringLiteral("/instances/%1/simplified-tags").arg(id)).object();
            modalities << tags.value(QStringLiteral("Modality")).toString();
            if (tags.value(QStringLiteral("Modality")).toString() == QLatin1String("SR")) srId = id;
        }
        modalities.sort();
        QCOMPARE(modalities.join(QLatin1Char(',')), QStringLiteral("DOC,OT,OT,SR"));
        QVERIFY(!srId.isEmpty());

        // The SR as Orthanc stored it reads in dsrdump.
        const QString stored = dir.filePath(QStringLiteral("stored-sr.dcm"));
        QFile out(stored);
        out.open(QIODevice::WriteOnly);
        out.write(orthanc.get(QStringLiteral("/instances/%1/file").arg(srId)));
        out.close();
        QProcess dump;
        dump.start(QStringLiteral("dsrdump"), {stored});
        QVERIFY(dump.waitForFinished(60000));
        const QString text = QString::fromUtf8(dump.readAllStandardOutput());
        QVERIFY2(dump.exitCode() == 0 && text.contains(QStringLiteral("Bone age")) && text.contains(QStringLiteral("Imaging Measurement Report")),
                 qPrintable(text.left(2000) + QString::fromUtf8(dump.readAllStandardError())));

        // Sending the same report again replaces, not doubles: its UIDs are the same.
        r = boneage({QStringLiteral("report"), retrieved, QStringLiteral("--sr"), sr, QStringLiteral("--overwrite"), QStringLiteral("--models"),
                     QStringLiteral(BONEAGE_SOURCE_DIR "/models")});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY(boneage({QStringLiteral("send"), QStringLiteral("--to"), node, sr}).status == 0);
        QCOMPARE(orthanc.json(QStringLiteral("/studies/%1/instances").arg(study)).array().size(), 4);
    }

    // `boneage listen`: Orthanc pushes a film (C-STORE) to the program, which puts it into a
    // workspace; a film a killed listener left in the incoming folder goes in at the next start.
    void listenerPutsPushedFilmsIntoTheWorkspace()
    {
        const QString ws = dir.filePath(QStringLiteral("ws"));
        QCOMPARE(boneage({QStringLiteral("workspace"), QStringLiteral("init"), ws}).status, 0);
        QDir().mkpath(ws + QStringLiteral("/incoming"));
        QVERIFY(QFile::copy(QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/sample-1405.dcm"), ws + QStringLiteral("/incoming/left-over.dcm")));

        const int port = OrthancServer::freePort();
        QProcess listener;
        QString said = startListener(listener, ws, port);
        QElapsedTimer t;
        QVERIFY2(said.contains(QStringLiteral("listening as BONEAGE")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("imported left-over.dcm")), qPrintable(said));   // the leftover first

        // Echo the listener; a caller naming another AE title is refused.
        Run r = boneage({QStringLiteral("echo"), QStringLiteral("--to"), QStringLiteral("BONEAGE@127.0.0.1:%1").arg(port)});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        r = boneage({QStringLiteral("echo"), QStringLiteral("--to"), QStringLiteral("SOMEONE@127.0.0.1:%1").arg(port)});
        QVERIFY2(r.status == 1 && r.err.contains(QStringLiteral("refused the association")), qPrintable(r.err));

        // Orthanc holds a film and pushes it to the listener (its modality "boneage").
        OrthancServer orthanc(QStringLiteral("BONEAGE"), port);
        QVERIFY2(orthanc.error().isEmpty(), qPrintable(orthanc.error()));
        QCOMPARE(boneage({QStringLiteral("send"), QStringLiteral("--to"), orthanc.node(), kSample}).status, 0);
        const QJsonArray instances = orthanc.json(QStringLiteral("/instances")).array();
        QCOMPARE(instances.size(), 1);
        const QByteArray pushed = orthanc.post(QStringLiteral("/modalities/boneage/store"), instances[0].toString().toUtf8());
        QVERIFY2(!pushed.isEmpty(), "Orthanc could not push the film to the listener");

        // The film is in the workspace within seconds (the listener imports after each association).
        int cases = 0;
        t.restart();
        while (cases < 2 && t.elapsed() < 60000) {
            listener.waitForReadyRead(500);
            said += QString::fromUtf8(listener.readAll());
            r = boneage({QStringLiteral("workspace"), QStringLiteral("list"), ws, QStringLiteral("--json")});
            cases = int(QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("cases")).toArray().size());
        }
        QVERIFY2(cases == 2, qPrintable(said));

        listener.terminate();   // SIGTERM: stops after the current association
        QVERIFY(listener.waitForFinished(30000));
        said += QString::fromUtf8(listener.readAll());
        QVERIFY2(listener.exitStatus() == QProcess::NormalExit && listener.exitCode() == 0 && said.contains(QStringLiteral("stopped")),
                 qPrintable(said));
        // Nothing left in the queue, no temporaries.
        QCOMPARE(QDir(ws + QStringLiteral("/incoming")).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot).size(), 0);
    }

    // The network's bad input (issue 19): a node that takes the connection and never answers, a node
    // that refuses the kind of object (the listener takes films only), a listener port in use, a film
    // without a Study Instance UID. Each is named; a refused object does not stop the others.
    void networkTroubleIsNamed()
    {
        // A socket that listens and never answers: the kernel completes the connection, nobody speaks.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::Any, 0));
        Run r = boneage({QStringLiteral("echo"), QStringLiteral("--to"), QStringLiteral("SILENT@127.0.0.1:%1").arg(silent.serverPort()),
                         QStringLiteral("--timeout"), QStringLiteral("2")});
        QVERIFY2(r.status == 1 && r.err.contains(QStringLiteral("did not answer within 2 s")), qPrintable(r.err));

        // Its port is in use: the listener says so and stops.
        const QString ws = dir.filePath(QStringLiteral("ws-trouble"));
        QCOMPARE(boneage({QStringLiteral("workspace"), QStringLiteral("init"), ws}).status, 0);
        r = boneage({QStringLiteral("listen"), QStringLiteral("--workspace"), ws, QStringLiteral("--port"), QString::number(silent.serverPort())});
        QVERIFY2(r.status == 1 && r.err.contains(QStringLiteral("cannot listen on port %1").arg(silent.serverPort())) &&
                     r.err.contains(QStringLiteral("another program")),
                 qPrintable(r.err));

        // A film without a Study Instance UID: the report is written, with a warning that its objects
        // make a study of their own.
        const QString noStudy = dir.filePath(QStringLiteral("no-study.dcm"));
        QVERIFY(QFile::copy(kSample, noStudy));
        QFile::setPermissions(noStudy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess modify;
        modify.start(QStringLiteral("dcmodify"), {QStringLiteral("-nb"), QStringLiteral("-e"), QStringLiteral("(0020,000d)"), noStudy});
        QVERIFY(modify.waitForFinished(30000) && modify.exitCode() == 0);
        QVERIFY(attribute(noStudy, DCM_StudyInstanceUID).isEmpty());
        const QString sr = dir.filePath(QStringLiteral("trouble-sr.dcm"));
        r = boneage({QStringLiteral("report"), noStudy, QStringLiteral("--sr"), sr, QStringLiteral("--models"),
                     QStringLiteral(BONEAGE_SOURCE_DIR "/models")});
        QVERIFY2(r.status == 0 && r.err.contains(QStringLiteral("has no Study Instance UID")), qPrintable(r.err));

        // The listener takes films only: an SR sent to it is refused by name, the film beside it stored.
        const int port = OrthancServer::freePort();
        QProcess listener;
        const QString said = startListener(listener, ws, port);
        QVERIFY2(said.contains(QStringLiteral("listening as")), qPrintable(said));
        const QString to = QStringLiteral("BONEAGE@127.0.0.1:%1").arg(port);
        r = boneage({QStringLiteral("send"), QStringLiteral("--to"), to, sr, kSample});
        QVERIFY2(r.status == 1 && r.out.contains(QStringLiteral("sent    ") + kSample) &&
                     r.err.contains(QStringLiteral("does not accept this kind of object")),
                 qPrintable(r.out + r.err));
        // The SR alone: no kind offered is accepted; still a per-file answer, not "cannot reach".
        r = boneage({QStringLiteral("send"), QStringLiteral("--to"), to, sr});
        QVERIFY2(r.status == 1 && r.err.contains(QStringLiteral("does not accept this kind of object")) && !r.err.contains(QStringLiteral("cannot reach")),
                 qPrintable(r.err));
        listener.terminate();
        QVERIFY(listener.waitForFinished(30000));
    }
};

QTEST_MAIN(TestPacs)
#include "tst_pacs.moc"
