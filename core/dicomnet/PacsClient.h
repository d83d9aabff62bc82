#pragma once
// Talking to a PACS as a service class user: C-ECHO (is the node there and does it accept us),
// C-STORE (send films and results), C-FIND at study level (query) and C-GET (retrieve a study into a
// folder over the same association, so the PACS needs no route back to us). DCMTK's DcmSCU.
#include "dicomnet/DicomNode.h"

#include <optional>
#include <string>
#include <vector>

namespace boneage {

struct PacsOptions {
    std::string callingAeTitle = kDefaultCallingAeTitle;
    int timeoutSeconds = 30;   // connection, association and each message
};

// Throws NetworkError: not reachable, association refused (names the likely cause), bad status.
void echo(const DicomNode& node, const PacsOptions& options = {});

struct SentFile {
    std::string file, sopClassUid, sopInstanceUid;
    bool stored = false;
    std::string problem;       // why not, when not stored (unreadable file, refused, status)
};
// Sends each file in one association; a file the node refuses does not stop the others. Throws
// NetworkError only when no association can be made.
std::vector<SentFile> send(const DicomNode& node, const std::vector<std::string>& files, const PacsOptions& options = {});

struct StudyQuery {
    std::string patientId, patientName, studyDate, accessionNumber, studyInstanceUid;   // empty: any
};
struct StudyMatch {
    std::string studyInstanceUid, patientId, patientName, patientSex, patientBirthDate, studyDate, studyTime,
        studyDescription, accessionNumber, modalitiesInStudy;
    int instances = -1;        // -1: the node did not say
};
std::vector<StudyMatch> findStudies(const DicomNode& node, const StudyQuery& query, const PacsOptions& options = {});

// Retrieves every instance of the study into `folder` (made if missing), each as SOPInstanceUID.dcm,
// written atomically. Returns the files written. Throws NetworkError when the node refuses or fails.
std::vector<std::string> retrieveStudy(const DicomNode& node, const std::string& studyInstanceUid, const std::string& folder,
                                       const PacsOptions& options = {});

} // namespace boneage
