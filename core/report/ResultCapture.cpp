#include "report/ResultCapture.h"

#include "anatomy/GpStandards.h"
#include "report/ReportFigure.h"
#include "report/ResultDataset.h"

#include <QCoreApplication>
#include <QPainter>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace boneage {

namespace {

// The report's words, in the context "BoneAgeReport" of translations/*.ts.
struct Report {
    Q_DECLARE_TR_FUNCTIONS(BoneAgeReport)
};
QString months1(double m) { return QString::number(m, 'f', 1); }

struct Line {
    QString text;
    bool warning = false;   // review flags and the notice, in red
};

// The lines of the band: the result first, then what it rests on, then the notice.
std::vector<Line> resultLines(const BoneAgeReport& report)
{
    const Assessment& a = report.assessment;
    const double age = *a.boneAgeMonths();
    std::vector<Line> lines;
    QString first = Report::tr("Bone age %1 months (%2)").arg(months1(age), QString::fromStdString(yearsAndMonths(age)));
    if (a.interval)
        first += QStringLiteral("   ") + Report::tr("%1 % interval %2 to %3 months").arg(std::lround(100 * a.interval->nominal))
                                              .arg(months1(a.interval->lowerMonths), months1(a.interval->upperMonths));
    lines.push_back({first});
    QString second;
    if (a.chronologicalAgeMonths) second = Report::tr("chronological age %1 months").arg(months1(*a.chronologicalAgeMonths));
    if (const auto c = a.comparison())
        second += QStringLiteral(", ") + Report::tr("difference %1 months, SDS %2 (Greulich-Pyle)").arg(QString::number(c->differenceMonths, 'f', 1),
                                                                                              QString::number(c->sds, 'f', 2));
    if (!second.isEmpty()) lines.push_back({second});
    for (const auto& r : report.readings)
        lines.push_back({Report::tr("reading by %1: %2 months").arg(QString::fromStdString(r.reader), months1(r.boneAgeMonths))});
    QStringList models;
    for (const auto& m : a.models) models << QString::fromStdString(m.estimate.modelId);
    lines.push_back({Report::tr("models: %1").arg(models.join(QStringLiteral(", ")))});
    for (const auto& f : a.reviewFlags) lines.push_back({Report::tr("REVIEW REQUIRED: %1").arg(QString::fromStdString(f.message)), true});
    lines.push_back({Report::tr("Research software, not a certified medical device. Must be reviewed by a radiologist."), true});
    return lines;
}

} // namespace

QImage resultCapturePicture(const BoneAgeReport& report)
{
    // The film at its own size up to 2048 px (a PACS viewer zooms; the SC stays a few megabytes).
    const QImage film = reportFigure(report, 2048);
    const std::vector<Line> lines = resultLines(report);
    const int fontPixels = std::max(12, film.width() / 55);
    const int lineHeight = int(fontPixels * 1.45);
    const int band = lineHeight * int(lines.size()) + fontPixels;
    QImage picture(film.width(), film.height() + band, QImage::Format_RGB32);
    picture.fill(Qt::black);
    QPainter p(&picture);
    p.drawImage(0, 0, film);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(fontPixels);
    p.setRenderHint(QPainter::TextAntialiasing);
    int y = film.height() + fontPixels / 2;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        font.setBold(i == 0);
        p.setFont(font);
        p.setPen(lines[i].warning ? QColor(255, 120, 120) : QColor(Qt::white));
        const int width = picture.width() - fontPixels;
        p.drawText(QRect(fontPixels / 2, y, width, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(lines[i].text, Qt::ElideRight, width));
        y += lineHeight;
    }
    p.end();
    return picture;
}

void writeResultCapture(const BoneAgeReport& report, const std::string& path)
{
    const QImage picture = resultCapturePicture(report);
    if (picture.width() > 65535 || picture.height() > 65535) throw std::runtime_error("the result picture is too large for DICOM");
    std::vector<Uint8> rgb(std::size_t(picture.width()) * picture.height() * 3);
    for (int y = 0; y < picture.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(picture.constScanLine(y));
        Uint8* out = rgb.data() + std::size_t(y) * picture.width() * 3;
        for (int x = 0; x < picture.width(); ++x) {
            out[3 * x] = Uint8(qRed(line[x]));
            out[3 * x + 1] = Uint8(qGreen(line[x]));
            out[3 * x + 2] = Uint8(qBlue(line[x]));
        }
    }
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    putResultAttributes(ds, report, "sc", UID_SecondaryCaptureImageStorage, "OT", 9702, "Bone age result (image)");
    const auto put = [&](const DcmTagKey& tag, const char* value) {
        if (ds.putAndInsertString(tag, value).bad()) throw std::runtime_error("cannot set a Secondary Capture attribute");
    };
    put(DCM_ConversionType, "WSD");   // workstation
    put(DCM_ImageType, "DERIVED\\SECONDARY");
    put(DCM_BurnedInAnnotation, "YES");
    put(DCM_DerivationDescription, "Bone age result: the film in its default window, overlays and result text burnt in");
    put(DCM_PatientOrientation, "");
    put(DCM_PhotometricInterpretation, "RGB");
    ds.putAndInsertUint16(DCM_SamplesPerPixel, 3);
    ds.putAndInsertUint16(DCM_PlanarConfiguration, 0);
    ds.putAndInsertUint16(DCM_Rows, Uint16(picture.height()));
    ds.putAndInsertUint16(DCM_Columns, Uint16(picture.width()));
    ds.putAndInsertUint16(DCM_BitsAllocated, 8);
    ds.putAndInsertUint16(DCM_BitsStored, 8);
    ds.putAndInsertUint16(DCM_HighBit, 7);
    ds.putAndInsertUint16(DCM_PixelRepresentation, 0);
    if (ds.putAndInsertUint8Array(DCM_PixelData, rgb.data(), static_cast<unsigned long>(rgb.size())).bad())
        throw std::runtime_error("the result picture could not be stored in the Secondary Capture");
    putSourceReference(ds, report, DCM_SourceImageSequence);
    saveDicomAtomically(file, path);
}

} // namespace boneage
