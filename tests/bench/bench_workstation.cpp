// Benchmark (not a test): the workstation's image view on a 2500x2048 16-bit (12 bits stored) DICOM.
//  - open -> first picture: reading the file, handing it to the view and VTK's first drawn frame
//    (target < 1 s), through the view alone and through the main window (which also makes the
//    case list's thumbnail);
//  - window/level dragging: right-button drag events sent to the view, one drawn frame each
//    (frames per second).
// usage (needs an X server): xvfb-run -a -s "-screen 0 1600x1000x24" bench_workstation [runs]
#include "MainWindow.h"
#include "RadiographView.h"

#include "imaging/Display.h"
#include "imaging/DicomWriter.h"
#include "imaging/RadiographLoader.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QSurfaceFormat>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace boneage;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// The bundled sample scaled to a CR plate's size, 12 bits with film-like noise.
QString makeLargeDicom(const QString& dir, DicomCompression compression, const char* name)
{
    const Radiograph r = loadRadiograph(BONEAGE_SOURCE_DIR "/resources/samples/sample-1491.dcm");
    cv::Mat grey = renderDisplay8(r, r.defaultDisplay()), big, wide;
    cv::resize(grey, big, cv::Size(2048, 2500), 0, 0, cv::INTER_CUBIC);
    big.convertTo(wide, CV_16U, 4095.0 / 255.0);
    cv::Mat noise(wide.size(), CV_16S);
    cv::randn(noise, 0, 12);
    cv::add(wide, noise, wide, cv::noArray(), CV_16U);
    cv::min(wide, 4095, wide);
    RadiographMetadata m = r.metadata;
    DicomWriteOptions o;
    o.compression = compression;
    o.bitsStored = 12;
    const QString path = dir + "/" + name;
    writeSecondaryCapture(wide, m, path.toStdString(), o);
    return path;
}

bool waitForFrame(ui::RadiographView& view, int before)
{
    return QTest::qWaitFor([&] { return view.framesRendered() > before; }, 10000);
}

void sendMouse(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent e(type, pos, w->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

} // namespace

int main(int argc, char** argv)
{
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    QSurfaceFormat::setDefaultFormat(format);
    QApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 5;
    QTemporaryDir dir;
    qputenv("XDG_CONFIG_HOME", dir.path().toUtf8());   // recent files of the window go here

    struct File {
        const char* label;
        QString path;
    };
    const std::vector<File> files = {
        {"uncompressed", makeLargeDicom(dir.path(), DicomCompression::None, "plain.dcm")},
        {"JPEG lossless", makeLargeDicom(dir.path(), DicomCompression::JpegLossless, "jpegll.dcm")},
    };
    std::printf("2048 x 2500 pixels, 12 bits stored, %d runs, median milliseconds (first run in brackets)\n", runs);

    ui::RadiographView view;
    view.resize(1100, 900);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) return 1;
    for (const File& f : files) {
        std::vector<double> load, firstFrame, total;
        for (int i = 0; i < runs; ++i) {
            view.setRadiograph(nullptr);
            QTest::qWait(20);
            QElapsedTimer t;
            t.start();
            auto r = std::make_shared<Radiograph>(loadRadiograph(f.path.toStdString()));
            const double loaded = static_cast<double>(t.nsecsElapsed()) / 1e6;
            const int before = view.framesRendered();
            view.setRadiograph(r);
            if (!waitForFrame(view, before)) return 2;
            const double shown = static_cast<double>(t.nsecsElapsed()) / 1e6;
            load.push_back(loaded);
            firstFrame.push_back(shown - loaded);
            total.push_back(shown);
        }
        std::printf("view, %-14s read %6.1f [%6.1f]  to first frame %6.1f [%6.1f]  open -> picture %6.1f [%6.1f]\n", f.label,
                    median(load), load[0], median(firstFrame), firstFrame[0], median(total), total[0]);
    }

    {
        ui::MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.resize(1500, 950);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window)) return 1;
        for (const File& f : files) {
            std::vector<double> total;
            for (int i = 0; i < runs; ++i) {
                QElapsedTimer t;
                t.start();
                const int before = window.view()->framesRendered();
                window.openPaths({f.path});
                if (!waitForFrame(*window.view(), before)) return 2;
                total.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            }
            std::printf("window, %-14s open -> picture (with thumbnail and case list) %6.1f [%6.1f]\n", f.label, median(total), total[0]);
        }
    }

    // Window/level drag: each move changes the window, and the next move waits for its frame.
    view.setRadiograph(std::make_shared<Radiograph>(loadRadiograph(files[0].path.toStdString())));
    waitForFrame(view, view.framesRendered() - 1);
    QTest::qWait(100);
    {
        // For comparison: frames that change nothing (the cost of drawing, without re-mapping the film).
        QElapsedTimer still;
        still.start();
        for (int i = 0; i < 30; ++i) {
            const int before = view.framesRendered();
            view.update();
            if (!waitForFrame(view, before)) return 3;
        }
        std::printf("redraw without change: %.1f ms a frame\n", still.nsecsElapsed() / 1e6 / 30);
    }
    const int moves = 120;
    const QPointF start(500, 400);
    sendMouse(&view, QEvent::MouseButtonPress, start, Qt::RightButton, Qt::RightButton);
    QElapsedTimer t;
    t.start();
    for (int i = 1; i <= moves; ++i) {
        const int before = view.framesRendered();
        const QPointF pos = start + QPointF(3.0 * (i % 40), 2.0 * (i % 30));
        sendMouse(&view, QEvent::MouseMove, pos, Qt::NoButton, Qt::RightButton);
        if (!waitForFrame(view, before)) return 3;
    }
    const double seconds = static_cast<double>(t.nsecsElapsed()) / 1e9;
    sendMouse(&view, QEvent::MouseButtonRelease, start, Qt::RightButton, Qt::NoButton);
    std::printf("window/level drag on the 2048 x 2500 film in a 1100 x 900 view: %.1f frames/s (%.1f ms a frame)\n",
                moves / seconds, 1000 * seconds / moves);
    return 0;
}
