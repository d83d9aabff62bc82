// The `boneage info` command as a user runs it: JSON per file, errors on stderr, exit status.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestBoneageInfo : public QObject {
    Q_OBJECT
    struct Result {
        int status;
        QByteArray out, err;
    };
    static Result run(const QStringList& args)
    {
        QProcess p;
        p.start(BONEAGE_EXE, args);
        if (!p.waitForFinished(60000)) return {-1, {}, "timeout"};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }
    static QString sample(const char* name) { return QString(BONEAGE_SOURCE_DIR "/resources/samples/") + name; }

private slots:
    void printsJsonPerFile()
    {
        const Result r = run({"info", sample("sample-1491.dcm"), sample("sample-1417.png")});
        QCOMPARE(r.status, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject dicom = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(dicom["format"].toString(), QString("DICOM"));
        QCOMPARE(dicom["sex"].toString(), QString("M"));
        QCOMPARE(dicom["bits_stored"].toInt(), 12);
        QCOMPARE(dicom["patient_id"].toString(), QString("SAMPLE-1491"));
        QVERIFY(qAbs(dicom["chronological_age_months"].toDouble() - 50.56) < 0.01);
        QCOMPARE(dicom["transfer_syntax"].toString(), QString("1.2.840.10008.1.2.4.70"));
        for (const char* key : {"patient_name", "birth_date", "study_date", "pixel_spacing_mm", "laterality",
                                "modality", "body_part", "photometric_interpretation", "file"})
            QVERIFY2(dicom.contains(key), key);
        const QJsonObject png = QJsonDocument::fromJson(lines[1]).object();
        QCOMPARE(png["format"].toString(), QString("PNG"));
        QCOMPARE(png["sex"].toString(), QString(""));
    }

    void badFileIsReportedAndTheOthersStillRead()
    {
        QTemporaryDir dir;
        const QString empty = dir.filePath("empty.dcm");
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const Result r = run({"info", empty, sample("sample-1402.dcm"), dir.path()});
        QCOMPARE(r.status, 1);
        QCOMPARE(r.out.trimmed().split('\n').size(), 1);
        const QList<QByteArray> errors = r.err.trimmed().split('\n');
        QCOMPARE(errors.size(), 2);
        QVERIFY(errors[0].contains("empty.dcm") && errors[0].contains("empty"));
        QVERIFY(errors[1].contains("folder"));
    }

    void callerSuppliesSexForImages()
    {
        const Result r = run({"info", "--sex", "F", "--age-months", "150", sample("sample-1417.png")});
        QCOMPARE(r.status, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["sex"].toString(), QString("F"));
        QCOMPARE(o["chronological_age_months"].toDouble(), 150.0);
        QCOMPARE(run({"info", "--sex", "X", sample("sample-1417.png")}).status, 2);
        QCOMPARE(run({"info", "--max-megapixels", "0.1", sample("sample-1417.png")}).status, 1);
    }

    void helpDescribesEveryCommand()
    {
        const Result r = run({"--help"});
        QCOMPARE(r.status, 0);
        for (const char* word : {"info", "export-dicom", "recipes", "--sex", "--max-megapixels", "--pretty"})
            QVERIFY2(r.out.contains(word), word);
        QCOMPARE(run({"info", "--help"}).status, 0);
        QCOMPARE(run({"nonsense"}).status, 2);
        QCOMPARE(run({"info"}).status, 2);
    }
};

QTEST_GUILESS_MAIN(TestBoneageInfo)
#include "tst_boneage_info.moc"
