// File > Send to PACS and File > Query PACS (issue 19) against a real Orthanc started by the test on
// the loopback address: the connection test, sending the film with its SR, SC and PDF, the query,
// the retrieval that opens the film in the window; and each mistake (a wrongly written node, a node
// that is not there, a refused association, a bad date, nothing to send) shown in words.
#include "UiTestSupport.h"

#include "../dicomnet/OrthancServer.h"

#include "AssessmentWorker.h"
#include "CaseList.h"
#include "DicomNodeBox.h"
#include "MainWindow.h"
#include "QueryPanel.h"
#include "SendDialog.h"
#include "Settings.h"
#include "SettingsDialog.h"

#include <QCheckBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace boneage;
using ui::MainWindow;

namespace {

const QString kModels = QStringLiteral(BONEAGE_SOURCE_DIR "/models");
const QString kSample = QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/sample-1405.dcm");
const QString kPngSample = QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/sample-1417.png");

// The first argument of the spy's last signal after it came (within the limit).
QList<QVariant> waitFor(QSignalSpy& spy, int ms = 120000)
{
    if (spy.isEmpty() && !spy.wait(ms)) return {};
    return spy.takeFirst();
}

// BONEAGE_TEST_GRABS=DIR: the dialog and the panel as drawn, to look at.
void grabIfAsked(QWidget* w, const char* name)
{
    const QString dir = qEnvironmentVariable("BONEAGE_TEST_GRABS");
    if (!dir.isEmpty()) w->grab().save(QDir(dir).filePath(QString::fromLatin1(name)));
}

int instancesIn(OrthancServer& orthanc) { return int(orthanc.json(QStringLiteral("/instances")).array().size()); }

} // namespace

class TestPacsWindow : public QObject {
    Q_OBJECT
    QTemporaryDir home_, retrieved_;

private slots:
    void initTestCase()
    {
        boneage::test::useSettingsIn(home_.path());
        ui::Settings::installTranslators(QStringLiteral("en"));
    }

    void settingsKeepCheckedNodes()
    {
        ui::SettingsDialog d(kModels);
        d.dicomNodesEdit()->setPlainText(QStringLiteral("PACS@10.0.0.5:104\nnot a node"));
        d.accept();
        QVERIFY(d.problemLabel()->isVisibleTo(&d));
        QVERIFY2(d.problemLabel()->text().contains(QStringLiteral("AET@HOST:PORT")), qPrintable(d.problemLabel()->text()));
        QVERIFY(ui::Settings::dicomNodes().isEmpty());   // nothing saved

        d.dicomNodesEdit()->setPlainText(QStringLiteral("PACS@10.0.0.5:104"));
        d.callingAeTitleEdit()->setText(QStringLiteral("BACK\\SLASH"));
        d.accept();
        QVERIFY2(d.problemLabel()->text().contains(QStringLiteral("backslash")), qPrintable(d.problemLabel()->text()));
        QCOMPARE(ui::Settings::callingAeTitle(), QStringLiteral("BONEAGE"));

        d.callingAeTitleEdit()->setText(QStringLiteral("READING1"));
        d.dicomNodesEdit()->setPlainText(QStringLiteral("PACS@10.0.0.5:104\n\n  ARCHIVE@archive.example:11112  \n"));
        d.accept();
        QCOMPARE(ui::Settings::dicomNodes(), (QStringList{QStringLiteral("PACS@10.0.0.5:104"), QStringLiteral("ARCHIVE@archive.example:11112")}));
        QCOMPARE(ui::Settings::callingAeTitle(), QStringLiteral("READING1"));
        ui::DicomNodeBox box;
        QCOMPARE(box.currentText(), QStringLiteral("PACS@10.0.0.5:104"));
        QCOMPARE(box.count(), 2);
        ui::Settings::setDicomNodes({});
        ui::Settings::setCallingAeTitle(QStringLiteral("BONEAGE"));
    }

    void sendQueryRetrieve()
    {
        OrthancServer orthanc(QStringLiteral("BONEAGE"));
        QVERIFY2(orthanc.error().isEmpty(), qPrintable(orthanc.error()));

        MainWindow window(kModels);
        window.setErrorDialogsEnabled(false);
        window.openPaths({kSample});
        // Not assessed yet: the film could go, its results not.
        window.showSendDialog();
        QVERIFY(window.sendDialog()->filmBox()->isEnabled());
        QVERIFY(!window.sendDialog()->structuredReportBox()->isEnabled());
        QVERIFY(window.sendDialog()->structuredReportBox()->toolTip().contains(QStringLiteral("assess it first")));
        QSignalSpy assessed(window.worker(), &ui::AssessmentWorker::finished);
        QVERIFY(window.assessCurrentCase());
        QVERIFY(assessed.wait(120000));

        window.showSendDialog();
        ui::SendDialog* send = window.sendDialog();
        QVERIFY(send);
        QVERIFY(send->filmBox()->isEnabled());
        QVERIFY(send->structuredReportBox()->isChecked() && send->secondaryCaptureBox()->isChecked() && send->pdfBox()->isChecked());
        send->nodeBox()->setCurrentText(orthanc.node());

        QSignalSpy echoed(send, &ui::SendDialog::echoFinished);
        send->testConnection();
        QVERIFY(send->isBusy());
        auto echo = waitFor(echoed);
        QCOMPARE(echo.value(0).toBool(), true);
        QVERIFY2(echo.value(1).toString().contains(QStringLiteral("answered")), qPrintable(echo.value(1).toString()));
        QCOMPARE(ui::Settings::dicomNodes().value(0), orthanc.node());   // remembered

        // The film and the three result objects.
        send->filmBox()->setChecked(true);
        QSignalSpy sent(send, &ui::SendDialog::sendFinished);
        send->sendChosen();
        auto outcome = waitFor(sent);
        QCOMPARE(outcome.value(0).toInt(), 4);
        QCOMPARE(outcome.value(1).toInt(), 0);
        QCOMPARE(send->outcomeTable()->rowCount(), 4);
        for (int row = 0; row < 4; ++row) QCOMPARE(send->outcomeTable()->item(row, 2)->text(), QStringLiteral("stored"));
        QCOMPARE(instancesIn(orthanc), 4);
        grabIfAsked(send, "send-dialog.png");
        // Sending the results again gives the same objects (their UIDs come from the film, the
        // weights and the readings): Orthanc still holds four.
        send->filmBox()->setChecked(false);
        send->sendChosen();
        outcome = waitFor(sent);
        QCOMPARE(outcome.value(0).toInt(), 3);
        QCOMPARE(instancesIn(orthanc), 4);

        // Query: the panel offers the node just used; the study is found by the film's patient ID.
        window.showQueryPanel();
        QVERIFY(window.queryDock()->isVisibleTo(&window));
        ui::QueryPanel* query = window.queryPanel();
        QCOMPARE(query->nodeBox()->currentText(), orthanc.node());
        query->patientIdField()->setText(QString::fromStdString(window.currentCase()->radiograph->metadata.patientId));
        QSignalSpy searched(query, &ui::QueryPanel::searchFinished);
        query->search();
        auto found = waitFor(searched);
        QCOMPARE(found.value(0).toInt(), 1);
        QCOMPARE(query->studyTable()->rowCount(), 1);
        QCOMPARE(query->studyTable()->item(0, 7)->text(), QStringLiteral("4"));
        QVERIFY(query->studyTable()->item(0, 6)->text().contains(QStringLiteral("SR")));
        window.resize(1400, 900);
        grabIfAsked(query, "query-panel.png");
        // A patient nobody has: no match, said so.
        query->patientIdField()->setText(QStringLiteral("NOBODY-12345"));
        query->search();
        found = waitFor(searched);
        QCOMPARE(found.value(0).toInt(), 0);
        QVERIFY2(found.value(1).toString().contains(QStringLiteral("No study")), qPrintable(found.value(1).toString()));
        QCOMPARE(query->studyTable()->rowCount(), 0);

        // Retrieve: the film is opened beside the first; the SR, SC and PDF are counted, not opened.
        query->patientIdField()->clear();
        query->studyDateField()->setText(QString::fromStdString(window.currentCase()->radiograph->metadata.studyDate->toIso()).remove(QLatin1Char('-')));
        query->search();
        QCOMPARE(waitFor(searched).value(0).toInt(), 1);
        query->setRetrieveFolder(retrieved_.path());
        query->studyTable()->selectRow(0);
        QSignalSpy retrieved(query, &ui::QueryPanel::studyRetrieved);
        const int casesBefore = window.caseList()->caseCount();
        query->retrieveSelected();
        auto got = waitFor(retrieved);
        QVERIFY2(!got.isEmpty(), qPrintable(query->statusLabel()->text()));
        const QStringList films = got.value(0).toStringList();
        QCOMPARE(films.size(), 1);
        QCOMPARE(got.value(1).toInt(), 3);
        QVERIFY(films.first().startsWith(retrieved_.path()));
        QCOMPARE(window.caseList()->caseCount(), casesBefore + 1);
        const auto opened = window.caseList()->caseAt(casesBefore);
        QVERIFY(opened && opened->radiograph);
        QCOMPARE(opened->radiograph->metadata.sopInstanceUid, window.caseList()->caseAt(0)->radiograph->metadata.sopInstanceUid);
    }

    void mistakesAreNamed()
    {
        OrthancServer orthanc(QStringLiteral("BONEAGE"));
        QVERIFY2(orthanc.error().isEmpty(), qPrintable(orthanc.error()));
        MainWindow window(kModels);
        window.setErrorDialogsEnabled(false);
        window.showSendDialog();
        QVERIFY(!window.sendDialog());   // no film: no dialog (the status bar says why)

        // A PNG film: neither the film nor results can go.
        window.openPaths({kPngSample});
        window.showSendDialog();
        ui::SendDialog* send = window.sendDialog();
        QVERIFY(send);
        QVERIFY(!send->filmBox()->isEnabled());
        QVERIFY(send->filmBox()->text().contains(QStringLiteral("not a DICOM file")));
        QVERIFY(!send->structuredReportBox()->isEnabled());
        // A PNG has no study to join: its results are refused with the reason.
        QVERIFY(send->structuredReportBox()->toolTip().contains(QStringLiteral("no Study Instance UID")));
        send->nodeBox()->setCurrentText(orthanc.node());
        QSignalSpy sent(send, &ui::SendDialog::sendFinished);
        send->sendChosen();
        QVERIFY(waitFor(sent).value(2).toString().contains(QStringLiteral("Tick what to send")));

        QSignalSpy echoed(send, &ui::SendDialog::echoFinished);
        const auto echoTo = [&](const QString& node) {
            send->nodeBox()->setCurrentText(node);
            send->testConnection();
            const auto r = waitFor(echoed);
            if (r.value(0).toBool()) return QStringLiteral("answered?");
            return r.value(1).toString();
        };
        QVERIFY(echoTo(QStringLiteral("ORTHANC")).contains(QStringLiteral("AET@HOST:PORT")));
        QVERIFY(echoTo(QStringLiteral("ORTHANC@127.0.0.1:99999")).contains(QStringLiteral("1 to 65535")));
        const QString nobody = QStringLiteral("NOBODY@127.0.0.1:%1").arg(OrthancServer::freePort());
        QString message = echoTo(nobody);
        QVERIFY2(message.contains(QStringLiteral("cannot reach")), qPrintable(message));
        // Orthanc checks the called AE title: a wrong one is refused, and the message says what to check.
        message = echoTo(QStringLiteral("WRONGAET@127.0.0.1:%1").arg(orthanc.dicomPort()));
        QVERIFY2(message.contains(QStringLiteral("refused")), qPrintable(message));
        QVERIFY(!send->isBusy());
        QVERIFY(!ui::Settings::dicomNodes().contains(nobody));   // failures are not remembered

        window.showQueryPanel();
        ui::QueryPanel* query = window.queryPanel();
        QSignalSpy searched(query, &ui::QueryPanel::searchFinished);
        query->nodeBox()->setCurrentText(nobody);
        query->search();
        message = waitFor(searched).value(1).toString();
        QVERIFY2(message.contains(QStringLiteral("cannot reach")), qPrintable(message));
        QCOMPARE(query->statusLabel()->text(), message);
        query->nodeBox()->setCurrentText(orthanc.node());
        query->studyDateField()->setText(QStringLiteral("2024-02-06"));
        query->search();
        message = waitFor(searched).value(1).toString();
        QVERIFY2(message.contains(QStringLiteral("YYYYMMDD")), qPrintable(message));
        QSignalSpy failed(query, &ui::QueryPanel::retrieveFailed);
        query->retrieveSelected();   // nothing chosen
        QVERIFY(waitFor(failed).value(0).toString().contains(QStringLiteral("Choose a study")));
        QCOMPARE(window.caseList()->caseCount(), 1);
    }
};

BONEAGE_UI_TEST_MAIN(TestPacsWindow)
#include "tst_pacs_window.moc"
