#pragma once
// A QOpenGLWidget that VTK renders into: a vtkGenericOpenGLRenderWindow shares the widget's context
// and its frame is blitted into the widget's framebuffer. VTK's own Qt widget is built for Qt 5 on
// Debian and must not be linked, so this follows the recipe in ../shared/docs/toolchain.md.
// Input is left to subclasses (no vtkRenderWindowInteractor: its Qt adapter is Qt 5 only too).
#include <QOpenGLWidget>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkGenericOpenGLRenderWindow;
class vtkRenderer;
class vtkObject;

namespace boneage::ui {

class VtkRenderWidget : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit VtkRenderWidget(QWidget* parent = nullptr);
    ~VtkRenderWidget() override;

    vtkRenderer* renderer() const;
    vtkGenericOpenGLRenderWindow* renderWindow() const;
    // Frames drawn so far (tests and the benchmark wait on it).
    int framesRendered() const { return frames_; }

signals:
    void frameRendered();

protected:
    void initializeGL() override;
    void paintGL() override;
    // Called in paintGL before VTK renders: subclasses bring the camera and props up to date here.
    virtual void prepareFrame() {}

private:
    void releaseGraphics();
    void onMakeCurrent();
    void onIsCurrent(void* callData);

    vtkSmartPointer<vtkGenericOpenGLRenderWindow> window_;
    vtkSmartPointer<vtkRenderer> renderer_;
    unsigned long makeCurrentObserver_ = 0, isCurrentObserver_ = 0;
    int frames_ = 0;
};

} // namespace boneage::ui
