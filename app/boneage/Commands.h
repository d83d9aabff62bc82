#pragma once
#include <string>
#include <vector>

namespace boneage::cli {

struct Command {
    const char* name;
    const char* summary;
    const char* usage;   // full help text
    int (*run)(const std::vector<std::string>& args);
};

const std::vector<Command>& commands();

int runInfo(const std::vector<std::string>& args);
int runExportDicom(const std::vector<std::string>& args);
int runRecipes(const std::vector<std::string>& args);
int runEcho(const std::vector<std::string>& args);
int runSend(const std::vector<std::string>& args);
int runQuery(const std::vector<std::string>& args);
int runRetrieve(const std::vector<std::string>& args);
int runListen(const std::vector<std::string>& args);
#ifdef BONEAGE_WITH_TORCH
int runArch(const std::vector<std::string>& args);
int runAssess(const std::vector<std::string>& args);
int runReport(const std::vector<std::string>& args);
int runService(const std::vector<std::string>& args);
int runEvaluate(const std::vector<std::string>& args);
int runCalibrate(const std::vector<std::string>& args);
int runLandmarks(const std::vector<std::string>& args);
int runLandmarksCheck(const std::vector<std::string>& args);
#endif
int runPrepare(const std::vector<std::string>& args);
int runAtlas(const std::vector<std::string>& args);
int runPackage(const std::vector<std::string>& args);
int runEnsemble(const std::vector<std::string>& args);
int runWorkspace(const std::vector<std::string>& args);

} // namespace boneage::cli
