#include "CommandLine.h"

namespace boneage::workstation {

const QStringList& knownOverlays()
{
    static const QStringList names = {QStringLiteral("attention"), QStringLiteral("rois"), QStringLiteral("keypoints"),
                                      QStringLiteral("anchors"), QStringLiteral("crop"),
                                      QStringLiteral("annotation")};
    return names;
}

QString usage()
{
    return QStringLiteral(
        "usage: boneage-workstation [--language CODE] [--workspace DIR] [FILE|FOLDER...]\n"
        "       boneage-workstation --screenshot OUT.png [--overwrite] [--overlay NAME...] [--models DIR] FILE\n"
        "       boneage-workstation --screenshot OUT.png [--overwrite] --view atlas [--atlas DIR] [--models DIR] FILE\n"
        "       boneage-workstation --screenshot OUT.png [--overwrite] --view rois [--overlay NAME...] [--models DIR] FILE\n"
        "\n"
        "Opens DICOM, PNG, JPEG and TIFF radiographs (files or folders).\n"
        "--screenshot  opens FILE, assesses it with the installed models, shows the overlays asked for\n"
        "              (%1), saves the window as PNG and exits. An existing OUT.png is refused\n"
        "              unless --overwrite; OUT.png may never be FILE.\n"
        "--view atlas  saves the atlas comparison instead: FILE beside the two atlas plates bracketing\n"
        "              its bone age estimate (else its chronological age).\n"
        "--view rois   shows the ROI gallery (the 18 TW3 ROI patches at film resolution) in front.\n"
        "--atlas DIR   the atlas pack for --view atlas (default: the setting atlas/folder, else the\n"
        "              shipped resources/atlas/rsna-reference).\n"
        "--language CODE  the language of this run: system, en, de or zh_CN (default: the setting\n"
        "              in File > Settings, else the system's).\n"
        "--workspace DIR  opens the workspace DIR (its worklist; FILEs and FOLDERs are imported into it).\n"
        "--models DIR  where the model packages are (default: $BONEAGE_MODELS, else the nearest models/\n"
        "              folder above the program).\n"
        "Research use, not a medical device.\n")
        .arg(knownOverlays().join(QStringLiteral(", ")));
}

WorkstationArguments parseArguments(const QStringList& arguments)
{
    WorkstationArguments a;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& arg = arguments[i];
        const auto next = [&](const char* option) -> QString {
            if (i + 1 >= arguments.size()) {
                a.error = QStringLiteral("%1 needs a value").arg(QLatin1String(option));
                return {};
            }
            return arguments[++i];
        };
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            a.help = true;
        } else if (arg == QLatin1String("--screenshot")) {
            a.screenshot = next("--screenshot");
        } else if (arg == QLatin1String("--overwrite")) {
            a.overwrite = true;
        } else if (arg == QLatin1String("--overlay")) {
            const QString name = next("--overlay");
            if (!name.isEmpty() && !knownOverlays().contains(name))
                a.error = QStringLiteral("unknown overlay '%1' (known: %2)").arg(name, knownOverlays().join(QStringLiteral(", ")));
            a.overlays << name;
        } else if (arg == QLatin1String("--view")) {
            a.view = next("--view");
            if (!a.view.isEmpty() && a.view != QLatin1String("atlas") && a.view != QLatin1String("rois"))
                a.error = QStringLiteral("unknown view '%1' (known: atlas, rois)").arg(a.view);
        } else if (arg == QLatin1String("--atlas")) {
            a.atlasFolder = next("--atlas");
        } else if (arg == QLatin1String("--language")) {
            a.language = next("--language");
            static const QStringList codes = {QStringLiteral("system"), QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")};
            if (!a.language.isEmpty() && !codes.contains(a.language))
                a.error = QStringLiteral("unknown language '%1' (known: %2)").arg(a.language, codes.join(QStringLiteral(", ")));
        } else if (arg == QLatin1String("--workspace")) {
            a.workspace = next("--workspace");
        } else if (arg == QLatin1String("--models")) {
            a.modelsDirectory = next("--models");
        } else if (arg.startsWith(QLatin1String("--"))) {
            a.error = QStringLiteral("unknown option %1").arg(arg);
        } else {
            a.paths << arg;
        }
        if (!a.error.isEmpty()) return a;
    }
    if (!a.overlays.isEmpty() && a.screenshot.isEmpty()) a.error = QStringLiteral("--overlay goes with --screenshot");
    else if (a.overwrite && a.screenshot.isEmpty()) a.error = QStringLiteral("--overwrite goes with --screenshot");
    else if ((!a.view.isEmpty() || !a.atlasFolder.isEmpty()) && a.screenshot.isEmpty()) a.error = QStringLiteral("--view and --atlas go with --screenshot");
    else if (!a.workspace.isEmpty() && !a.screenshot.isEmpty()) a.error = QStringLiteral("--workspace does not go with --screenshot");
    else if (!a.screenshot.isEmpty() && a.paths.size() != 1) a.error = QStringLiteral("--screenshot takes exactly one FILE");
    return a;
}

} // namespace boneage::workstation
