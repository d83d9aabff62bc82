// The workstation window as a reader uses it: opening files (good and corrupt), the patient data
// that gates assessment, assessment in the background, and the --screenshot mode.
#include "UiTestSupport.h"

#include "AssessmentPanel.h"
#include "AssessmentWorker.h"
#include "AttentionLayer.h"
#include "CaseList.h"
#include "MainWindow.h"

#include "inference/ModelPackage.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <cstring>

using namespace boneage;
using boneage::ui::MainWindow;
using boneage::ui::RadiographCase;

namespace {

QString sample(const char* name) { return QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/") + name; }
const QString kModels = QStringLiteral(BONEAGE_SOURCE_DIR "/models");

} // namespace

class TestWorkstation : public QObject {
    Q_OBJECT
    QTemporaryDir settingsHome_;

private slots:
    void initTestCase()
    {
        // Keep the reader's own settings (recent files, switched-off models) out of the tests.
        qputenv("XDG_CONFIG_HOME", settingsHome_.path().toUtf8());
    }

    void corruptFilesGiveAMessageNotACrash()
    {
        QTemporaryDir dir;
        // A DICOM preamble and magic followed by garbage, and a real sample cut off in its pixel data.
        QFile garbage(dir.filePath("garbage.dcm"));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        QByteArray bytes(128, '\0');
        bytes += "DICM";
        for (int i = 0; i < 4000; ++i) bytes += char((i * 37) & 0xff);
        garbage.write(bytes);
        garbage.close();
        QFile original(sample("sample-1402.dcm"));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QFile truncated(dir.filePath("truncated.dcm"));
        QVERIFY(truncated.open(QIODevice::WriteOnly));
        truncated.write(original.read(original.size() / 2));
        truncated.close();

        MainWindow window(kModels);
        window.setErrorDialogsEnabled(false);
        window.show();
        QSignalSpy failed(&window, &MainWindow::caseOpenFailed);
        QCOMPARE(window.openPaths({dir.filePath("garbage.dcm"), dir.filePath("truncated.dcm"), dir.filePath("missing.dcm"),
                                   sample("sample-1491.dcm")}),
                 4);
        QCOMPARE(failed.count(), 3);
        for (const auto& args : failed) {
            const QString message = args.at(0).toString();
            QVERIFY2(message.contains(dir.path()), qPrintable(message));   // names the file
        }
        // Listed with the reason; the readable film beside them opened normally.
        QCOMPARE(window.caseList()->caseAt(0)->status, RadiographCase::Status::Unreadable);
        QVERIFY(!window.caseList()->caseAt(0)->error.isEmpty());
        QVERIFY(window.caseList()->caseAt(3)->radiograph != nullptr);
        window.caseList()->setCurrentRow(1);
        QVERIFY(window.view()->radiograph() == nullptr);
        QVERIFY(window.assessmentPanel()->blockingReason().contains(QStringLiteral("cannot be read")));
        QVERIFY(!window.assessCurrentCase());
    }

    void folderOpensItsRadiographs()
    {
        MainWindow window(kModels);
        window.setErrorDialogsEnabled(false);
        QCOMPARE(window.openPaths({QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples")}), 5);
        for (int i = 0; i < 5; ++i) QVERIFY(window.caseList()->caseAt(i)->radiograph != nullptr);
    }

    void missingSexBlocksAssessmentUntilGiven()
    {
        MainWindow window(kModels);
        window.setErrorDialogsEnabled(false);
        window.openPaths({sample("sample-1417.png")});   // a PNG: no patient data at all
        const auto c = window.currentCase();
        QVERIFY(c && c->radiograph);
        QCOMPARE(c->sex, Sex::Unknown);
        QVERIFY2(!(findModelPackages(kModels.toStdString()).empty()), "no bone age model installed in models/");   // the shipped models are part of the repository: their absence fails
        QVERIFY(window.assessmentPanel()->blockingReason().contains(QStringLiteral("sex")));
        QVERIFY(!window.assessCurrentCase());
        c->sex = Sex::Male;   // what the panel's combo box does
        QVERIFY(window.assessmentPanel()->blockingReason().isEmpty());
        window.worker()->cancel();
    }

    void assessmentRunsWhileTheEventLoopRuns()
    {
        QVERIFY2(!(findModelPackages(kModels.toStdString()).empty()), "no bone age model installed in models/");   // the shipped models are part of the repository: their absence fails
        MainWindow window(kModels);
        window.setErrorDialogsEnabled(false);
        window.show();
        window.openPaths({sample("sample-1491.dcm")});
        // A timer on the GUI thread: it only fires if the event loop keeps running during the assessment.
        int ticks = 0;
        QTimer timer;
        connect(&timer, &QTimer::timeout, [&] { ++ticks; });
        timer.start(5);
        QSignalSpy finished(window.worker(), &ui::AssessmentWorker::finished);
        QSignalSpy progress(window.worker(), &ui::AssessmentWorker::progress);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(window.assessCurrentCase());
        QVERIFY(window.worker()->isRunning());   // start() returned at once: the work is elsewhere
        QVERIFY(clock.elapsed() < 1000);
        QVERIFY(finished.wait(120000));
        const double ms = static_cast<double>(clock.elapsed());
        QVERIFY2(ticks >= std::min(10.0, ms / 5 / 4), qPrintable(QString("%1 ticks in %2 ms").arg(ticks).arg(ms)));
        QVERIFY(progress.count() >= 2);
        const auto c = window.currentCase();
        QCOMPARE(c->status, RadiographCase::Status::Assessed);
        QVERIFY(c->assessment && !c->assessment->models.empty());
        QVERIFY(c->assessment->boneAgeMonths().has_value());
        QVERIFY(c->assessment->comparison().has_value());   // the DICOM sample has birth and study dates
        // The shipped models/ensemble.json fits the shipped packages: the panel shows its interval.
        QVERIFY2(c->assessment->interval.has_value(), c->assessment->intervalNote.c_str());
        QVERIFY2(window.assessmentPanel()->resultText().contains(QStringLiteral("90 % prediction interval")),
                 qPrintable(window.assessmentPanel()->resultText()));
        // Every model's attention map reaches the overlay, which the reader can then switch on.
        QCOMPARE(window.attentionLayer()->models().size(), static_cast<qsizetype>(c->assessment->models.size()));
        QVERIFY(!window.attentionLayer()->isEmpty());
    }

    // A picture that is not a hand: "review required" and no bone age, never a green "normal"; the
    // reader may force an estimate, which stays marked for review.
    void noHandMeansReviewRequiredNotANormalVerdict()
    {
        QVERIFY2(!(findModelPackages(kModels.toStdString()).empty()), "no bone age model installed in models/");   // the shipped models are part of the repository: their absence fails
        QTemporaryDir dir;
        QImage gradient(500, 600, QImage::Format_Grayscale8);
        for (int y = 0; y < gradient.height(); ++y) std::memset(gradient.scanLine(y), 255 * y / gradient.height(), gradient.width());
        QVERIFY(gradient.save(dir.filePath("gradient.png")));
        MainWindow window(kModels);
        window.setErrorDialogsEnabled(false);
        window.show();
        window.openPaths({dir.filePath("gradient.png")});
        const auto c = window.currentCase();
        QVERIFY(c && c->radiograph);
        c->sex = Sex::Female;
        c->chronologicalAgeMonths = 100;   // a verdict could be drawn if an age were reported
        const auto panelText = [&] {
            QStringList texts;
            for (const QLabel* l : window.assessmentPanel()->findChildren<QLabel*>()) texts << l->text();
            return texts.join('\n');
        };
        const auto anywayButton = [&]() -> QPushButton* {
            for (QPushButton* b : window.assessmentPanel()->findChildren<QPushButton*>())
                if (b->text().startsWith("Assess anyway")) return b;
            return nullptr;
        };
        QSignalSpy finished(window.worker(), &ui::AssessmentWorker::finished);
        QVERIFY(window.assessCurrentCase());
        QVERIFY(finished.wait(120000));
        QVERIFY(c->assessment && c->assessment->withheld);
        QVERIFY(!c->assessment->boneAgeMonths());
        QCOMPARE(c->status, RadiographCase::Status::Assessed);
        QCOMPARE(c->statusText(), QString("Review required"));
        QString text = panelText();
        QVERIFY2(text.contains("Review required: no bone age is reported") && text.contains("No hand was recognised"), qPrintable(text));
        QVERIFY2(!text.contains("#208020") && !text.contains("normal (within"), qPrintable(text));
        QVERIFY(anywayButton() && anywayButton()->isVisible());

        anywayButton()->click();
        QVERIFY(finished.wait(120000));
        QVERIFY(c->assessment->forced && c->assessment->reviewRequired());
        text = panelText();
        QVERIFY2(text.contains("Review required: estimated at your request"), qPrintable(text));
        QVERIFY2(!text.contains("#208020"), qPrintable(text));   // a forced estimate is never shown green
        QVERIFY(!anywayButton()->isVisible());
    }

    void screenshotModeWritesThePicture()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("shot.png");
        QProcess p;
        p.start(BONEAGE_WORKSTATION_EXE, {"--screenshot", out, "--overlay", "rois", "--overlay", "attention", "--overlay", "anchors", "--models", kModels,
                                          sample("sample-1491.dcm")});
        QVERIFY(p.waitForFinished(120000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains("not available yet"), qPrintable(err));   // anchors
        if (!findModelPackages(kModels.toStdString()).empty())
            QVERIFY2(err.contains("attention map of"), qPrintable(err));
        const QImage shot(out);
        QVERIFY(!shot.isNull());
        QVERIFY(shot.width() >= 800 && shot.height() >= 600);

        QProcess bad;
        bad.start(BONEAGE_WORKSTATION_EXE, {"--screenshot", dir.filePath("bad.png"), dir.filePath("missing.dcm")});
        QVERIFY(bad.waitForFinished(60000));
        QVERIFY(bad.exitCode() != 0);
        QVERIFY(QString::fromUtf8(bad.readAllStandardError()).contains("missing.dcm"));
        QVERIFY(!QFile::exists(dir.filePath("bad.png")));

        // The output policy (docs/outputs.md): an existing picture is refused before anything is
        // opened, unless --overwrite; the picture is never the film.
        QFile shotFile(out);
        QVERIFY(shotFile.open(QIODevice::ReadOnly));
        const QByteArray first = shotFile.readAll();
        shotFile.close();
        QProcess again;
        again.start(BONEAGE_WORKSTATION_EXE, {"--screenshot", out, "--models", dir.filePath("none"), sample("sample-1491.dcm")});
        QVERIFY(again.waitForFinished(60000));
        const QString refused = QString::fromUtf8(again.readAllStandardError());
        QVERIFY2(again.exitCode() == 6 && refused.contains("exists; add --overwrite"), qPrintable(refused));
        QVERIFY(shotFile.open(QIODevice::ReadOnly));
        QCOMPARE(shotFile.readAll(), first);
        shotFile.close();
        const QString film = dir.filePath("film.png");
        QVERIFY(QFile::copy(sample("sample-1417.png"), film));
        QProcess self;
        self.start(BONEAGE_WORKSTATION_EXE, {"--screenshot", film, "--overwrite", film});
        QVERIFY(self.waitForFinished(60000));
        QVERIFY2(self.exitCode() == 6 && QString::fromUtf8(self.readAllStandardError()).contains("is the FILE input"),
                 "the film was taken for the screenshot");
        QCOMPARE(QImage(film).size(), QImage(sample("sample-1417.png")).size());
        QProcess replaced;
        replaced.start(BONEAGE_WORKSTATION_EXE, {"--screenshot", out, "--overwrite", "--models", dir.filePath("none"), sample("sample-1491.dcm")});
        QVERIFY(replaced.waitForFinished(120000));
        QVERIFY2(replaced.exitCode() == 0, replaced.readAllStandardError().constData());
        QVERIFY(shotFile.open(QIODevice::ReadOnly));
        QVERIFY(shotFile.readAll() != first);   // no assessment this time
        QVERIFY(!QImage(out).isNull());
        for (const QString& name : QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
            QVERIFY2(!name.startsWith('.'), qPrintable(name));
    }
};

BONEAGE_UI_TEST_MAIN(TestWorkstation)
#include "tst_workstation.moc"
