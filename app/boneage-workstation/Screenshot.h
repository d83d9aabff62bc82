#pragma once
// --screenshot: open one file, assess it, show the requested overlays, save the window as PNG.
#include "CommandLine.h"

class QImage;

namespace boneage::ui {
class MainWindow;
}

namespace boneage::workstation {

// Returns the exit status; every problem is explained on stderr. An output the policy of
// common/OutputPath.h refuses (an existing file without --overwrite, FILE itself, a folder) is
// refused before anything is opened: exit status 6.
int takeScreenshot(ui::MainWindow& window, const WorkstationArguments& arguments);

// Writes `image` as PNG to `path` through a temporary file (common/AtomicFile.h); false on failure.
bool saveScreenshotImage(const QImage& image, const QString& path);

} // namespace boneage::workstation
