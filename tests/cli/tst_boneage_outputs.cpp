// The single-file outputs of `boneage` under the output policy (docs/outputs.md): an existing file
// is refused and left as it was unless --overwrite, an output is never the input (also not under
// another name), a folder is never taken for a file, and nothing is left beside the output.
#include "BoneageCommand.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>

class TestBoneageOutputs : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    using Result = CommandResult;
    static Result run(const QStringList& args) { return runBoneage(args); }
    static QString sample(const char* name) { return QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/") + name; }
    static QByteArray contents(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
    }

private slots:
    void exportDicom()
    {
        // IN is a copy: were the check wrong, the bundled sample would not be what is lost.
        const QString in = dir.filePath("in.dcm");
        QVERIFY(QFile::copy(sample("sample-1402.dcm"), in));
        const QByteArray original = contents(in);
        Result r = run({"export-dicom", in, in, "--overwrite"});
        QVERIFY2(r.status == 1 && r.err.contains("OUT " + in.toUtf8() + " is the IN input"), r.err.constData());
        QVERIFY(QFile::link(in, dir.filePath("alias.dcm")));
        r = run({"export-dicom", in, dir.filePath("alias.dcm"), "--overwrite"});
        QVERIFY2(r.status == 1 && r.err.contains("is the IN input"), r.err.constData());
        QCOMPARE(contents(in), original);

        const QString out = writeTestFile(dir, "out.dcm", "earlier");
        r = run({"export-dicom", in, out});
        QVERIFY2(r.status == 1 && r.err.contains("exists; add --overwrite"), r.err.constData());
        QCOMPARE(contents(out), QByteArray("earlier"));
        r = run({"export-dicom", in, out, "--overwrite"});
        QVERIFY2(r.status == 0, r.err.constData());
        QVERIFY(run({"info", out}).status == 0);   // a readable DICOM file now

        r = run({"export-dicom", in, dir.path(), "--overwrite"});
        QVERIFY2(r.status == 1 && r.err.contains("is a folder"), r.err.constData());
        r = run({"export-dicom", in, dir.filePath("no-such-folder/x.dcm")});
        QVERIFY2(r.status == 1 && r.err.contains("does not exist"), r.err.constData());
        QVERIFY(hiddenEntries(dir.path()).isEmpty());
    }

    void recipePicture()
    {
        const QString out = writeTestFile(dir, "prepared.png", "earlier");
        Result r = run({"recipes", "--prepare", sample("sample-1855.dcm"), "--recipe", "whole-stretch-100", "--out", out});
        QVERIFY2(r.status == 1 && r.err.contains("--out " + out.toUtf8() + " exists"), r.err.constData());
        QCOMPARE(contents(out), QByteArray("earlier"));
        r = run({"recipes", "--prepare", sample("sample-1855.dcm"), "--recipe", "whole-stretch-100", "--out", out, "--overwrite"});
        QVERIFY2(r.status == 0, r.err.constData());
        const cv::Mat prepared = cv::imread(out.toStdString(), cv::IMREAD_UNCHANGED);
        QCOMPARE(prepared.cols, 100);
        QCOMPARE(prepared.rows, 100);
        const QString png = dir.filePath("film.png");
        QVERIFY(QFile::copy(sample("sample-1417.png"), png));
        r = run({"recipes", "--prepare", png, "--recipe", "whole-stretch-100", "--out", png, "--overwrite"});
        QVERIFY2(r.status == 1 && r.err.contains("is the --prepare input"), r.err.constData());
        QCOMPARE(contents(png), contents(sample("sample-1417.png")));
        QVERIFY(hiddenEntries(dir.path()).isEmpty());
    }

#ifdef BONEAGE_WITH_TORCH
    // Refused before any model is looked for or run: the refusal costs nothing.
    void attentionAndOverlayPictures()
    {
        const QString models = dir.filePath("no-models-here");
        const QString picture = writeTestFile(dir, "attention.png", "earlier");
        Result r = run({"assess", sample("sample-1855.dcm"), "--models", models, "--attention", picture});
        QVERIFY2(r.status == 1 && r.err.contains("--attention " + picture.toUtf8() + " exists; add --overwrite"), r.err.constData());
        QCOMPARE(contents(picture), QByteArray("earlier"));
        const QString png = dir.filePath("hand.png");
        QVERIFY(QFile::copy(sample("sample-1417.png"), png));
        r = run({"assess", png, "--sex", "M", "--models", models, "--attention", png, "--overwrite"});
        QVERIFY2(r.status == 1 && r.err.contains("is the FILE input"), r.err.constData());
        QCOMPARE(contents(png), contents(sample("sample-1417.png")));
        // With --overwrite the check passes, and the command goes on to look for models.
        r = run({"assess", sample("sample-1855.dcm"), "--models", models, "--attention", picture, "--overwrite"});
        QVERIFY2(r.status == 1 && r.err.contains("no model packages found"), r.err.constData());

        const QString overlay = writeTestFile(dir, "overlay.png", "earlier");
        r = run({"landmarks", sample("sample-1855.dcm"), "--models", models, "--overlay", overlay});
        QVERIFY2(r.status == 1 && r.err.contains("--overlay " + overlay.toUtf8() + " exists"), r.err.constData());
        QCOMPARE(contents(overlay), QByteArray("earlier"));
        r = run({"landmarks", png, "--models", models, "--overlay", png, "--overwrite"});
        QVERIFY2(r.status == 1 && r.err.contains("is the FILE input"), r.err.constData());
        QCOMPARE(contents(png), contents(sample("sample-1417.png")));
    }
#endif
};

QTEST_GUILESS_MAIN(TestBoneageOutputs)
#include "tst_boneage_outputs.moc"
