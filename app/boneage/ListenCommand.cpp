// `boneage listen`: receive hand films pushed by a PACS or a modality (C-STORE) into a workspace.
#include "CommandLine.h"
#include "Commands.h"

#include "common/AtomicFile.h"
#include "dicomnet/StorageListener.h"
#include "workspace/Workspace.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace boneage::cli {

namespace {

std::atomic<bool> stopRequested{false};
extern "C" void requestStop(int) { stopRequested = true; }

// Imports every received film in `incoming` (the durable queue: a film leaves it only once the
// workspace holds it, or once it is set aside with the reason in refused/).
void importReceived(Workspace& ws, const std::filesystem::path& incoming)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(incoming))
        if (e.is_regular_file() && e.path().extension() == ".dcm" && e.path().filename().string()[0] != '.') files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        const ImportOutcome o = ws.importFilm(f.string());
        if (o.kind == ImportOutcome::Kind::Refused) {
            const fs::path refused = incoming / "refused";
            fs::create_directories(refused);
            writeTextAtomically((refused / (f.filename().string() + ".txt")).string(), o.message + "\n");
            fs::rename(f, refused / f.filename());
            std::printf("refused  %s: %s\n", f.filename().c_str(), o.message.c_str());
        } else {
            fs::remove(f);
            std::printf("%s %s -> case %s\n", o.kind == ImportOutcome::Kind::Added ? "imported" : "known   ", f.filename().c_str(),
                        o.caseId.c_str());
        }
        std::fflush(stdout);
    }
}

} // namespace

int runListen(const std::vector<std::string>& args)
{
    const Arguments a(args, {"port", "aet", "workspace", "incoming"}, {});
    if (!a.positional().empty()) throw UsageError("listen takes no files");
    const auto workspaceDir = a.value("workspace");
    if (!workspaceDir) throw UsageError("give the workspace the films go into: --workspace DIR");
    ListenerOptions o;
    if (const auto p = a.value("port")) {
        const double port = parseNumber(*p, "port");
        if (port < 1 || port > 65535 || port != static_cast<int>(port)) throw UsageError("--port must be a number from 1 to 65535");
        o.port = static_cast<int>(port);
    }
    if (const auto aet = a.value("aet")) {
        try {
            checkAeTitle(*aet, "--aet");
        } catch (const std::invalid_argument& e) {
            throw UsageError(e.what());
        }
        o.aeTitle = *aet;
    }
    const auto ws = Workspace::open(*workspaceDir, Workspace::Access::ReadWrite);
    o.incomingFolder = a.value("incoming").value_or((std::filesystem::path(ws->dir()) / "incoming").string());
    std::filesystem::create_directories(o.incomingFolder);
    std::signal(SIGTERM, requestStop);
    std::signal(SIGINT, requestStop);
    // What a killed listener left received but not imported goes in first.
    importReceived(*ws, o.incomingFolder);
    o.listening = [&] {
        std::printf("listening as %s on port %d, films into %s (Ctrl-C stops)\n", o.aeTitle.c_str(), o.port, ws->dir().c_str());
        std::fflush(stdout);
    };
    listenForFilms(o, stopRequested, [&] { importReceived(*ws, o.incomingFolder); });
    importReceived(*ws, o.incomingFolder);
    std::printf("stopped\n");
    return 0;
}

} // namespace boneage::cli
