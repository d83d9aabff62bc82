#pragma once
// The reader's preferences, kept by QSettings ("BoneAge" / "Workstation"): where and on what the
// models run, which installed models take part, the language, the recently opened files.
#include <QString>
#include <QStringList>

namespace boneage::ui {

class Settings {
public:
    enum class Device { Automatic, Cpu };   // Automatic: the GPU when LibTorch has CUDA, else the CPU

    static Device device();
    static void setDevice(Device device);
    // Takes effect at the next start: LibTorch decides about CUDA once per process.
    static void applyDeviceBeforeTorchStarts();

    // Package folder names the reader switched off.
    static QStringList disabledModels();
    static void setDisabledModels(const QStringList& names);

    // "" follows the system; otherwise a locale name such as "de" or "zh_CN".
    static QString language();
    static void setLanguage(const QString& language);

    static QStringList recentFiles();
    static void addRecentFile(const QString& path);
    static constexpr int kMaxRecentFiles = 10;
};

} // namespace boneage::ui
