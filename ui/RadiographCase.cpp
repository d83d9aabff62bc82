#include "RadiographCase.h"

#include "AgeText.h"

#include "anatomy/GpStandards.h"
#include "imaging/Display.h"
#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <exception>

namespace boneage::ui {

namespace {

QString inputProblemText(InputError::Reason reason)
{
    switch (reason) {
    case InputError::Reason::NotFound: return QCoreApplication::translate("RadiographCase", "File not found");
    case InputError::Reason::NotAFile: return QCoreApplication::translate("RadiographCase", "Not a file");
    case InputError::Reason::Empty: return QCoreApplication::translate("RadiographCase", "The file is empty");
    case InputError::Reason::TooLarge: return QCoreApplication::translate("RadiographCase", "The image is too large");
    case InputError::Reason::UnknownFormat: return QCoreApplication::translate("RadiographCase", "Not a DICOM, PNG, JPEG, TIFF or JPEG 2000 file");
    case InputError::Reason::Corrupt: return QCoreApplication::translate("RadiographCase", "The file is damaged");
    case InputError::Reason::Truncated: return QCoreApplication::translate("RadiographCase", "The file is incomplete (truncated)");
    case InputError::Reason::NoPixelData: return QCoreApplication::translate("RadiographCase", "The DICOM file holds no image");
    case InputError::Reason::UnsupportedTransferSyntax: return QCoreApplication::translate("RadiographCase", "Unsupported DICOM compression (transfer syntax)");
    case InputError::Reason::UnsupportedImage: return QCoreApplication::translate("RadiographCase", "Unsupported image type (multi-frame, colour or unusual layout)");
    case InputError::Reason::WrongModality: return QCoreApplication::translate("RadiographCase", "Not a projection radiograph (wrong modality)");
    case InputError::Reason::MissingData: return QCoreApplication::translate("RadiographCase", "Required data is missing");
    case InputError::Reason::NoHand: return QCoreApplication::translate("RadiographCase", "No hand found in the image");
    }
    return QCoreApplication::translate("RadiographCase", "The file cannot be read");
}

} // namespace

namespace {

QImage makeThumbnail(const Radiograph& r, int side)
{
    cv::Mat grey = renderDisplay8(r, r.defaultDisplay());
    const double scale = std::min(static_cast<double>(side) / grey.cols, static_cast<double>(side) / grey.rows);
    cv::Mat small;
    cv::resize(grey, small, cv::Size(std::max(1, cvRound(grey.cols * scale)), std::max(1, cvRound(grey.rows * scale))), 0, 0,
               cv::INTER_AREA);
    return QImage(small.data, small.cols, small.rows, static_cast<qsizetype>(small.step), QImage::Format_Grayscale8).copy();
}

} // namespace

QString RadiographCase::patientLabel() const
{
    if (radiograph) {
        const auto& m = radiograph->metadata;
        if (!m.patientName.empty()) return QString::fromStdString(m.patientName).replace(QLatin1Char('^'), QLatin1String(", "));
        if (!m.patientId.empty()) return QString::fromStdString(m.patientId);
    }
    return QFileInfo(path).fileName();
}

QString RadiographCase::statusText() const
{
    switch (status) {
    case Status::Open: return QCoreApplication::translate("RadiographCase", "Not assessed");
    case Status::Assessing: return QCoreApplication::translate("RadiographCase", "Assessing…");
    case Status::Assessed:
        if (assessment && assessment->withheld) return QCoreApplication::translate("RadiographCase", "Review required");
        if (assessment && assessment->boneAgeMonths())
            return QCoreApplication::translate("RadiographCase", "Bone age %1").arg(ageText(*assessment->boneAgeMonths()));
        return QCoreApplication::translate("RadiographCase", "Assessed");
    case Status::Failed: return QCoreApplication::translate("RadiographCase", "Assessment failed");
    case Status::Unreadable: return QCoreApplication::translate("RadiographCase", "Cannot be read");
    }
    return {};
}

void RadiographCase::updateAgeFromDates()
{
    if (birthDate && studyDate && birthDate->isValid() && studyDate->isValid()) {
        chronologicalAgeMonths = monthsBetween(*birthDate, *studyDate);
        ageSource = QCoreApplication::translate("RadiographCase", "birth and study dates");
    }
}

std::shared_ptr<const Radiograph> RadiographCase::filmAsStored() const
{
    if (!radiograph || !radiograph->metadata.readInverted) return radiograph;
    auto stored = std::make_shared<Radiograph>(*radiograph);
    stored->metadata.readInverted = false;
    return stored;
}

bool RadiographCase::showFilmAsRead()
{
    const bool inverted = assessment && assessment->landmarks && assessment->landmarks->readInverted;
    if (!radiograph || radiograph->metadata.readInverted == inverted) return false;
    auto shown = std::make_shared<Radiograph>(*radiograph);
    shown->metadata.readInverted = inverted;
    radiograph = std::move(shown);
    return true;
}

std::shared_ptr<RadiographCase> openRadiographCase(const QString& path)
{
    auto c = std::make_shared<RadiographCase>();
    c->path = path;
    try {
        auto r = std::make_shared<Radiograph>(loadRadiograph(QFile::encodeName(path).toStdString()));
        const auto& m = r->metadata;
        c->sex = m.sex;
        c->birthDate = m.birthDate;
        c->studyDate = m.studyDate ? m.studyDate : m.acquisitionDate;
        c->chronologicalAgeMonths = m.chronologicalAgeMonths;
        if (m.chronologicalAgeSource == "dates") c->ageSource = QCoreApplication::translate("RadiographCase", "birth and study dates in the file");
        else if (m.chronologicalAgeSource == "PatientAge") c->ageSource = QCoreApplication::translate("RadiographCase", "Patient's Age in the file");
        c->thumbnail = makeThumbnail(*r, 96);
        c->radiograph = std::move(r);
    } catch (const InputError& e) {
        // The reader's message (file and technical reason) is English; the headline in front of it
        // says in the reader's language what is wrong.
        c->status = RadiographCase::Status::Unreadable;
        c->error = QCoreApplication::translate("RadiographCase", "%1: %2", "headline: reader's message")
                       .arg(inputProblemText(e.reason()), QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        c->status = RadiographCase::Status::Unreadable;
        c->error = QString::fromStdString(e.what());
    }
    return c;
}

QStringList radiographFilesIn(const QString& folder)
{
    QStringList files;
    const QDir dir(folder);
    for (const QFileInfo& info : dir.entryInfoList(QDir::Files | QDir::Readable, QDir::Name)) {
        QFile f(info.absoluteFilePath());
        if (!f.open(QIODevice::ReadOnly)) continue;
        const QByteArray head = f.read(512);
        const auto format = sniffFormat(reinterpret_cast<const std::uint8_t*>(head.constData()), static_cast<size_t>(head.size()));
        if (format != FileFormat::Unknown) files << info.absoluteFilePath();
    }
    return files;
}

} // namespace boneage::ui
