#pragma once
// Receiving films (C-STORE SCP): a PACS or a modality pushes hand radiographs to the program. Each
// instance is written under a temporary name in the incoming folder and renamed to
// SOPInstanceUID.dcm before success is answered, so a film the sender was told is stored is on disk
// whole, whatever happens to the program after (the incoming folder is the durable queue; the caller
// takes the files from it). Only radiograph storage classes are accepted: a CT or an SR is refused
// at association time. DCMTK's DcmSCP.
#include "dicomnet/DicomNode.h"

#include <atomic>
#include <functional>
#include <string>

namespace boneage {

struct ListenerOptions {
    std::string aeTitle = kDefaultCallingAeTitle;   // our AE title; associations calling another are refused
    int port = 11112;
    std::string incomingFolder;                     // made if missing
    int idleSeconds = 1;                            // how often `idle` runs without traffic
    std::function<void()> listening;                // called once the port is open, before any association
};

// The SOP classes the listener accepts: CR, DX (for presentation and processing), Secondary Capture.
const std::vector<std::string>& acceptedFilmClasses();

// Listens until `stop` is true (checked every idleSeconds). `idle` runs between associations and
// after each (the caller imports what arrived). Throws NetworkError when the port cannot be opened.
void listenForFilms(const ListenerOptions& options, const std::atomic<bool>& stop, const std::function<void()>& idle);

} // namespace boneage
