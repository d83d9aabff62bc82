// The reader's preferences: they round-trip through QSettings (in a temporary folder, never the
// user's), the settings dialog writes them, and the ensemble weights reach the assessment: a weight
// of 0 leaves a model out of the mean, other weights give the weighted mean computed by hand.
#include "UiTestSupport.h"

#include "AssessmentWorker.h"
#include "AtlasView.h"
#include "MainWindow.h"
#include "Settings.h"
#include "SettingsDialog.h"

#include "common/CardSeal.h"
#include "inference/Assessment.h"
#include "inference/ModelPackage.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

#include <cmath>

using namespace boneage;
using boneage::ui::MainWindow;
using boneage::ui::Settings;
using boneage::ui::SettingsDialog;

namespace {

const QString kModels = QStringLiteral(BONEAGE_SOURCE_DIR "/models");
QString sample(const char* name) { return QStringLiteral(BONEAGE_SOURCE_DIR "/resources/samples/") + name; }

ModelAssessment modelWith(const std::string& package, double months)
{
    ModelAssessment m;
    m.package = package;
    m.estimate.boneAgeMonths = months;
    return m;
}

// The bone-age packages for girls in a models folder (sample-1405 is a girl's film).
QStringList femalePackages(const QString& models)
{
    QStringList names;
    for (const auto& p : findModelPackages(models.toStdString())) {
        try {
            if (readModelCard(p).appliesTo(Sex::Female)) names << QFileInfo(QString::fromStdString(p)).fileName();
        } catch (const std::exception&) {
        }
    }
    return names;
}

// A models folder with two packages for girls, whatever ships: the shipped girls' package, and a copy
// whose card's calibration line reads 6 months older, so that the two estimates differ. Empty when
// no package for girls ships.
QString twoPackagesForGirls(const QTemporaryDir& dir)
{
    const QStringList shipped = femalePackages(kModels);
    if (shipped.isEmpty()) return {};
    const QDir from(kModels + "/" + shipped.first());
    for (const QString& name : {QStringLiteral("girls-a"), QStringLiteral("girls-b")}) {
        QDir(dir.path()).mkpath(name);
        for (const QString& file : from.entryList(QDir::Files))
            if (!QFile::copy(from.filePath(file), dir.filePath(name + "/" + file))) return {};
    }
    // The hand is looked for first (no estimate without one): the shipped landmark package beside them.
    const QDir landmarks(kModels + "/hand-landmarks-128px");
    QDir(dir.path()).mkpath("hand-landmarks-128px");
    for (const QString& file : landmarks.entryList(QDir::Files))
        if (!QFile::copy(landmarks.filePath(file), dir.filePath("hand-landmarks-128px/" + file))) return {};
    QFile card(dir.filePath("girls-b/model.json"));
    if (!card.open(QIODevice::ReadOnly)) return {};
    QJsonObject json = QJsonDocument::fromJson(card.readAll()).object();
    card.close();
    QJsonObject line = json.value("calibration").toObject();
    line["slope"] = line.value("slope").toDouble(1.0);
    line["centre_months"] = line.value("centre_months").toDouble(120.0);
    line["intercept"] = line.value("intercept").toDouble(0.0) + 6.0;
    json["calibration"] = line;
    json["id"] = QStringLiteral("girls-b");
    if (!card.open(QIODevice::WriteOnly | QIODevice::Truncate)) return {};
    // Re-sealed, as every writer of cards does: the loader refuses an edited card (common/CardSeal.h).
    card.write(QByteArray::fromStdString(sealCardText(QJsonDocument(json).toJson().toStdString())));
    return dir.path();
}

} // namespace

class TestSettings : public QObject {
    Q_OBJECT
    QTemporaryDir settingsHome_;

    // Runs MainWindow's assessment of sample-1405 with the current settings.
    std::optional<Assessment> assessSample(const QString& models = kModels)
    {
        MainWindow window(models);
        window.setErrorDialogsEnabled(false);
        window.openPaths({sample("sample-1405.dcm")});
        QSignalSpy finished(window.worker(), &ui::AssessmentWorker::finished);
        if (!window.assessCurrentCase() || !finished.wait(120000)) return std::nullopt;
        return window.currentCase()->assessment;
    }

private slots:
    void initTestCase()
    {
        boneage::test::useSettingsIn(settingsHome_.path());
        QVERIFY(QSettings(QStringLiteral("BoneAge"), QStringLiteral("Workstation")).fileName().startsWith(settingsHome_.path()));
    }

    void init() { QSettings(QStringLiteral("BoneAge"), QStringLiteral("Workstation")).clear(); }

    void defaults()
    {
        QCOMPARE(Settings::device(), Settings::Device::Automatic);
        QVERIFY(Settings::disabledModels().isEmpty());
        QCOMPARE(Settings::ensembleWeight(QStringLiteral("any-model")), 1.0);
        QVERIFY(Settings::ensembleWeightsForAssessment().empty());
        QCOMPARE(Settings::atlasFolder(), QString());
        QCOMPARE(Settings::language(), QStringLiteral("system"));
        QCOMPARE(Settings::maxIntervalWidthMonths(), Settings::kDefaultMaxIntervalWidthMonths);
    }

    void settingsRoundTripThroughQSettings()
    {
        Settings::setDevice(Settings::Device::Cpu);
        Settings::setDisabledModels({QStringLiteral("model-b")});
        Settings::setEnsembleWeights({{QStringLiteral("model-a"), 0.0}, {QStringLiteral("model-c"), 2.5}, {QStringLiteral("model-d"), 1.0}});
        Settings::setAtlasFolder(QStringLiteral("/data/atlas/gp"));
        Settings::setLanguage(QStringLiteral("zh_CN"));

        // What a new QSettings on the same file reads (the file is written, not only cached).
        QSettings(QStringLiteral("BoneAge"), QStringLiteral("Workstation")).sync();
        QSettings fresh(QSettings(QStringLiteral("BoneAge"), QStringLiteral("Workstation")).fileName(), QSettings::IniFormat);
        QCOMPARE(fresh.value("inference/device").toString(), QStringLiteral("cpu"));
        QCOMPARE(fresh.value("atlas/folder").toString(), QStringLiteral("/data/atlas/gp"));   // the key AtlasView reads
        QCOMPARE(fresh.value("ui/language").toString(), QStringLiteral("zh_CN"));

        QCOMPARE(Settings::device(), Settings::Device::Cpu);
        QCOMPARE(Settings::disabledModels(), QStringList{QStringLiteral("model-b")});
        QCOMPARE(Settings::ensembleWeight(QStringLiteral("model-a")), 0.0);
        QCOMPARE(Settings::ensembleWeight(QStringLiteral("model-b")), 1.0);
        QCOMPARE(Settings::ensembleWeight(QStringLiteral("model-c")), 2.5);
        QCOMPARE(Settings::ensembleWeight(QStringLiteral("model-d")), 1.0);
        const auto forAssessment = Settings::ensembleWeightsForAssessment();
        QCOMPARE(forAssessment.size(), std::size_t(2));   // weight 1 is the default, not passed on
        QCOMPARE(forAssessment.at("model-a"), 0.0);
        QCOMPARE(forAssessment.at("model-c"), 2.5);
        QCOMPARE(Settings::atlasFolder(), QStringLiteral("/data/atlas/gp"));
        QCOMPARE(ui::AtlasView::configuredAtlasFolder(), QStringLiteral("/data/atlas/gp"));   // what the atlas view opens
        QCOMPARE(Settings::language(), QStringLiteral("zh_CN"));

        Settings::setLanguage(QStringLiteral("fr"));   // not translated: back to the system's
        QCOMPARE(Settings::language(), QStringLiteral("system"));
        Settings::setAtlasFolder(QString());
        QCOMPARE(Settings::atlasFolder(), QString());
        Settings::setEnsembleWeights({});
        QVERIFY(Settings::ensembleWeightsForAssessment().empty());
    }

    void dialogWritesTheSettings()
    {
        const int packages = static_cast<int>(findModelPackages(kModels.toStdString()).size());
        QVERIFY2(!(packages < 2), "needs two model packages in models/");   // the shipped models are part of the repository: their absence fails
        QString first, second;
        {
            SettingsDialog dialog(kModels);
            QTableWidget* table = dialog.modelTable();
            QCOMPARE(table->rowCount(), packages);
            first = table->item(0, 0)->data(Qt::UserRole).toString();
            second = table->item(1, 0)->data(Qt::UserRole).toString();
            auto* weight = qobject_cast<QDoubleSpinBox*>(table->cellWidget(0, 1));
            QVERIFY(weight);
            QCOMPARE(weight->value(), 1.0);
            weight->setValue(0.25);
            table->item(1, 0)->setCheckState(Qt::Unchecked);
            dialog.atlasFolderEdit()->setText(QStringLiteral("/data/my-atlas"));
            dialog.languageBox()->setCurrentIndex(dialog.languageBox()->findData(QStringLiteral("de")));
            dialog.deviceBox()->setCurrentIndex(dialog.deviceBox()->findData(QStringLiteral("cpu")));
            QCOMPARE(dialog.maxIntervalBox()->value(), Settings::kDefaultMaxIntervalWidthMonths);
            dialog.maxIntervalBox()->setValue(30);
            dialog.accept();
        }
        QCOMPARE(Settings::ensembleWeight(first), 0.25);
        QCOMPARE(Settings::ensembleWeight(second), 1.0);
        QCOMPARE(Settings::disabledModels(), QStringList{second});
        QCOMPARE(Settings::atlasFolder(), QStringLiteral("/data/my-atlas"));
        QCOMPARE(Settings::language(), QStringLiteral("de"));
        QCOMPARE(Settings::device(), Settings::Device::Cpu);
        QCOMPARE(Settings::maxIntervalWidthMonths(), 30.0);

        // A new dialog shows what is stored.
        SettingsDialog again(kModels);
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(again.modelTable()->cellWidget(0, 1))->value(), 0.25);
        QCOMPARE(again.modelTable()->item(1, 0)->checkState(), Qt::Unchecked);
        QCOMPARE(again.atlasFolderEdit()->text(), QStringLiteral("/data/my-atlas"));
        QCOMPARE(again.languageBox()->currentData().toString(), QStringLiteral("de"));
        QCOMPARE(again.deviceBox()->currentData().toString(), QStringLiteral("cpu"));
        QCOMPARE(again.maxIntervalBox()->value(), 30.0);
    }

    void weightedMeanByHand()
    {
        const std::vector<ModelAssessment> models{modelWith("/models/a", 100), modelWith("/models/b/", 120)};
        QCOMPARE(ensembleBoneAge(models, {}), 110.0);
        QCOMPARE(ensembleBoneAge(models, {{"a", 0.0}}), 120.0);    // b alone
        QCOMPARE(ensembleBoneAge(models, {{"b", 0.0}}), 100.0);    // a alone (trailing slash in b's path)
        QCOMPARE(ensembleBoneAge(models, {{"a", 3.0}}), 105.0);    // (3 * 100 + 120) / 4
        QCOMPARE(ensembleBoneAge(models, {{"a", 0.5}, {"b", 1.5}}), 115.0);
        QCOMPARE(ensembleBoneAge(models, {{"a", -2.0}}), 120.0);   // negative counts as 0
        QCOMPARE(ensembleBoneAge(models, {{"a", 0.0}, {"b", 0.0}}), 110.0);   // all 0: the plain mean
        QCOMPARE(ensembleBoneAge(models, {{"other", 5.0}}), 110.0);   // weights of models that did not run
    }

    void zeroWeightMakesTheEnsembleTheOtherModel()
    {
        QTemporaryDir models;
        const QString folder = twoPackagesForGirls(models);
        QVERIFY2(!folder.isEmpty(), "no bone-age package for girls ships in models/");
        const QStringList female = femalePackages(folder);
        QCOMPARE(female.size(), 2);

        const auto plain = assessSample(folder);
        QVERIFY(plain && plain->ensemble);
        QCOMPARE(plain->models.size(), std::size_t(female.size()));
        QVERIFY(!plain->ensemble->weighted);
        double sum = 0;
        for (const auto& m : plain->models) sum += m.estimate.boneAgeMonths;
        QVERIFY(std::abs(plain->ensemble->boneAgeMonths - sum / plain->models.size()) < 1e-9);

        // The first model's weight 0: the ensemble is the mean of the others (with two models, the second's estimate).
        const QString firstName = QFileInfo(QString::fromStdString(plain->models[0].package)).fileName();
        Settings::setEnsembleWeights({{firstName, 0.0}});
        const auto zero = assessSample(folder);
        QVERIFY(zero && zero->ensemble);
        QVERIFY(zero->ensemble->weighted);
        double others = 0;
        for (std::size_t i = 1; i < zero->models.size(); ++i) others += zero->models[i].estimate.boneAgeMonths;
        others /= static_cast<double>(zero->models.size() - 1);
        QVERIFY2(std::abs(zero->ensemble->boneAgeMonths - others) < 1e-9,
                 qPrintable(QString("%1 vs %2").arg(zero->ensemble->boneAgeMonths).arg(others)));
        // The copy's line reads 6 months older: leaving one model out moves the mean by 3 months.
        QVERIFY(std::abs(std::abs(plain->models[0].estimate.boneAgeMonths - plain->models[1].estimate.boneAgeMonths) - 6.0) < 1e-6);
        QVERIFY(std::abs(std::abs(zero->ensemble->boneAgeMonths - plain->ensemble->boneAgeMonths) - 3.0) < 1e-6);
        QCOMPARE(zero->models.size(), plain->models.size());   // the model still ran and is still shown

        // Weight 3 for the first: (3 a + rest) / (3 + n - 1), by hand.
        Settings::setEnsembleWeights({{firstName, 3.0}});
        const auto three = assessSample(folder);
        QVERIFY(three && three->ensemble);
        double weighted = 3.0 * three->models[0].estimate.boneAgeMonths, total = 3.0;
        for (std::size_t i = 1; i < three->models.size(); ++i) weighted += three->models[i].estimate.boneAgeMonths, total += 1.0;
        QVERIFY(std::abs(three->ensemble->boneAgeMonths - weighted / total) < 1e-9);
        QVERIFY(three->comparison().has_value());
        QVERIFY(std::abs(three->comparison()->differenceMonths - (three->ensemble->boneAgeMonths - *three->chronologicalAgeMonths)) < 1e-9);
    }
};

BONEAGE_UI_TEST_MAIN(TestSettings)
#include "tst_settings.moc"
