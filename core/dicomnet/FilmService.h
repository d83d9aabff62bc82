#pragma once
// The department service (`boneage service`): a storage listener filling the durable queue
// (FilmQueue) and N workers, each taking a film, having it processed (the caller assesses it and
// writes the result objects) and sending the results to the configured node. Films a killed service
// left half-done are taken again at start; the result objects' UIDs are fixed by the film and the
// models (docs/report.md), so doing a film twice sends the same objects again instead of new ones.
// No torch, no Qt: the processing is the caller's.
#include "dicomnet/FilmQueue.h"
#include "dicomnet/PacsClient.h"
#include "dicomnet/StorageListener.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace boneage {

struct ServiceOptions {
    ListenerOptions listener;              // listener.incomingFolder is set from `spool`
    std::string spool;                     // the queue's root folder
    int workers = 1;
    std::optional<DicomNode> sendTo;       // none: results stay in the spool (spool/results)
    PacsOptions pacs;                      // calling AE title and timeouts for sending
    int retrySeconds = 30;                 // a film whose results could not be sent waits this long
};

struct ProcessedFilm {
    std::vector<std::string> results;      // files to send (SR, SC, ...)
    std::string summaryJson;               // one line for done/ and the log
};
// Throws std::exception with the reason when the film cannot be processed (unreadable, no hand, no
// sex): the film goes to failed/ with that reason.
using FilmProcessor = std::function<ProcessedFilm(const std::string& film, const std::string& resultsFolder)>;

// Runs until `stop` is set (SIGTERM). `log` gets one JSON line per event (received, done, failed,
// send retry). Throws NetworkError when the port cannot be opened.
void runFilmService(const ServiceOptions& options, const FilmProcessor& process, const std::atomic<bool>& stop,
                    const std::function<void(const std::string&)>& log);

} // namespace boneage
