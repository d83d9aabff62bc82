// `boneage-train`: the LibTorch-only trainer (train, finetune) for machines that have LibTorch and
// nothing else, e.g. a CUDA box. The same commands are part of `boneage`.
#include "../boneage/CommandLine.h"
#include "../boneage/TrainCommand.h"

#include <cstring>
#include <exception>
#include <iostream>

int main(int argc, char** argv)
{
    using namespace boneage::cli;
    if (argc < 2 || !std::strcmp(argv[1], "--help")) {
        std::cout << "boneage-train: LibTorch-only trainer (research use, not a medical device)\n\n"
                  << kTrainUsage << "\n\n" << kFinetuneUsage << "\n\n" << kEvaluateCacheUsage << "\n\n"
                  << kTrainLandmarksUsage << "\n\n" << kEvaluateLandmarksUsage << "\n";
        return argc < 2 ? 2 : 0;
    }
    const std::string command = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    try {
        if (command == "train") return runTrain(args);
        if (command == "finetune") return runFinetune(args);
        if (command == "evaluate") return runEvaluateCache(args);
        if (command == "train-landmarks") return runTrainLandmarks(args);
        if (command == "evaluate-landmarks") return runEvaluateLandmarksCache(args);
        std::cerr << "boneage-train: unknown command '" << command << "'\n";
        return 2;
    } catch (const UsageError& e) {
        std::cerr << "boneage-train " << command << ": " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "boneage-train " << command << ": " << e.what() << "\n";
        return 1;
    }
}
