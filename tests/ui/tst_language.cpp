// The workstation in German and Simplified Chinese: the translators load from the program's
// resources and the window shows their text; both .ts files are complete and keep every placeholder
// and keyboard accelerator of the English source. (lupdate's view, that the .ts files hold every
// tr() string of the code, is the test ui.translations_cover_the_code.)
#include "UiTestSupport.h"

#include "AssessmentPanel.h"
#include "AgeText.h"
#include "MainWindow.h"
#include "ModelVersionsView.h"
#include "TrainingPanel.h"
#include "RadiographCase.h"
#include "Settings.h"
#include "SettingsDialog.h"

#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QTemporaryDir>
#include <QXmlStreamReader>

using boneage::ui::MainWindow;
using boneage::ui::Settings;
using boneage::ui::SettingsDialog;

namespace {

const QString kModels = QStringLiteral(BONEAGE_SOURCE_DIR "/models");

QStringList menuTitles(const MainWindow& window)
{
    QStringList titles;
    for (const QAction* a : window.menuBar()->actions()) titles << a->text();
    return titles;
}

QStringList buttonTexts(const QWidget* w)
{
    QStringList texts;
    for (const QPushButton* b : w->findChildren<QPushButton*>()) texts << b->text();
    return texts;
}

struct Message {
    QString context, source;
    bool numerus = false;
    QString type;               // the translation's type attribute ("" when finished)
    QStringList translations;   // one, or one per numerus form
};

QList<Message> readTs(const QString& path, QString* error)
{
    QList<Message> messages;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1").arg(path);
        return messages;
    }
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = Message{context, {}, xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"), {}, {}};
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            if (m.numerus) {
                while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                    xml.readNext();
                    if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) m.translations << xml.readElementText();
                }
            } else {
                m.translations << xml.readElementText();
            }
            messages << m;
        }
    }
    if (xml.hasError()) *error = QStringLiteral("%1: %2 (line %3)").arg(path, xml.errorString()).arg(xml.lineNumber());
    return messages;
}

// %1..%9 (what QString::arg fills), %n (tr's count) and QProgressBar's %v / %m.
QSet<QString> placeholders(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("%(L?[1-9]|n|v|m)"));
    QSet<QString> found;
    for (const auto& match : re.globalMatch(text)) found << match.captured(0);
    return found;
}

// Keyboard accelerators: "&X" (not "&&", not an HTML entity).
int accelerators(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("&(?!&)(?![a-zA-Z]+;)(?=\\S)"));
    int count = 0;
    QString t = text;
    t.replace(QLatin1String("&&"), QString());
    for (auto it = re.globalMatch(t); it.hasNext(); it.next()) ++count;
    return count;
}

// Texts that do not fit their widget: labels that do not wrap, buttons and check boxes narrower
// than their text needs.
QStringList clippedTexts(const QWidget* root)
{
    QStringList clipped;
    for (const QLabel* l : root->findChildren<QLabel*>())
        if (l->isVisible() && !l->wordWrap() && !l->text().isEmpty() && l->width() < l->sizeHint().width())
            clipped << QStringLiteral("label \"%1\" %2 < %3").arg(l->text()).arg(l->width()).arg(l->sizeHint().width());
    for (const QAbstractButton* b : root->findChildren<QAbstractButton*>())
        if (b->isVisible() && !b->text().isEmpty() && b->width() < b->minimumSizeHint().width())
            clipped << QStringLiteral("button \"%1\" %2 < %3").arg(b->text()).arg(b->width()).arg(b->minimumSizeHint().width());
    return clipped;
}

} // namespace

class TestLanguage : public QObject {
    Q_OBJECT
    QTemporaryDir settingsHome_;

private slots:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", settingsHome_.path().toUtf8());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsHome_.path());
    }

    void cleanup() { Settings::installTranslators(QStringLiteral("en")); }

    void englishIsTheSource()
    {
        QCOMPARE(Settings::installTranslators(QStringLiteral("en")), QStringLiteral("en"));
        MainWindow window(kModels);
        QCOMPARE(menuTitles(window), (QStringList{"&File", "&Edit", "&View", "A&nnotation", "&Assessment", "&Models", "&Help"}));
        QVERIFY(buttonTexts(window.assessmentPanel()).contains("Assess"));
    }

    void germanMenusAndAssessButton()
    {
        QCOMPARE(Settings::installTranslators(QStringLiteral("de")), QStringLiteral("de"));
        MainWindow window(kModels);
        QCOMPARE(menuTitles(window), (QStringList{"&Datei", "&Bearbeiten", "&Ansicht", "A&nnotation", "Aus&wertung", "&Modelle", "&Hilfe"}));
        const QStringList buttons = buttonTexts(window.assessmentPanel());
        QVERIFY2(buttons.contains("Auswerten") && buttons.contains("Abbrechen"), qPrintable(buttons.join(", ")));
        QVERIFY(!buttons.contains("Assess"));
        QVERIFY(window.windowTitle().contains("Knochenalter"));
        QVERIFY(window.windowTitle().contains("kein Medizinprodukt"));
    }

    void chineseMenusAndAssessButton()
    {
        QCOMPARE(Settings::installTranslators(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        MainWindow window(kModels);
        QCOMPARE(menuTitles(window), (QStringList{"文件(&F)", "编辑(&E)", "视图(&V)", "标注(&N)", "评估(&A)", "模型(&M)", "帮助(&H)"}));
        const QStringList buttons = buttonTexts(window.assessmentPanel());
        QVERIFY2(buttons.contains("评估") && buttons.contains("取消"), qPrintable(buttons.join(", ")));
        QVERIFY(window.windowTitle().contains("骨龄"));
        QVERIFY(window.windowTitle().contains("仅供研究使用，非医疗器械"));
    }

    void errorsAndAgesInTheChosenLanguage()
    {
        // A reader's error gets a headline in the reader's language in front of the core's message.
        QTemporaryDir dir;
        const QString empty = dir.filePath("empty.dcm");
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QCOMPARE(Settings::installTranslators(QStringLiteral("de")), QStringLiteral("de"));
        auto c = boneage::ui::openRadiographCase(empty);
        QCOMPARE(c->status, boneage::ui::RadiographCase::Status::Unreadable);
        QVERIFY2(c->error.startsWith("Die Datei ist leer: "), qPrintable(c->error));
        QVERIFY(c->error.contains("empty.dcm"));
        QCOMPARE(boneage::ui::ageText(57.2), QStringLiteral("4 J. 9 Mon."));
        QCOMPARE(Settings::installTranslators(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        c = boneage::ui::openRadiographCase(empty);
        QVERIFY2(c->error.startsWith("文件为空："), qPrintable(c->error));
        QCOMPARE(boneage::ui::ageText(57.2), QStringLiteral("4 岁 9 个月"));
        QCOMPARE(Settings::installTranslators(QStringLiteral("en")), QStringLiteral("en"));
        QVERIFY2(boneage::ui::openRadiographCase(empty)->error.startsWith("The file is empty: "), qPrintable(boneage::ui::openRadiographCase(empty)->error));
        QCOMPARE(boneage::ui::ageText(57.2), QStringLiteral("4 y 9 m"));
    }

    void languageSettingIsReadWhenNoneIsGiven()
    {
        Settings::setLanguage(QStringLiteral("de"));
        QCOMPARE(Settings::installTranslators(), QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("boneage::ui::AssessmentPanel", "Assess"), QStringLiteral("Auswerten"));
        Settings::setLanguage(QStringLiteral("system"));
        QCOMPARE(Settings::installTranslators(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("boneage::ui::AssessmentPanel", "Assess"), QStringLiteral("Assess"));
    }

    void commandLineChecksTheLanguage()
    {
        QProcess p;
        p.start(BONEAGE_WORKSTATION_EXE, {"--language", "xx", "whatever.dcm"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 64);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("unknown language 'xx'"));
        QProcess help;
        help.start(BONEAGE_WORKSTATION_EXE, {"--help"});
        QVERIFY(help.waitForFinished(60000));
        QVERIFY(QString::fromUtf8(help.readAllStandardOutput()).contains("--language CODE"));
    }

    void textFitsInEveryLanguage_data()
    {
        QTest::addColumn<QString>("language");
        for (const char* code : {"en", "de", "zh_CN"}) QTest::newRow(code) << QString::fromLatin1(code);
    }

    // The settings dialog, the main window at its start-up size and the models' windows show every
    // text whole. With BONEAGE_SCREENSHOT_DIR set, they are saved there as settings-<code>.png,
    // window-<code>.png and training-<code>.png.
    void textFitsInEveryLanguage()
    {
        QFETCH(QString, language);
        QCOMPARE(Settings::installTranslators(language), language);
        const QString shots = qEnvironmentVariable("BONEAGE_SCREENSHOT_DIR");
        SettingsDialog dialog(kModels);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QStringList clipped = clippedTexts(&dialog);
        if (!shots.isEmpty()) dialog.grab().save(shots + "/settings-" + language + ".png");
        MainWindow window(kModels);
        window.setErrorDialogsEnabled(false);
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openPaths({QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/sample-1491.dcm")});
        QCoreApplication::processEvents();
        clipped << clippedTexts(window.assessmentPanel());
        if (!shots.isEmpty()) window.grabWindowImage().save(shots + "/window-" + language + ".png");
        // Models > Train and Models > Model Versions (issue 16), at their opening sizes.
        window.showTrainingPanel();
        window.showModelVersions();
        QVERIFY(QTest::qWaitForWindowExposed(window.trainingPanel()));
        QVERIFY(QTest::qWaitForWindowExposed(window.modelVersionsView()));
        clipped << clippedTexts(window.trainingPanel()) << clippedTexts(window.modelVersionsView());
        if (!shots.isEmpty()) window.trainingPanel()->grab().save(shots + "/training-" + language + ".png");
        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join('\n')));
    }

    void translationFilesAreCompleteAndKeepPlaceholders_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("de") << QStringLiteral(BONEAGE_SOURCE_DIR "/translations/boneage_de.ts");
        QTest::newRow("zh_CN") << QStringLiteral(BONEAGE_SOURCE_DIR "/translations/boneage_zh_CN.ts");
    }

    void translationFilesAreCompleteAndKeepPlaceholders()
    {
        QFETCH(QString, file);
        QString error;
        const QList<Message> messages = readTs(file, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(messages.size() > 150, qPrintable(QString::number(messages.size())));
        QStringList problems;
        for (const Message& m : messages) {
            const QString where = m.context + QStringLiteral(": \"") + m.source + QStringLiteral("\"");
            if (!m.type.isEmpty()) problems << QStringLiteral("%1 is %2").arg(where, m.type);
            if (m.translations.isEmpty()) problems << QStringLiteral("%1 has no translation").arg(where);
            for (const QString& t : m.translations) {
                if (t.trimmed().isEmpty()) problems << QStringLiteral("%1 has an empty translation").arg(where);
                QSet<QString> want = placeholders(m.source), got = placeholders(t);
                if (m.numerus) got << QStringLiteral("%n");   // a form may spell the count out ("ein Modell")
                if (want != got)
                    problems << QStringLiteral("%1: placeholders %2 in the source, %3 in \"%4\"")
                                    .arg(where, QStringList(want.values()).join(' '), QStringList(got.values()).join(' '), t);
                if (accelerators(m.source) != accelerators(t))
                    problems << QStringLiteral("%1: %2 accelerator(s) in the source, %3 in \"%4\"")
                                    .arg(where).arg(accelerators(m.source)).arg(accelerators(t)).arg(t);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    }

    void bothLanguagesTranslateTheSameStrings()
    {
        QString error;
        const auto de = readTs(QStringLiteral(BONEAGE_SOURCE_DIR "/translations/boneage_de.ts"), &error);
        const auto zh = readTs(QStringLiteral(BONEAGE_SOURCE_DIR "/translations/boneage_zh_CN.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<QString> a, b;
        for (const auto& m : de) a << m.context + '\n' + m.source;
        for (const auto& m : zh) b << m.context + '\n' + m.source;
        QCOMPARE(a.size(), de.size());   // no duplicates
        QVERIFY2(a == b, qPrintable(QStringList((a - b).values()).join(" | ") + " // " + QStringList((b - a).values()).join(" | ")));
    }

    // The checker itself: it must notice the faults it is there for.
    void checksCatchTheirFaults()
    {
        QCOMPARE(placeholders("%1 of %2: %n, %v/%m"), (QSet<QString>{"%1", "%2", "%n", "%v", "%m"}));
        QVERIFY(placeholders("Fenster %1") != placeholders("%1 (centre %2)"));
        QCOMPARE(accelerators("&File"), 1);
        QCOMPARE(accelerators("文件(&F)"), 1);
        QCOMPARE(accelerators("Save && quit"), 0);
        QCOMPARE(accelerators("a &amp; b"), 0);
        QTemporaryDir dir;
        QFile f(dir.filePath("bad.ts"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<?xml version=\"1.0\"?><TS version=\"2.1\" language=\"de\"><context><name>C</name>"
                "<message><source>A %1</source><translation type=\"unfinished\"></translation></message>"
                "<message numerus=\"yes\"><source>%n file(s)</source><translation><numerusform>%n Datei</numerusform>"
                "<numerusform></numerusform></translation></message></context></TS>");
        f.close();
        QString error;
        const auto messages = readTs(f.fileName(), &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].type, QStringLiteral("unfinished"));
        QCOMPARE(messages[1].translations, (QStringList{"%n Datei", ""}));
    }
};

BONEAGE_UI_TEST_MAIN(TestLanguage)
#include "tst_language.moc"
