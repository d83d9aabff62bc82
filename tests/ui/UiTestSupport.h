#pragma once
// What the workstation's GUI tests share: the OpenGL format VTK needs (set before QApplication),
// synthetic radiographs with known pixel values, waiting for a drawn frame, and mouse drags.
#include "RadiographView.h"

#include "imaging/Radiograph.h"

#include <QApplication>
#include <QImage>
#include <QMouseEvent>
#include <QSettings>
#include <QSurfaceFormat>
#include <QtTest>

#include <memory>

namespace boneage::test {

// A left-button drag in small steps, as a hand makes it (press, moves with the button held, release).
inline void drag(QWidget* w, QPointF from, QPointF to, int steps = 4)
{
    QMouseEvent press(QEvent::MouseButtonPress, from, w->mapToGlobal(from), Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w, &press);
    for (int k = 1; k <= steps; ++k) {
        const QPointF at = from + (to - from) * (double(k) / steps);
        QMouseEvent move(QEvent::MouseMove, at, w->mapToGlobal(at), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w, &move);
    }
    QMouseEvent release(QEvent::MouseButtonRelease, to, w->mapToGlobal(to), Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(w, &release);
}

inline void click(QWidget* w, QPointF at) { drag(w, at, at, 0); }

// Never the reader's own settings: the XDG folder and QSettings' path both point at `home`, under the
// workstation's organisation and application names.
inline void useSettingsIn(const QString& home)
{
    qputenv("XDG_CONFIG_HOME", home.toUtf8());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, home);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, home);
    QCoreApplication::setOrganizationName(QStringLiteral("BoneAge"));
    QCoreApplication::setApplicationName(QStringLiteral("Workstation"));
}

inline void useVtkSurfaceFormat()
{
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    QSurfaceFormat::setDefaultFormat(format);
}

// A 12-bit film (CV_16U) of `width` x `height` with value `background`, MONOCHROME2, no DICOM windows.
inline std::shared_ptr<Radiograph> syntheticRadiograph(int width, int height, int background = 0)
{
    auto r = std::make_shared<Radiograph>();
    r->pixels = cv::Mat(height, width, CV_16U, cv::Scalar(background));
    r->metadata.format = "DICOM";
    r->metadata.bitsStored = 12;
    return r;
}

// A view of 640 x 480 on screen. A view that never appears makes drawnFrame() return a null image,
// which the tests check.
inline std::unique_ptr<ui::RadiographView> shownView()
{
    auto view = std::make_unique<ui::RadiographView>();
    view->resize(640, 480);
    view->show();
    if (!QTest::qWaitForWindowExposed(view.get())) qWarning("the view was not exposed");
    return view;
}

// Draws a new frame and returns what VTK drew (device pixels).
inline QImage drawnFrame(ui::RadiographView& view)
{
    const int before = view.framesRendered();
    view.update();
    if (!QTest::qWaitFor([&] { return view.framesRendered() > before; }, 5000)) return {};
    return view.grabFramebuffer().convertToFormat(QImage::Format_RGB32);
}

struct PixelBox {
    int left = 1 << 30, top = 1 << 30, right = -1, bottom = -1;
    int count = 0;
    bool isEmpty() const { return count == 0; }
};

// The bounding box of the pixels that `match` accepts.
template <typename Match> PixelBox boxOf(const QImage& image, Match match)
{
    PixelBox b;
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            if (match(line[x])) {
                b.left = std::min(b.left, x), b.right = std::max(b.right, x);
                b.top = std::min(b.top, y), b.bottom = std::max(b.bottom, y);
                ++b.count;
            }
    }
    return b;
}

} // namespace boneage::test

// QTEST_MAIN with the surface format set first.
#define BONEAGE_UI_TEST_MAIN(TestClass)                                                                                \
    int main(int argc, char** argv)                                                                                    \
    {                                                                                                                  \
        boneage::test::useVtkSurfaceFormat();                                                                          \
        QApplication app(argc, argv);                                                                                  \
        TestClass test;                                                                                                \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }
