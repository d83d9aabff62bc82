#include "Settings.h"
#include "Translations.h"

#include "dicomnet/DicomNode.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QVariantMap>

#include <cstdlib>

namespace boneage::ui {

namespace {
QSettings store() { return QSettings(QStringLiteral("BoneAge"), QStringLiteral("Workstation")); }
}

Settings::Device Settings::device()
{
    return store().value(QStringLiteral("inference/device")).toString() == QLatin1String("cpu") ? Device::Cpu
                                                                                               : Device::Automatic;
}

void Settings::setDevice(Device device)
{
    store().setValue(QStringLiteral("inference/device"), device == Device::Cpu ? QStringLiteral("cpu") : QStringLiteral("auto"));
}

void Settings::applyDeviceBeforeTorchStarts()
{
    // Hiding the GPUs is the one switch that works before and after LibTorch loads its CUDA runtime.
    if (device() == Device::Cpu) ::setenv("CUDA_VISIBLE_DEVICES", "", 1);
}

QStringList Settings::disabledModels() { return store().value(QStringLiteral("inference/disabledModels")).toStringList(); }
void Settings::setDisabledModels(const QStringList& names) { store().setValue(QStringLiteral("inference/disabledModels"), names); }

double Settings::ensembleWeight(const QString& model) { return ensembleWeights().value(model, 1.0); }

QMap<QString, double> Settings::ensembleWeights()
{
    QMap<QString, double> weights;
    const QVariantMap stored = store().value(QStringLiteral("inference/ensembleWeights")).toMap();
    for (auto it = stored.begin(); it != stored.end(); ++it) {
        bool ok = false;
        const double w = it.value().toDouble(&ok);
        if (ok && w >= 0) weights.insert(it.key(), w);
    }
    return weights;
}

void Settings::setEnsembleWeights(const QMap<QString, double>& weights)
{
    QVariantMap stored;
    for (auto it = weights.begin(); it != weights.end(); ++it)
        if (it.value() != 1.0) stored.insert(it.key(), qMax(0.0, it.value()));   // 1 is the default
    if (stored.isEmpty()) store().remove(QStringLiteral("inference/ensembleWeights"));
    else store().setValue(QStringLiteral("inference/ensembleWeights"), stored);
}

std::map<std::string, double> Settings::ensembleWeightsForAssessment()
{
    std::map<std::string, double> weights;
    const auto stored = ensembleWeights();
    for (auto it = stored.begin(); it != stored.end(); ++it)
        if (it.value() != 1.0) weights[it.key().toStdString()] = it.value();
    return weights;
}

double Settings::maxIntervalWidthMonths()
{
    bool ok = false;
    const double v = store().value(QStringLiteral("inference/maxIntervalWidthMonths"), kDefaultMaxIntervalWidthMonths).toDouble(&ok);
    return ok && v >= 0 && v <= 480 ? v : kDefaultMaxIntervalWidthMonths;
}

void Settings::setMaxIntervalWidthMonths(double months)
{
    store().setValue(QStringLiteral("inference/maxIntervalWidthMonths"), qBound(0.0, months, 480.0));
}

QString Settings::atlasFolder() { return store().value(QStringLiteral("atlas/folder")).toString(); }

void Settings::setAtlasFolder(const QString& folder)
{
    if (folder.trimmed().isEmpty()) store().remove(QStringLiteral("atlas/folder"));
    else store().setValue(QStringLiteral("atlas/folder"), folder.trimmed());
}

QString Settings::language()
{
    const QString code = store().value(QStringLiteral("ui/language")).toString();
    return languages().contains(code) ? code : QStringLiteral("system");   // "" was "system" before
}

void Settings::setLanguage(const QString& language)
{
    store().setValue(QStringLiteral("ui/language"), languages().contains(language) ? language : QStringLiteral("system"));
}

QString Settings::installTranslators(const QString& language)
{
    const QString code = language.isEmpty() ? Settings::language() : language;
    // Only the text changes: numbers keep the system's format (the panel's fields read plain numbers).
    const QLocale locale = code == QLatin1String("system") || !languages().contains(code) ? QLocale::system() : QLocale(code);
    return installTranslations(locale, code == QLatin1String("en"));
}

QStringList Settings::languages() { return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")}; }

QStringList Settings::dicomNodes() { return store().value(QStringLiteral("pacs/nodes")).toStringList(); }

void Settings::setDicomNodes(const QStringList& nodes)
{
    QStringList kept;
    for (const QString& n : nodes)
        if (!n.trimmed().isEmpty() && !kept.contains(n.trimmed())) kept << n.trimmed();
    while (kept.size() > kMaxDicomNodes) kept.removeLast();
    store().setValue(QStringLiteral("pacs/nodes"), kept);
}

void Settings::rememberDicomNode(const QString& node)
{
    QStringList nodes = dicomNodes();
    nodes.removeAll(node.trimmed());
    nodes.prepend(node.trimmed());
    setDicomNodes(nodes);
}

QString Settings::callingAeTitle()
{
    return store().value(QStringLiteral("pacs/callingAeTitle"), QString::fromLatin1(kDefaultCallingAeTitle)).toString();
}

void Settings::setCallingAeTitle(const QString& aeTitle) { store().setValue(QStringLiteral("pacs/callingAeTitle"), aeTitle.trimmed()); }

QStringList Settings::recentFiles() { return store().value(QStringLiteral("files/recent")).toStringList(); }

void Settings::addRecentFile(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles) files.removeLast();
    store().setValue(QStringLiteral("files/recent"), files);
}

} // namespace boneage::ui
