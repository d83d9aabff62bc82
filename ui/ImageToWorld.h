#pragma once
// How the radiograph lies in the view: quarter turns and mirrorings about the image centre. The image
// and every overlay share this one map, so overlays stay registered however the reader turns the film.
// Image coordinates: x right, y down, pixel i covers [i, i+1) (as HandKeypoint and Tw3Roi use them).
// World coordinates are what the VTK camera looks at (x right, y down on screen).
#include <QPointF>

class vtkMatrix4x4;

namespace boneage::ui {

class ImageToWorld {
public:
    ImageToWorld() = default;
    ImageToWorld(double imageWidth, double imageHeight) : cx_(imageWidth / 2), cy_(imageHeight / 2) {}

    QPointF map(QPointF image) const;
    QPointF unmap(QPointF world) const;
    // The same map for VTK actors (their UserMatrix); z is left alone.
    void toMatrix(vtkMatrix4x4* m) const;

    // Applied to the picture as it is on screen now.
    void rotateClockwise();
    void rotateCounterClockwise();
    void flipHorizontal();
    void flipVertical();
    bool isIdentity() const { return a_ == 1 && b_ == 0 && c_ == 0 && d_ == 1; }
    // Width and height of the image once turned (swapped after an odd number of quarter turns).
    QPointF turnedSize(double imageWidth, double imageHeight) const;

private:
    void premultiply(int a, int b, int c, int d);

    // world - centre = [a b; c d] (image - centre); entries are 0 or ±1.
    int a_ = 1, b_ = 0, c_ = 0, d_ = 1;
    double cx_ = 0, cy_ = 0;
};

} // namespace boneage::ui
