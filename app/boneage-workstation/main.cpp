// boneage-workstation: the bone age workstation (research software, not a medical device).
#include "CommandLine.h"
#include "Screenshot.h"

#include "MainWindow.h"
#include "Settings.h"

#include <QApplication>
#include <QStringList>
#include <QSurfaceFormat>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include <unistd.h>

namespace {

// libgomp reads OMP_WAIT_POLICY once, when it loads: its default busy-waiting makes LibTorch's
// threads starve each other (and the GUI thread) on small machines, as `boneage` found. Restart once
// with passive waiting unless the user chose a policy.
void restartWithPassiveOpenMpWaiting(char** argv)
{
#ifdef __linux__
    if (std::getenv("OMP_WAIT_POLICY")) return;
    ::setenv("OMP_WAIT_POLICY", "passive", 1);
    ::execv("/proc/self/exe", argv);
#else
    (void)argv;
#endif
}

} // namespace

int main(int argc, char** argv)
{
    restartWithPassiveOpenMpWaiting(argv);
    QApplication::setOrganizationName(QStringLiteral("BoneAge"));
    QApplication::setApplicationName(QStringLiteral("Workstation"));
    boneage::ui::Settings::applyDeviceBeforeTorchStarts();

    // VTK renders with OpenGL 3.2 core; the format must be the default before QApplication exists.
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    QSurfaceFormat::setDefaultFormat(format);

    QApplication app(argc, argv);
    const auto args = boneage::workstation::parseArguments(app.arguments().mid(1));
    if (args.help) {
        std::fputs(qPrintable(boneage::workstation::usage()), stdout);
        return 0;
    }
    if (!args.error.isEmpty()) {
        std::fprintf(stderr, "boneage-workstation: %s\n%s", qPrintable(args.error), qPrintable(boneage::workstation::usage()));
        return 64;
    }

    // The chosen language (the option, else the setting) before the first widget exists: the
    // translation is read once, at start-up (File > Settings says so).
    boneage::ui::Settings::installTranslators(args.language);

    boneage::ui::MainWindow window(args.modelsDirectory);
    if (!args.screenshot.isEmpty()) return boneage::workstation::takeScreenshot(window, args);
    window.resize(1500, 950);
    window.show();
    if (!args.workspace.isEmpty()) window.openWorkspace(args.workspace);
    if (!args.paths.isEmpty()) window.openPaths(args.paths);
    return app.exec();
}
