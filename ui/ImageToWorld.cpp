#include "ImageToWorld.h"

#include <vtkMatrix4x4.h>

#include <cmath>

namespace boneage::ui {

QPointF ImageToWorld::map(QPointF p) const
{
    const double x = p.x() - cx_, y = p.y() - cy_;
    return {a_ * x + b_ * y + cx_, c_ * x + d_ * y + cy_};
}

QPointF ImageToWorld::unmap(QPointF w) const
{
    // The matrix is orthogonal: its inverse is its transpose.
    const double x = w.x() - cx_, y = w.y() - cy_;
    return {a_ * x + c_ * y + cx_, b_ * x + d_ * y + cy_};
}

void ImageToWorld::toMatrix(vtkMatrix4x4* m) const
{
    m->Identity();
    m->SetElement(0, 0, a_);
    m->SetElement(0, 1, b_);
    m->SetElement(1, 0, c_);
    m->SetElement(1, 1, d_);
    m->SetElement(0, 3, cx_ - (a_ * cx_ + b_ * cy_));
    m->SetElement(1, 3, cy_ - (c_ * cx_ + d_ * cy_));
}

void ImageToWorld::premultiply(int a, int b, int c, int d)
{
    const int na = a * a_ + b * c_, nb = a * b_ + b * d_;
    const int nc = c * a_ + d * c_, nd = c * b_ + d * d_;
    a_ = na, b_ = nb, c_ = nc, d_ = nd;
}

// With y pointing down on screen, (x, y) -> (-y, x) turns the picture clockwise.
void ImageToWorld::rotateClockwise() { premultiply(0, -1, 1, 0); }
void ImageToWorld::rotateCounterClockwise() { premultiply(0, 1, -1, 0); }
void ImageToWorld::flipHorizontal() { premultiply(-1, 0, 0, 1); }
void ImageToWorld::flipVertical() { premultiply(1, 0, 0, -1); }

QPointF ImageToWorld::turnedSize(double w, double h) const
{
    return a_ != 0 ? QPointF(w, h) : QPointF(h, w);
}

} // namespace boneage::ui
