#pragma once
// Painting text and pictures (the report's PDF, the secondary capture) needs a QGuiApplication. The
// command line never shows a window, so it paints on Qt's offscreen platform and needs no display
// (QT_QPA_PLATFORM, when set, is left as it is).
#include <QGuiApplication>

#include <cstdlib>
#include <memory>

namespace boneage::cli {

inline std::unique_ptr<QGuiApplication> startOffscreenPainting()
{
    if (!std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
    static int argc = 1;
    static char name[] = "boneage";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QGuiApplication>(argc, argv);
}

} // namespace boneage::cli
