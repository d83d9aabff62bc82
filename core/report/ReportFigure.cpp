#include "report/ReportFigure.h"

#include "imaging/Display.h"

#include <QPainter>
#include <QPainterPath>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace boneage {

QImage greyPicture(const cv::Mat& grey8)
{
    QImage img(grey8.cols, grey8.rows, QImage::Format_Grayscale8);
    for (int y = 0; y < grey8.rows; ++y) std::copy_n(grey8.ptr<std::uint8_t>(y), grey8.cols, img.scanLine(y));
    return img;
}

QImage reportFigure(const BoneAgeReport& report, int maxSide)
{
    const Radiograph r = report.assessment.filmAsRead(report.radiograph);
    cv::Mat grey = renderDisplay8(r, r.defaultDisplay());
    cv::Mat bgr;
    cv::cvtColor(grey, bgr, cv::COLOR_GRAY2BGR);
    if (report.overlays.attention) {
        // The same blend as `boneage assess --attention`: the maps are relative, so no units.
        const cv::Mat attention = meanAttention(report.assessment.attentionMaps(), grey.size());
        if (!attention.empty()) {
            cv::Mat attention8, heat;
            attention.convertTo(attention8, CV_8U, 255.0);
            cv::applyColorMap(attention8, heat, cv::COLORMAP_JET);
            cv::addWeighted(bgr, 0.55, heat, 0.45, 0.0, bgr);
        }
    }
    QImage img(bgr.cols, bgr.rows, QImage::Format_RGB32);
    for (int y = 0; y < bgr.rows; ++y) {
        const auto* src = bgr.ptr<cv::Vec3b>(y);
        auto* dst = reinterpret_cast<QRgb*>(img.scanLine(y));
        for (int x = 0; x < bgr.cols; ++x) dst[x] = qRgb(src[x][2], src[x][1], src[x][0]);
    }

    const auto& landmarks = report.assessment.landmarks;
    if (landmarks && landmarks->handFound) {
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing);
        const double unit = std::max(1.0, std::max(img.width(), img.height()) / 800.0);
        if (report.overlays.keypoints) {
            const int chains[5][5] = {{0, 1, 2, 3, 4}, {0, 5, 6, 7, 8}, {0, 9, 10, 11, 12}, {0, 13, 14, 15, 16}, {0, 17, 18, 19, 20}};
            p.setPen(QPen(QColor(80, 200, 80), 1.5 * unit));
            const auto& k = landmarks->points;
            for (const auto& c : chains)
                for (int i = 0; i < 4; ++i) p.drawLine(QPointF(k[c[i]].x, k[c[i]].y), QPointF(k[c[i + 1]].x, k[c[i + 1]].y));
            p.setPen(Qt::NoPen);
            for (const auto& point : k) {
                const double s = std::clamp(point.score, 0.0, 1.0);
                p.setBrush(QColor::fromRgbF(1 - s, s, 0.15));
                p.drawEllipse(QPointF(point.x, point.y), 3 * unit, 3 * unit);
            }
        }
        if (report.overlays.rois) {
            QFont font = p.font();
            font.setPixelSize(std::max(9, int(std::lround(11 * unit))));
            p.setFont(font);
            for (const auto& roi : landmarks->rois) {
                const QColor colour = roi.group == "carpal" ? QColor(60, 180, 255) : QColor(255, 200, 60);
                p.setPen(QPen(colour, 1.5 * unit));
                p.setBrush(Qt::NoBrush);
                QPolygonF square;
                for (const auto& c : roi.corners()) square << QPointF(c.x, c.y);
                p.drawPolygon(square);
                p.drawText(square.first() + QPointF(2 * unit, -3 * unit), QString::fromStdString(roi.name));
            }
        }
    }
    if (maxSide > 0 && std::max(img.width(), img.height()) > maxSide)
        img = img.scaled(maxSide, maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return img;
}

} // namespace boneage
