#include "Settings.h"

#include <QFileInfo>
#include <QSettings>

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

QString Settings::language() { return store().value(QStringLiteral("ui/language")).toString(); }
void Settings::setLanguage(const QString& language) { store().setValue(QStringLiteral("ui/language"), language); }

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
