// libFuzzer target: a model card (model.json) from arbitrary bytes. The card is a trust boundary
// (inference/ModelCard.h): whatever the bytes, reading them may only end in a PackageError (or the
// seal's CardSyntaxError), never in a crash, another exception, a hang or a huge allocation. Checked
// on each input: the canonical text and the seal (sealing then checking gives Valid, re-sealing
// changes nothing), both card formats with the seal in place, the recipe of whatever object the
// bytes hold, and a recipe that validates applied to a small image.
#include "common/CardSeal.h"
#include "common/TextClip.h"
#include "imaging/Preprocessing.h"
#include "inference/ModelCard.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

void require(bool ok)
{
    if (!ok) std::abort();   // a broken property is a finding
}

// A package's fault reaches the user as one line of valid UTF-8 (also inside `assess --json`).
void requireOneLine(const boneage::PackageError& e)
{
    const std::string m = e.what();
    require(!m.empty() && m.find('\n') == std::string::npos && boneage::clipText(m, m.size()) == m);
}

void tryRecipe(const nlohmann::json& j)
{
    boneage::PreprocessRecipe r;
    try {
        r = boneage::PreprocessRecipe::fromJson(j);
    } catch (const std::invalid_argument&) {
        return;
    }
    // What validates round-trips, and runs on an image without surprises.
    require(boneage::PreprocessRecipe::fromJson(r.toJson()).toJson() == r.toJson());
    if (r.alignHand) return;   // needs keypoints: refused by prepare with invalid_argument
    // Large outputs take the same code path and cost ~100x the time: keep the runs per second up.
    if (std::int64_t(r.width) * r.height > 512 * 512) return;
    static const cv::Mat image = [] {
        cv::Mat m(48, 40, CV_8UC1);
        for (int y = 0; y < m.rows; ++y)
            for (int x = 0; x < m.cols; ++x) m.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>((x * 7 + y * 13) % 256);
        return m;
    }();
    const boneage::PreparedImage p = boneage::prepareDisplayed(image, r);
    require(r.width == 0 || (p.grey8.cols == r.width && p.grey8.rows == r.height));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::string sealed;
    try {
        const std::string canonical = boneage::canonicalCardText(text);
        sealed = boneage::sealCardText(text);
        require(boneage::canonicalCardText(sealed) == canonical);
        require(boneage::checkCardSeal(sealed).state == boneage::CardSealState::Valid);
        require(boneage::sealCardText(sealed) == sealed);
    } catch (const boneage::CardSyntaxError&) {
        // Not a card; the readers must still say so as a PackageError.
        sealed = text;
    }
    for (const bool requireSeal : {true, false}) {
        try {
            (void)boneage::parseModelCard(sealed, "fuzz", requireSeal);
        } catch (const boneage::PackageError& e) {
            requireOneLine(e);
        }
        try {
            (void)boneage::parseLandmarkCard(sealed, "fuzz", requireSeal);
        } catch (const boneage::PackageError& e) {
            requireOneLine(e);
        }
    }
    // The recipe parser on its own: every object of the input, as a card's "input.recipe" would be.
    try {
        boneage::canonicalCardText(text);   // depth-bounded before nlohmann holds it
    } catch (const boneage::CardSyntaxError&) {
        return 0;
    }
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    tryRecipe(j);
    if (j.is_object()) {
        for (const auto& [key, value] : j.items())
            if (value.is_object()) tryRecipe(value);
        if (j.contains("input") && j["input"].is_object() && j["input"].contains("recipe")) tryRecipe(j["input"]["recipe"]);
    }
    return 0;
}
