#pragma once
// boneage-workstation [--language CODE] [--workspace DIR] [FILE|FOLDER...]
// boneage-workstation --screenshot OUT.png [--overwrite] [--overlay NAME...] [--models DIR] FILE
// boneage-workstation --screenshot OUT.png [--overwrite] --view atlas [--atlas DIR] [--models DIR] FILE
#include <QString>
#include <QStringList>

namespace boneage::workstation {

struct WorkstationArguments {
    QStringList paths;
    QString screenshot;      // non-empty: screenshot mode
    bool overwrite = false;  // --overwrite: an existing screenshot file may be replaced
    QStringList overlays;    // rois, keypoints, attention, anchors, crop
    QString modelsDirectory;
    QString view;            // screenshot of: "" the main window, "atlas" the atlas comparison
    QString atlasFolder;     // --atlas DIR: the atlas pack (default: the setting, else the shipped one)
    QString workspace;       // --workspace DIR: opened at start (FILEs then go into it)
    QString language;        // --language CODE (system, en, de, zh_CN): this run only; "" the setting
    bool help = false;
    QString error;           // a usage error, for stderr
};

WorkstationArguments parseArguments(const QStringList& arguments);   // arguments without argv[0]
QString usage();
const QStringList& knownOverlays();

} // namespace boneage::workstation
