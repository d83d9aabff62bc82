#include "VtkRenderWidget.h"

#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>

namespace boneage::ui {

VtkRenderWidget::VtkRenderWidget(QWidget* parent)
    : QOpenGLWidget(parent)
    , window_(vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New())
    , renderer_(vtkSmartPointer<vtkRenderer>::New())
{
    window_->AddRenderer(renderer_);
    const auto observe = [this](unsigned long event, void (*fn)(vtkObject*, unsigned long, void*, void*)) {
        vtkNew<vtkCallbackCommand> cb;
        cb->SetClientData(this);
        cb->SetCallback(fn);
        return window_->AddObserver(event, cb);
    };
    makeCurrentObserver_ = observe(vtkCommand::WindowMakeCurrentEvent, [](vtkObject*, unsigned long, void* self, void*) {
        static_cast<VtkRenderWidget*>(self)->onMakeCurrent();
    });
    isCurrentObserver_ = observe(vtkCommand::WindowIsCurrentEvent, [](vtkObject*, unsigned long, void* self, void* data) {
        static_cast<VtkRenderWidget*>(self)->onIsCurrent(data);
    });
    // Multisampling only smooths polygon edges, which a film does not have; on a software renderer
    // (llvmpipe, Xvfb) it multiplies the cost of every frame.
    window_->SetMultiSamples(0);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);   // the pixel readout follows the cursor without a button held
}

VtkRenderWidget::~VtkRenderWidget()
{
    // VTK frees its textures and buffers in our context: make it current while it still exists.
    // A widget that was never shown has no context and VTK holds no GL resources.
    if (isValid()) {
        disconnect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &VtkRenderWidget::releaseGraphics);
        releaseGraphics();
    }
    window_->RemoveObserver(makeCurrentObserver_);
    window_->RemoveObserver(isCurrentObserver_);
}

vtkRenderer* VtkRenderWidget::renderer() const { return renderer_; }
vtkGenericOpenGLRenderWindow* VtkRenderWidget::renderWindow() const { return window_; }

void VtkRenderWidget::onMakeCurrent()
{
    // Only when another context is current: an unconditional makeCurrent() rebinds Qt's framebuffer
    // behind VTK's state cache and the view renders black.
    if (QOpenGLContext::currentContext() != context()) makeCurrent();
}

void VtkRenderWidget::onIsCurrent(void* callData)
{
    *static_cast<bool*>(callData) = QOpenGLContext::currentContext() == context();
}

void VtkRenderWidget::initializeGL()
{
    // Qt makes a new context when the widget moves to another top-level window: VTK's textures and
    // shaders belong to the old one and must be released while it is still current.
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &VtkRenderWidget::releaseGraphics, Qt::UniqueConnection);
    window_->SetOwnContext(0);
    window_->SetReadyForRendering(true);
    window_->SetForceMaximumHardwareLineWidth(1);   // else Mesa draws every line 1 px wide
    window_->SetFrameBlitMode(vtkOpenGLRenderWindow::NoBlit);   // paintGL blits into Qt's framebuffer
    window_->InitializeFromCurrentContext();
}

void VtkRenderWidget::releaseGraphics()
{
    makeCurrent();
    window_->Finalize();
    doneCurrent();
}

void VtkRenderWidget::paintGL()
{
    prepareFrame();
    const qreal dpr = devicePixelRatioF();
    const int w = qRound(width() * dpr), h = qRound(height() * dpr);
    window_->SetSize(w, h);
    // Qt changed GL state since VTK's last frame: let VTK re-read it instead of trusting its cache.
    window_->GetState()->Reset();
    window_->Render();

    QOpenGLExtraFunctions* f = context()->extraFunctions();
    f->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    const GLenum colour = GL_COLOR_ATTACHMENT0;
    f->glDrawBuffers(1, &colour);
    window_->BlitDisplayFramebuffer();
    // VTK leaves alpha below 1 where it drew translucent props: Qt would blend the widget with the
    // window behind it.
    f->glBindFramebuffer(GL_FRAMEBUFFER, defaultFramebufferObject());
    f->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    f->glClearColor(0, 0, 0, 1);
    f->glClear(GL_COLOR_BUFFER_BIT);
    f->glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    ++frames_;
    emit frameRendered();
}

} // namespace boneage::ui
