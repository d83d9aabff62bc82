// File > Export Report (issue 19): the workstation writes the shown case's report through core/report,
// in the window's language, and refuses, with a reason, a case it cannot report.
#include "UiTestSupport.h"

#include "AssessmentWorker.h"
#include "MainWindow.h"
#include "Settings.h"

#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

using namespace boneage;
using ui::MainWindow;

namespace {

const QString kModels = QStringLiteral(BONEAGE_SOURCE_DIR "/models");
const QString kSample = QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/sample-1405.dcm");

QString pdfText(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    return p.waitForFinished(60000) && p.exitCode() == 0 ? QString::fromUtf8(p.readAllStandardOutput()) : QString();
}

std::string sopClassOf(const QString& path)
{
    DcmFileFormat f;
    if (f.loadFile(path.toStdString().c_str()).bad()) return {};
    OFString v;
    f.getDataset()->findAndGetOFString(DCM_SOPClassUID, v);
    return v.c_str();
}

} // namespace

class TestReportExport : public QObject {
    Q_OBJECT
    QTemporaryDir home_, out_;

private slots:
    void initTestCase()
    {
        boneage::test::useSettingsIn(home_.path());
    }
    void cleanup() { ui::Settings::installTranslators(QStringLiteral("en")); }

    void exportsTheAssessedCase()
    {
        ui::Settings::installTranslators(QStringLiteral("de"));
        MainWindow window(kModels);
        window.setErrorDialogsEnabled(false);
        window.openPaths({kSample});
        // Not assessed yet: refused, saying what to do.
        try {
            window.exportReport(out_.filePath(QStringLiteral("early.pdf")));
            QFAIL("a report was written before the assessment");
        } catch (const std::exception& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("Werten Sie die Aufnahme zuerst aus")), e.what());
        }
        QVERIFY(!QFile::exists(out_.filePath(QStringLiteral("early.pdf"))));

        QSignalSpy finished(window.worker(), &ui::AssessmentWorker::finished);
        QVERIFY(window.assessCurrentCase());
        QVERIFY(finished.wait(120000));
        QVERIFY(window.currentCase()->assessment.has_value());

        const QString pdf = out_.filePath(QStringLiteral("case.pdf")), dicom = out_.filePath(QStringLiteral("dicom"));
        const QStringList written = window.exportReport(pdf, dicom);
        QCOMPARE(written.size(), 4);
        for (const QString& f : written) QVERIFY2(QFile::exists(f), qPrintable(f));
        // The window is German, so is the report.
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(QStringLiteral("Knochenalter")), qPrintable(text.left(300)));
        QCOMPARE(sopClassOf(dicom + QStringLiteral("/bone-age-sr.dcm")), std::string(UID_ComprehensiveSRStorage));
        QCOMPARE(sopClassOf(dicom + QStringLiteral("/bone-age-sc.dcm")), std::string(UID_SecondaryCaptureImageStorage));
        QCOMPARE(sopClassOf(dicom + QStringLiteral("/bone-age-report.dcm")), std::string(UID_EncapsulatedPDFStorage));
    }
};

QTEST_MAIN(TestReportExport)
#include "tst_report_export.moc"
