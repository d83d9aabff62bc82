#pragma once
// --screenshot with --view atlas: the atlas comparison of the assessed case, saved as PNG.
#include "CommandLine.h"

namespace boneage::ui {
class MainWindow;
}

namespace boneage::workstation {

// Opens the atlas view for the window's current case (its assessment or chronological age), waits
// for the three views to draw and saves the atlas window. Returns the exit status; problems go to stderr.
int saveAtlasScreenshot(ui::MainWindow& window, const WorkstationArguments& arguments);

} // namespace boneage::workstation
