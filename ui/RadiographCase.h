#pragma once
// One open film and what the reader did with it: the radiograph (or why it could not be read), the
// patient data as confirmed by the reader (from DICOM, typed in where missing), and its assessment.
#include "imaging/Radiograph.h"
#include "inference/Assessment.h"
#include "workspace/CaseAnnotation.h"

#include <QImage>
#include <QString>

#include <memory>
#include <optional>

namespace boneage::ui {

struct RadiographCase {
    enum class Status { Open, Assessing, Assessed, Failed, Unreadable };

    QString path;
    std::shared_ptr<const Radiograph> radiograph;   // null when the file could not be read
    QString error;                                   // why it could not be read or assessed
    QImage thumbnail;
    Status status = Status::Open;

    Sex sex = Sex::Unknown;
    std::optional<Date> birthDate, studyDate;
    std::optional<double> chronologicalAgeMonths;
    QString ageSource;   // where the age comes from, for the panel ("the DICOM dates", "entered", ...)

    std::optional<Assessment> assessment;
    // The reader's annotation (keypoints and TW3 boxes): from the model's proposal once assessed, or
    // set from storage; MainWindow keeps it up to date while the reader edits.
    std::optional<CaseAnnotation> annotation;

    // A case of a workspace: its id there and the workspace's folder (empty for a file opened alone).
    QString caseId, workspaceDir;
    // Which model made the assessment, for the panel ("model version 3", "the installed models"):
    // set for workspace cases, whose registry may hold a version in use (issue 16).
    QString producedBy;
    bool annotationStored = false;   // the reader's annotation is in the workspace (else a proposal)

    QString patientLabel() const;   // name, else patient ID, else the file name
    QString statusText() const;
    // Recomputes the age from the two dates once both are known.
    void updateAgeFromDates();
    // Shows the film as its assessment read it: inverted where the landmark model found an inverted
    // export. An assessment reads the film as stored (filmAsStored), so its `read_inverted` says how the
    // stored film reads, also for a result stored in a workspace. True when the radiograph changed.
    bool showFilmAsRead();
    std::shared_ptr<const Radiograph> filmAsStored() const;
};

// Reads the file; never throws: an unreadable file gives a case with status Unreadable and the
// reader's message (which names the file and the reason).
std::shared_ptr<RadiographCase> openRadiographCase(const QString& path);

// The picture files and DICOM files directly in a folder (DICOM files often have no extension:
// files are recognised by their first bytes), sorted by name.
QStringList radiographFilesIn(const QString& folder);

} // namespace boneage::ui
