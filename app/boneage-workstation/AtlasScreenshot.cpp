#include "AtlasScreenshot.h"
#include "Screenshot.h"

#include "AtlasView.h"
#include "MainWindow.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>

#include <cstdio>

namespace boneage::workstation {

int saveAtlasScreenshot(ui::MainWindow& window, const WorkstationArguments& arguments)
{
    const auto say = [](const QString& text) { std::fprintf(stderr, "boneage-workstation: %s\n", qPrintable(text)); };
    QElapsedTimer opening;
    opening.start();
    window.showAtlas();
    ui::AtlasView* atlas = window.atlasView();
    if (!arguments.atlasFolder.isEmpty()) {
        atlas->setAtlasFolder(arguments.atlasFolder);
        window.showAtlas();   // the case again, now against this pack
    }
    atlas->resize(1500, 900);
    // Each pane that shows a picture must have drawn it.
    const auto drawn = [&] {
        for (ui::AtlasPane* pane : {atlas->caseView(), atlas->lowerView(), atlas->upperView()})
            if (pane->radiograph() && pane->framesRendered() == 0) return false;
        return atlas->caseView()->framesRendered() > 0;
    };
    QElapsedTimer t;
    t.start();
    while (!drawn() && t.elapsed() < 20000) QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (!drawn()) {
        say(QStringLiteral("the atlas view did not draw (no OpenGL 3.2 context?)"));
        return 3;
    }
    say(QStringLiteral("atlas view open and drawn in %1 ms: %2").arg(opening.elapsed()).arg(atlas->message()));
    QCoreApplication::processEvents();
    const QImage image = atlas->grabImage();
    if (!saveScreenshotImage(image, arguments.screenshot)) {
        say(QStringLiteral("could not write %1").arg(arguments.screenshot));
        return 5;
    }
    return 0;
}

} // namespace boneage::workstation
