#include "report/ReportPdf.h"

#include "anatomy/GpStandards.h"
#include "report/ReportFigure.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QImageReader>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace boneage {

namespace {

// The report's words, in the context "BoneAgeReport" of translations/*.ts.
struct Report {
    Q_DECLARE_TR_FUNCTIONS(BoneAgeReport)
};
QString qs(const std::string& s) { return QString::fromStdString(s); }
QString months1(double m) { return QString::number(m, 'f', 1); }
QString ageText(double m) { return Report::tr("%1 months (%2)").arg(months1(m), qs(yearsAndMonths(m))); }

QString sexText(Sex s)
{
    return s == Sex::Male ? Report::tr("male") : s == Sex::Female ? Report::tr("female") : Report::tr("not recorded");
}

QString maturityText(MaturityClass c)
{
    switch (c) {
    case MaturityClass::Delayed: return Report::tr("delayed (below -2 SD)");
    case MaturityClass::Advanced: return Report::tr("advanced (above +2 SD)");
    case MaturityClass::Normal: break;
    }
    return Report::tr("within +-2 SD");
}

QString methodText(ReadingMethod m)
{
    switch (m) {
    case ReadingMethod::Gp: return Report::tr("Greulich-Pyle");
    case ReadingMethod::Tw3: return Report::tr("TW3");
    case ReadingMethod::Other: break;
    }
    return Report::tr("other");
}

// Lays text out top to bottom on one page, starting a new page when the next line does not fit.
class Page {
public:
    Page(QPdfWriter& writer, QPainter& painter, const BoneAgeReport& report)
        : writer_(writer), p_(painter), report_(report)
    {
        area_ = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()));
        area_.moveTo(0, 0);
        unit_ = writer.resolution() / 72.0;   // one typographic point in device pixels
        y_ = 0;
        footer();
    }
    double unit() const { return unit_; }
    QRectF area() const { return area_; }
    double y() const { return y_; }
    void skip(double points) { y_ += points * unit_; }
    double bottom() const { return area_.bottom() - 40 * unit_; }

    void ensure(double height)
    {
        if (y_ + height <= bottom()) return;
        writer_.newPage();
        y_ = 0;
        footer();
    }
    void newPage()
    {
        writer_.newPage();
        y_ = 0;
        footer();
    }

    // One paragraph, wrapped to the page's width (or `width` points from `indent`).
    void text(const QString& s, double size = 10, bool bold = false, QColor colour = Qt::black, double indent = 0)
    {
        QFont f = font(size, bold);
        p_.setFont(f);
        p_.setPen(colour);
        const QRectF box(area_.left() + indent * unit_, y_, area_.width() - indent * unit_, area_.height());
        const QRectF used = p_.boundingRect(box, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, s);
        ensure(used.height());
        const QRectF at(area_.left() + indent * unit_, y_, area_.width() - indent * unit_, used.height());
        p_.drawText(at, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, s);
        y_ += used.height() + 2 * unit_;
    }
    // Label and value in two columns.
    void field(const QString& label, const QString& value, double size = 10)
    {
        const double labelWidth = 150 * unit_;
        p_.setFont(font(size, false));
        const QRectF valueBox(area_.left() + labelWidth, y_, area_.width() - labelWidth, area_.height());
        const QRectF used = p_.boundingRect(valueBox, Qt::TextWordWrap, value);
        ensure(used.height());
        p_.setPen(QColor(90, 90, 90));
        p_.drawText(QRectF(area_.left(), y_, labelWidth, used.height()), Qt::AlignLeft | Qt::AlignTop, label);
        p_.setPen(Qt::black);
        p_.drawText(QRectF(area_.left() + labelWidth, y_, area_.width() - labelWidth, used.height()), Qt::TextWordWrap, value);
        y_ += used.height() + 1.5 * unit_;
    }
    void heading(const QString& s)
    {
        ensure(40 * unit_);
        skip(6);
        text(s, 12.5, true, QColor(20, 60, 120));
        p_.setPen(QPen(QColor(20, 60, 120), 0.8 * unit_));
        p_.drawLine(QPointF(area_.left(), y_), QPointF(area_.right(), y_));
        skip(4);
    }
    // A red box with the research-use notice.
    void notice()
    {
        const QString s = Report::tr("Research software, not a certified medical device. The estimates must be reviewed by a "
                             "radiologist before any clinical use.");
        p_.setFont(font(10, true));
        const QRectF box(area_.left() + 6 * unit_, y_ + 5 * unit_, area_.width() - 12 * unit_, area_.height());
        const QRectF used = p_.boundingRect(box, Qt::TextWordWrap, s);
        const QRectF frame(area_.left(), y_, area_.width(), used.height() + 10 * unit_);
        p_.setPen(QPen(QColor(180, 30, 30), 1.2 * unit_));
        p_.setBrush(QColor(255, 238, 238));
        p_.drawRect(frame);
        p_.setBrush(Qt::NoBrush);
        p_.setPen(QColor(150, 20, 20));
        p_.drawText(QRectF(box.left(), box.top(), box.width(), used.height()), Qt::TextWordWrap, s);
        y_ += frame.height() + 6 * unit_;
    }
    QFont font(double size, bool bold) const
    {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setPointSizeF(size);
        f.setBold(bold);
        // No ligatures: "fi" stays two letters, so the PDF's text is searched and copied as typed.
        f.setStyleStrategy(QFont::PreferNoShaping);
        return f;
    }
    void setY(double y) { y_ = y; }

private:
    void footer()
    {
        p_.save();
        p_.setFont(font(7.5, false));
        p_.setPen(QColor(110, 110, 110));
        const QString left = Report::tr("Bone Age Workstation %1 - report made %2 - research use only, not a medical device")
                                 .arg(qs(report_.softwareVersion), qs(report_.createdAt));
        const QRectF line(area_.left(), area_.bottom() - 14 * unit_, area_.width(), 14 * unit_);
        p_.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, left);
        p_.drawText(line, Qt::AlignRight | Qt::AlignVCenter, Report::tr("page %1").arg(++pages_));
        p_.restore();
    }
    QPdfWriter& writer_;
    QPainter& p_;
    const BoneAgeReport& report_;
    QRectF area_;
    double unit_ = 1, y_ = 0;
    int pages_ = 0;
};

QString dateText(const std::optional<Date>& d) { return d ? qs(d->toIso()) : QStringLiteral("-"); }
QString orDash(const std::string& s) { return s.empty() ? QStringLiteral("-") : qs(s); }

void patientAndStudy(Page& page, const BoneAgeReport& report)
{
    const RadiographMetadata& m = report.radiograph.metadata;
    const Assessment& a = report.assessment;
    page.heading(Report::tr("Patient and study"));
    QString name = qs(m.patientName);
    name.replace(QLatin1Char('^'), QLatin1String(", "));
    page.field(Report::tr("Patient"), name.isEmpty() ? QStringLiteral("-") : name);
    page.field(Report::tr("Patient ID"), orDash(m.patientId));
    page.field(Report::tr("Sex"), sexText(a.sex));
    page.field(Report::tr("Birth date"), dateText(m.birthDate));
    page.field(Report::tr("Study date"), dateText(m.studyDate));
    if (!m.accessionNumber.empty()) page.field(Report::tr("Accession number"), qs(m.accessionNumber));
    if (!m.studyDescription.empty()) page.field(Report::tr("Study"), qs(m.studyDescription));
    page.field(Report::tr("Chronological age"), a.chronologicalAgeMonths ? ageText(*a.chronologicalAgeMonths) : Report::tr("not known"));
    page.field(Report::tr("Film"), qs(std::filesystem::path(report.sourceFile).filename().string()) + QStringLiteral("  (") +
                               qs(m.format) + QStringLiteral(", %1 x %2 px)").arg(report.radiograph.width()).arg(report.radiograph.height()));
    if (!m.sopInstanceUid.empty()) page.field(Report::tr("SOP Instance UID"), qs(m.sopInstanceUid), 8);
}

void result(Page& page, const BoneAgeReport& report)
{
    const Assessment& a = report.assessment;
    page.heading(Report::tr("Result"));
    const double age = *a.boneAgeMonths();
    const QString who = a.ensemble ? (a.ensemble->fitted ? Report::tr("fitted ensemble of %1 models").arg(a.ensemble->models)
                                                         : Report::tr("mean of %1 models").arg(a.ensemble->models))
                                   : Report::tr("one model");
    page.text(Report::tr("Bone age %1").arg(ageText(age)), 15, true);
    page.field(Report::tr("Estimate"), who);
    if (a.interval)
        page.field(Report::tr("%1 % prediction interval").arg(std::lround(100 * a.interval->nominal)),
                   Report::tr("%1 to %2 months (calibrated on held-out films)").arg(months1(a.interval->lowerMonths), months1(a.interval->upperMonths)));
    else if (!a.intervalNote.empty())
        page.field(Report::tr("Interval"), qs(a.intervalNote));
    if (a.ensemble) page.field(Report::tr("Spread of the models"), Report::tr("%1 months").arg(months1(a.ensemble->spreadMonths)));
    if (const auto c = a.comparison()) {
        page.field(Report::tr("Bone age - chronological age"), Report::tr("%1 months").arg(QString::number(c->differenceMonths, 'f', 1)));
        page.field(Report::tr("SDS"), Report::tr("%1 (SD %2 months; %3)").arg(QString::number(c->sds, 'f', 2), months1(c->standardDeviation), maturityText(c->maturity)));
        page.field(Report::tr("Reference"), Report::tr("Greulich-Pyle atlas, standard deviations of the Brush Foundation data"));
    } else if (!a.chronologicalAgeProblem.empty()) {
        page.field(Report::tr("SDS"), Report::tr("not computed: %1").arg(qs(a.chronologicalAgeProblem)));
    } else {
        page.field(Report::tr("SDS"), Report::tr("not computed: the chronological age is not known"));
    }
    for (const auto& f : a.reviewFlags) page.text(Report::tr("REVIEW REQUIRED: %1").arg(qs(f.message)), 10, true, QColor(170, 30, 30));
}

void readings(Page& page, const BoneAgeReport& report)
{
    page.heading(Report::tr("Readers' readings"));
    if (report.readings.empty()) {
        page.text(Report::tr("No reading recorded for this film."), 10, false, QColor(90, 90, 90));
        return;
    }
    const double model = *report.assessment.boneAgeMonths();
    for (const auto& r : report.readings) {
        QString line = Report::tr("%1 (%2)").arg(ageText(r.boneAgeMonths), methodText(r.method));
        line += QStringLiteral(", ") + Report::tr("%1 months from the models").arg(QString::number(r.boneAgeMonths - model, 'f', 1));
        if (!r.confidence.empty()) line += QStringLiteral(", ") + Report::tr("confidence %1").arg(qs(r.confidence));
        line += QStringLiteral(", ") + qs(r.createdAt);
        if (!r.comment.empty()) line += QStringLiteral("\n") + qs(r.comment);
        page.field(qs(r.reader), line);
    }
}

void models(Page& page, const BoneAgeReport& report)
{
    page.heading(Report::tr("Models"));
    for (const auto& m : report.assessment.models) {
        QString line = Report::tr("bone age %1").arg(ageText(m.estimate.boneAgeMonths));
        if (m.validationMae >= 0) line += QStringLiteral(", ") + Report::tr("held-out MAE %1 months").arg(months1(m.validationMae));
        line += QStringLiteral(", ") + qs(m.estimate.device);
        page.field(qs(m.estimate.modelId), line);
        page.text(Report::tr("package %1, weights SHA-256 %2").arg(qs(std::filesystem::path(m.package).filename().string()), qs(m.weightsSha256)), 7.5,
                  false, QColor(80, 80, 80), 150);
    }
    if (const auto& l = report.assessment.landmarks) {
        QString line = Report::tr("%1, confidence %2").arg(qs(l->modelId), QString::number(l->confidence, 'f', 2));
        if (!l->refinementModelId.empty()) line += QStringLiteral(", ") + Report::tr("refined by %1").arg(qs(l->refinementModelId));
        page.field(Report::tr("Hand landmarks"), line);
    }
    for (const auto& r : report.assessment.refusedEstimates)
        page.field(qs(r.modelId), Report::tr("refused: %1").arg(qs(r.reason)));
}

void figures(Page& page, QPainter& p, const BoneAgeReport& report)
{
    page.newPage();
    page.heading(Report::tr("Film and atlas"));
    const double u = page.unit();
    const QRectF area = page.area();
    const double top = page.y();
    const double height = page.bottom() - top - 30 * u;
    const double filmWidth = report.plates.empty() ? area.width() : area.width() * 0.58;
    const QImage film = reportFigure(report, 1600);
    QSizeF size = QSizeF(film.size()).scaled(QSizeF(filmWidth, height - 24 * u), Qt::KeepAspectRatio);
    p.drawImage(QRectF(area.left(), top, size.width(), size.height()), film);
    QStringList shown;
    if (report.overlays.rois) shown << Report::tr("18 TW3 ROIs");
    if (report.overlays.keypoints) shown << Report::tr("hand keypoints");
    if (report.overlays.attention) shown << Report::tr("attention (relative)");
    p.setFont(page.font(8.5, false));
    p.setPen(Qt::black);
    p.drawText(QRectF(area.left(), top + size.height() + 3 * u, filmWidth, 40 * u), Qt::TextWordWrap,
               Report::tr("The film in its default window") + (shown.isEmpty() ? QString() : QStringLiteral(", ") + shown.join(QStringLiteral(", "))));

    if (report.plates.empty()) {
        if (!report.atlasProblem.empty())
            p.drawText(QRectF(area.left(), top + size.height() + 40 * u, filmWidth, 60 * u), Qt::TextWordWrap,
                       Report::tr("No atlas plates: %1").arg(qs(report.atlasProblem)));
        return;
    }
    const double left = area.left() + filmWidth + 12 * u, width = area.right() - left;
    const double slot = height / 2;
    double y = top;
    for (const auto& plate : report.plates) {
        QImage picture;
        if (!plate.imagePath.empty()) picture.load(QString::fromStdString(plate.imagePath));
        const QRectF frame(left, y, width, slot - 30 * u);
        if (!picture.isNull()) {
            const QSizeF s = QSizeF(picture.size()).scaled(frame.size(), Qt::KeepAspectRatio);
            p.drawImage(QRectF(frame.left(), frame.top(), s.width(), s.height()), picture);
            p.drawText(QRectF(frame.left(), frame.top() + s.height() + 2 * u, width, 28 * u), Qt::TextWordWrap,
                       Report::tr("Atlas plate %1 (%2)").arg(qs(plate.plate.ageLabel()), qs(plate.packName)));
        } else {
            p.drawText(frame, Qt::TextWordWrap, Report::tr("Atlas plate %1: picture missing").arg(qs(plate.plate.ageLabel())));
        }
        y += slot;
    }
}

} // namespace

QByteArray reportPdf(const BoneAgeReport& report)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(16, 14, 16, 12), QPageLayout::Millimeter);
        writer.setResolution(200);
        writer.setTitle(Report::tr("Bone age report"));
        writer.setCreator(QStringLiteral("Bone Age Workstation %1").arg(qs(report.softwareVersion)));
        QPainter painter;
        if (!painter.begin(&writer)) throw std::runtime_error("the PDF could not be started (Qt's PDF writer refused)");
        Page page(writer, painter, report);
        page.text(Report::tr("Bone age report"), 20, true, QColor(20, 60, 120));
        page.notice();
        patientAndStudy(page, report);
        result(page, report);
        readings(page, report);
        models(page, report);
        figures(page, painter, report);
        painter.end();
    }
    if (bytes.size() < 100 || !bytes.startsWith("%PDF")) throw std::runtime_error("the PDF writer produced no document");
    return bytes;
}

} // namespace boneage
