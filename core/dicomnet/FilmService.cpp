#include "dicomnet/FilmService.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <thread>

namespace boneage {

namespace fs = std::filesystem;

namespace {

std::string line(nlohmann::json j)
{
    j["time"] = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void work(int worker, const ServiceOptions& o, FilmQueue& queue, const FilmProcessor& process, const std::atomic<bool>& stop,
          const std::function<void(const std::string&)>& log)
{
    while (!stop.load()) {
        const std::optional<std::string> film = queue.claim();
        if (!film) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            continue;
        }
        const std::string name = fs::path(*film).filename().string();
        const auto started = std::chrono::steady_clock::now();
        ProcessedFilm done;
        try {
            const fs::path results = fs::path(o.spool) / "results" / fs::path(*film).stem();
            fs::create_directories(results);
            done = process(*film, results.string());
        } catch (const std::exception& e) {
            queue.fail(*film, e.what());
            log(line({{"event", "failed"}, {"film", name}, {"worker", worker}, {"reason", e.what()}}));
            continue;
        }
        if (o.sendTo && !done.results.empty()) {
            std::string problem;
            try {
                for (const auto& s : send(*o.sendTo, done.results, o.pacs))
                    if (!s.stored) problem += (problem.empty() ? "" : "; ") + fs::path(s.file).filename().string() + ": " + s.problem;
            } catch (const std::exception& e) {
                problem = e.what();
            }
            if (!problem.empty()) {
                // The node is down or refuses: the film waits in the queue and is done again later
                // (same UIDs, so nothing doubles).
                queue.requeue(*film);
                log(line({{"event", "send_failed"}, {"film", name}, {"worker", worker}, {"reason", problem},
                          {"retry_in_seconds", o.retrySeconds}}));
                for (int waited = 0; waited < o.retrySeconds * 10 && !stop.load(); ++waited)
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                continue;
            }
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        queue.complete(*film, done.summaryJson);
        log(line({{"event", "done"}, {"film", name}, {"worker", worker}, {"milliseconds", std::round(ms)},
                  {"sent", o.sendTo ? nlohmann::json(o.sendTo->toString()) : nlohmann::json(nullptr)},
                  {"result", nlohmann::json::parse(done.summaryJson, nullptr, false)}}));
    }
}

} // namespace

void runFilmService(const ServiceOptions& options, const FilmProcessor& process, const std::atomic<bool>& stop,
                    const std::function<void(const std::string&)>& log)
{
    ServiceOptions o = options;
    FilmQueue queue(o.spool);
    o.listener.incomingFolder = queue.incomingFolder();
    std::mutex logMutex;
    const auto logLine = [&](const std::string& l) {
        std::lock_guard<std::mutex> lock(logMutex);
        log(l);
    };
    if (const int recovered = queue.recover())
        logLine(line({{"event", "recovered"}, {"films", recovered}, {"note", "taken again after an interrupted run"}}));
    // "started" once the port is open: a sender that waits for it is not turned away.
    o.listener.listening = [&] {
        logLine(line({{"event", "started"}, {"ae_title", o.listener.aeTitle}, {"port", o.listener.port}, {"workers", o.workers},
                      {"waiting", queue.waiting()}, {"send_to", o.sendTo ? nlohmann::json(o.sendTo->toString()) : nlohmann::json(nullptr)}}));
    };
    // The workers stop once the listener has: after `stop`, or when the port could not be opened.
    std::atomic<bool> halt{false};
    std::vector<std::thread> workers;
    for (int w = 0; w < std::max(1, o.workers); ++w)
        workers.emplace_back([&, w] { work(w + 1, o, queue, process, halt, logLine); });
    std::exception_ptr failure;
    try {
        listenForFilms(o.listener, stop, {});
    } catch (...) {
        failure = std::current_exception();
    }
    halt = true;   // each worker finishes the film it holds
    for (auto& t : workers) t.join();
    logLine(line({{"event", "stopped"}, {"waiting", queue.waiting()}}));
    if (failure) std::rethrow_exception(failure);
}

} // namespace boneage
