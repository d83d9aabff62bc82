#pragma once
// The reader's preferences, kept by QSettings ("BoneAge" / "Workstation"): where and on what the
// models run, which installed models take part and their weights in the ensemble, the atlas folder,
// the language, the DICOM nodes, the recently opened files.
#include <QMap>
#include <QString>
#include <QStringList>

#include <map>
#include <string>

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

    // Each installed model's weight in the ensemble mean, by package folder name (1.0 when not set;
    // 0 leaves the model out of the mean while its own estimate is still shown).
    static double ensembleWeight(const QString& model);
    static QMap<QString, double> ensembleWeights();
    static void setEnsembleWeights(const QMap<QString, double>& weights);
    // As AssessmentOptions::ensembleWeights wants them: only the weights that differ from 1, so an
    // assessment without changed weights is the plain mean, exactly as `boneage assess` computes it.
    static std::map<std::string, double> ensembleWeightsForAssessment();
    // A case whose 90 % prediction interval is wider than this (months) is marked for review; 0: never.
    static double maxIntervalWidthMonths();
    static void setMaxIntervalWidthMonths(double months);
    static constexpr double kDefaultMaxIntervalWidthMonths = 48;

    // The atlas pack shown by View > Compare with Atlas ("" : the shipped reference); key atlas/folder.
    static QString atlasFolder();
    static void setAtlasFolder(const QString& folder);

    // "system" (the default) follows the system's locale; otherwise one of languages(): "en", "de",
    // "zh_CN". Read at start-up (main.cpp); `--language CODE` overrides it for one run.
    static QString language();
    static void setLanguage(const QString& language);
    static QStringList languages();   // the codes the workstation is translated to, "en" first
    // Installs the translators for `language` ("system", "en", "de", "zh_CN"; "" reads the setting) on
    // the running application: the workstation's own (:/i18n/boneage_<code>.qm, built into the
    // program) and Qt's (qtbase_<code>.qm from Qt's translations folder, when installed). Removes
    // those a previous call installed. Returns the language whose translation was loaded ("en" when
    // the text stays in English: English chosen, or no translation for the system's language).
    static QString installTranslators(const QString& language = {});

    // DICOM nodes (issue 19): the PACS the send dialog and the query panel talk to, as AET@HOST:PORT,
    // the last used first (key pacs/nodes); a node is remembered when an exchange with it succeeded.
    static QStringList dicomNodes();
    static void setDicomNodes(const QStringList& nodes);
    static void rememberDicomNode(const QString& node);
    static constexpr int kMaxDicomNodes = 20;
    // Our AE title when calling a node (key pacs/callingAeTitle; default BONEAGE).
    static QString callingAeTitle();
    static void setCallingAeTitle(const QString& aeTitle);

    static QStringList recentFiles();
    static void addRecentFile(const QString& path);
    static constexpr int kMaxRecentFiles = 10;
};

} // namespace boneage::ui
