// The `boneage info` command as a user runs it: JSON per file, errors on stderr, exit status.
#include "DicomFactory.h"

#include <QJsonArray>
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

    void namesInOtherCharacterSetsAreUtf8Json_data()
    {
        QTest::addColumn<QString>("charset");
        QTest::addColumn<QByteArray>("stored");
        QTest::addColumn<QString>("shown");
        QTest::newRow("Latin-1") << "ISO_IR 100" << QByteArray("M\xFCller^J\xF6rg") << "Müller^Jörg";
        QTest::newRow("ISO 2022 IR 87")
            << "\\ISO 2022 IR 87"
            << QByteArray("Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B")
            << "Yamada^Tarou=山田^太郎=やまだ^たろう";
        QTest::newRow("8-bit, undeclared") << "" << QByteArray("M\xFCller^J\xF6rg") << "M\uFFFDller^J\uFFFDrg";
    }
    void namesInOtherCharacterSetsAreUtf8Json()
    {
        // Before: a Latin-1 name made `info` fail with a JSON UTF-8 exception, and ISO 2022 names came
        // out as raw escape sequences.
        QFETCH(QString, charset);
        QFETCH(QByteArray, stored);
        QFETCH(QString, shown);
        QTemporaryDir dir;
        boneage::test::DicomSpec s;
        s.characterSet = charset.toStdString();
        s.patientName = stored.toStdString();
        const QString file = dir.filePath("name.dcm");
        boneage::test::writeDicom(s, file.toStdString());
        const Result r = run({"info", file});
        QCOMPARE(r.status, 0);
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o["patient_name"].toString(), shown);
        QVERIFY(QString::fromUtf8(r.out).isValidUtf16());
    }

    void listsSupportedTransferSyntaxes()
    {
        const Result text = run({"info", "--supported"});
        QCOMPARE(text.status, 0);
        const QString out = QString::fromUtf8(text.out);
        for (const char* row : {"1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.4.100"})
            QVERIFY2(out.contains(row), row);
        QVERIFY(out.contains(QRegularExpression("1\\.2\\.840\\.10008\\.1\\.2\\.4\\.90 +yes +JPEG 2000")));
        QVERIFY(out.contains(QRegularExpression("1\\.2\\.840\\.10008\\.1\\.2\\.4\\.100 +no +MPEG2")));

        const Result json = run({"info", "--supported", "--json"});
        QCOMPARE(json.status, 0);
        const QJsonArray list = QJsonDocument::fromJson(json.out).array();
        QVERIFY(list.size() > 30);
        QMap<QString, bool> supported;
        for (const auto& v : list) {
            const QJsonObject t = v.toObject();
            QVERIFY(!t["name"].toString().isEmpty());
            supported[t["uid"].toString()] = t["supported"].toBool();
        }
        QCOMPARE(supported.value("1.2.840.10008.1.2.4.90"), true);
        QCOMPARE(supported.value("1.2.840.10008.1.2.4.91"), true);
        QCOMPARE(supported.value("1.2.840.10008.1.2.4.201"), true);
        QCOMPARE(supported.value("1.2.840.10008.1.2.1.99"), true);
        QCOMPARE(supported.value("1.2.840.10008.1.2.4.92", true), false);
        QCOMPARE(supported.value("1.2.840.10008.1.2.4.94", true), false);
        QCOMPARE(run({"info", "--supported", sample("sample-1417.png")}).status, 2);
        QCOMPARE(run({"info", "--json", sample("sample-1417.png")}).status, 2);
    }

    void helpDescribesEveryCommand()
    {
        const Result r = run({"--help"});
        QCOMPARE(r.status, 0);
        for (const char* word : {"info", "export-dicom", "recipes", "--sex", "--max-megapixels", "--pretty", "--supported"})
            QVERIFY2(r.out.contains(word), word);
        QCOMPARE(run({"info", "--help"}).status, 0);
        QCOMPARE(run({"nonsense"}).status, 2);
        QCOMPARE(run({"info"}).status, 2);
    }
};

QTEST_GUILESS_MAIN(TestBoneageInfo)
#include "tst_boneage_info.moc"
