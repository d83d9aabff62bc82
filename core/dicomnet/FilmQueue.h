#pragma once
// The department service's durable queue: a folder per state, a film moving between them by rename
// (atomic on one file system), so that a film received is never lost and never half-processed:
//   incoming/  received whole (the storage listener writes here), waiting
//   working/   claimed by a worker; after a kill, recover() puts these back in incoming/
//   done/      processed: the film and a .json line of what was done
//   failed/    could not be processed: the film and a .txt with the reason (an operator may requeue)
// No torch, no Qt.
#include <optional>
#include <string>

namespace boneage {

class FilmQueue {
public:
    explicit FilmQueue(const std::string& root);   // makes the folders

    std::string incomingFolder() const;
    // The oldest film of incoming/ moved to working/ (one caller wins a film; others get another);
    // none when incoming/ is empty.
    std::optional<std::string> claim();
    void complete(const std::string& workingFile, const std::string& summaryJson);
    void fail(const std::string& workingFile, const std::string& reason);
    // Back to incoming/ (to retry later, e.g. the PACS to send to was down).
    void requeue(const std::string& workingFile);
    // What a killed service left in working/ goes back to incoming/; returns how many.
    int recover();
    int waiting() const;   // films in incoming/

private:
    std::string root_;
};

} // namespace boneage
