// `boneage package seal|verify DIR...`: the model card's seal (common/CardSeal.h). The loader refuses
// a card that is not sealed or was changed after sealing; `seal` is how a card edited on purpose is
// made loadable again, after the same checks the loader makes, and `verify` says whether a package
// loads and, if not, why.
#include "CommandLine.h"
#include "Commands.h"

#include "common/AtomicFile.h"
#include "common/CardSeal.h"
#include "inference/ModelCard.h"
#ifdef BONEAGE_WITH_TORCH
#include "inference/LandmarkModel.h"
#include "inference/ModelPackage.h"
#endif

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>

namespace boneage::cli {

namespace {

// "boneage-landmarks-1" or anything else (read as a bone age card, which then says what is wrong).
bool isLandmarkCard(const std::string& text)
{
    try {
        canonicalCardText(text);   // syntax and depth first (common/CardSeal.h)
        const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
        return j.is_object() && j.contains("format") && j["format"] == kLandmarkCardFormat;
    } catch (const CardSyntaxError&) {
        return false;
    }
}

// Checks the card's fields (not its seal) and the weights it names; returns the card's id.
std::string checkUnsealed(const std::string& dir, const std::string& text)
{
    const ModelCard card = isLandmarkCard(text) ? parseLandmarkCard(text, dir, /*requireSeal=*/false).card
                                                : parseModelCard(text, dir, /*requireSeal=*/false);
    verifyWeights(card);
    return card.id;
}

bool seal(const std::string& dir)
{
    try {
        const std::string text = readCardText(dir);
        const std::string id = checkUnsealed(dir, text);
        if (checkCardSeal(text).state == CardSealState::Valid) {
            std::printf("%s: already sealed (%s)\n", dir.c_str(), id.c_str());
            return true;
        }
        writeTextAtomically((std::filesystem::path(dir) / "model.json").string(), sealCardText(text));
        std::printf("%s: sealed (%s)\n", dir.c_str(), id.c_str());
        return true;
    } catch (const PackageError& e) {
        std::fprintf(stderr, "%s\n", e.what());
    } catch (const std::exception& e) {   // writing the card
        std::fprintf(stderr, "%s: not sealed: %s\n", dir.c_str(), e.what());
    }
    return false;
}

bool verify(const std::string& dir)
{
    try {
        const std::string text = readCardText(dir);
        std::string id;
#ifdef BONEAGE_WITH_TORCH
        // As assess loads it: the weights are also checked against the network.
        if (isLandmarkCard(text)) id = LandmarkModel::load(dir).id();
        else id = InstalledModel::load(dir).card().id;
#else
        const ModelCard card = isLandmarkCard(text) ? readLandmarkCard(dir).card : readModelCard(dir);
        verifyWeights(card);
        id = card.id + ", weights not loaded: this build has no LibTorch";
#endif
        std::printf("%s: ok (%s)\n", dir.c_str(), id.c_str());
        return true;
    } catch (const PackageError& e) {
        std::fprintf(stderr, "%s\n", e.what());
    }
    return false;
}

} // namespace

int runPackage(const std::vector<std::string>& args)
{
    const Arguments a(args, {}, {});
    const auto& p = a.positional();
    if (p.size() < 2 || (p[0] != "seal" && p[0] != "verify")) throw UsageError("say seal or verify, then one or more package folders");
    bool allOk = true;
    for (size_t i = 1; i < p.size(); ++i) allOk = (p[0] == "seal" ? seal(p[i]) : verify(p[i])) && allOk;
    return allOk ? 0 : 1;
}

} // namespace boneage::cli
