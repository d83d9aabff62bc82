#pragma once
// --screenshot: open one file, assess it, show the requested overlays, save the window as PNG.
#include "CommandLine.h"

namespace boneage::ui {
class MainWindow;
}

namespace boneage::workstation {

// Returns the exit status; every problem is explained on stderr.
int takeScreenshot(ui::MainWindow& window, const WorkstationArguments& arguments);

} // namespace boneage::workstation
