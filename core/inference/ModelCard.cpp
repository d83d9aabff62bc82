#include "inference/ModelCard.h"

#include "anatomy/HandKeypoints.h"   // kHandKeypointCount (a constant: nothing to link)

#include "common/CardSeal.h"
#include "common/JsonFields.h"
#include "common/RegularFile.h"
#include "common/TextClip.h"
#include "common/Sha256.h"

#include <algorithm>
#include <filesystem>
#include <new>

namespace boneage {

namespace fs = std::filesystem;

namespace {

std::string cardPath(const std::string& directory) { return (fs::path(directory) / "model.json").string(); }

// The bounds of the fields below are far outside what a real card holds and well inside what this
// program can do safely; docs/training.md ("Model packages") lists them.
constexpr size_t kMaxIdBytes = 128;
constexpr size_t kMaxTextBytes = 4096;   // paper, description, sex_handling

// Letters, digits, '.', '_' and '-': architecture and preset names (they also name files and lists).
void requireName(const std::string& value, const char* field)
{
    const bool ok = !value.empty() && value.size() <= 64 && std::all_of(value.begin(), value.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                               c == '_' || c == '-';
                    });
    if (!ok)
        throw std::invalid_argument(std::string("\"") + field + "\" is '" + clipText(value, 64) +
                                    "'; it must be 1 to 64 letters, digits, '.', '_' or '-'");
}

// The card's JSON, after its syntax, depth, format and seal are checked (in that order: a card of
// another kind is named as such before its seal is looked at).
nlohmann::json parseSealed(const std::string& text, const std::string& directory, const char* format, bool requireSeal)
{
    const std::string path = cardPath(directory);
    if (text.size() > kMaxCardBytes)
        throw PackageError(path + " is larger than " + std::to_string(kMaxCardBytes) + " bytes: it is not a model card. Reinstall the package.");
    // The seal's reader is strict JSON with a depth limit: it runs first, so that nlohmann::json
    // never sees a card nested deep enough to exhaust the stack when copied.
    const CardSealCheck seal = checkCardSeal(text);
    nlohmann::json j = nlohmann::json::parse(text);
    if (!j.is_object()) throw PackageError(path + ": the card is not a JSON object.");
    const auto f = j.find("format");
    const std::string found = f != j.end() && f->is_string() ? f->get<std::string>() : std::string();
    if (found != format) {
        if (std::string(format) == kLandmarkCardFormat)
            throw PackageError(path + ": not a landmark card (format '" + clipText(found, 64) + "').");
        throw PackageError(path + ": unknown card format '" + clipText(found, 64) + "' (this program reads " + format + ").");
    }
    if (requireSeal && seal.state != CardSealState::Valid) throw PackageError(cardSealProblem(path, directory, seal));
    return j;
}

// The fields both card formats share. Throws std::invalid_argument naming the field.
void readCommonFields(ModelCard& c, const std::string& text, const std::string& directory, const char* format, bool requireSeal)
{
    c.directory = directory;
    c.json = parseSealed(text, directory, format, requireSeal);
    const nlohmann::json& j = c.json;
    c.id = fields::text(j, "id", "", kMaxIdBytes);
    if (c.id.empty() || std::any_of(c.id.begin(), c.id.end(), [](unsigned char ch) { return ch < 0x20 || ch == 0x7f; }))
        throw std::invalid_argument("\"id\" must be 1 to 128 characters, without control characters");
    c.architecture = fields::text(j, "architecture", "", 64);
    requireName(c.architecture, "architecture");
    c.description = fields::text(j, "description", "", kMaxTextBytes, "");
    c.parameters = fields::integer(j, "parameters", "", 1, 4'000'000'000, 0);

    const nlohmann::json* w = j.contains("weights") ? &j.at("weights") : nullptr;
    if (!w || !w->is_object()) throw std::invalid_argument("\"weights\" must be an object (file, bytes, sha256, dtype)");
    c.weightsFile = fields::text(*w, "file", "weights.", 255);
    // A plain name inside the package: never a path that leaves it, never the card itself.
    if (c.weightsFile.empty() || c.weightsFile == "." || c.weightsFile == ".." || c.weightsFile == "model.json" ||
        c.weightsFile.find_first_of(std::string("/\\\0", 3)) != std::string::npos)
        throw std::invalid_argument("\"weights.file\" must be a plain file name inside the package");
    c.weightsSha256 = fields::text(*w, "sha256", "weights.", 64);
    if (c.weightsSha256.size() != 64 ||
        !std::all_of(c.weightsSha256.begin(), c.weightsSha256.end(), [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'); }))
        throw std::invalid_argument("\"weights.sha256\" must be 64 lowercase hexadecimal digits");
    c.weightsBytes = static_cast<std::uint64_t>(fields::integer(*w, "bytes", "weights.", 1, static_cast<std::int64_t>(kMaxWeightsBytes)));
    // float32 is the default of cards written before the trainer stored float16.
    c.weightsDtype = fields::text(*w, "dtype", "weights.", 16, "float32");
    if (c.weightsDtype != "float32" && c.weightsDtype != "float16")
        throw std::invalid_argument("\"weights.dtype\" is '" + clipText(c.weightsDtype, 16) + "'; it must be float32 or float16");

    const nlohmann::json* input = j.contains("input") ? &j.at("input") : nullptr;
    if (!input || !input->is_object()) throw std::invalid_argument("\"input\" must be an object (size, channels, recipe)");
    c.inputChannels = static_cast<int>(fields::integer(*input, "channels", "input.", 1, 3, 1));
    if (c.inputChannels == 2) throw std::invalid_argument("\"input.channels\" is 2; it must be 1 (grey) or 3 (grey replicated)");
    if (!input->contains("recipe")) throw std::invalid_argument("\"input.recipe\" is missing");
    try {
        c.recipe = PreprocessRecipe::fromJson(input->at("recipe"));
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("input.recipe: ") + e.what());
    }
    if (c.recipe.width == 0 || c.recipe.height == 0)
        throw std::invalid_argument("input.recipe: \"width\" and \"height\" must be set (from 8 to 4096): a model reads images of one size");
}

// Runs `parse` and turns whatever it throws into one PackageError line naming the card.
template <typename Parse>
auto asPackageError(const std::string& directory, Parse parse) -> decltype(parse())
{
    const std::string path = cardPath(directory);
    const std::string fix = " The package cannot be used: reinstall it, or correct the card and re-seal it (boneage package seal " +
                            directory + ").";
    try {
        return parse();
    } catch (const PackageError&) {
        throw;
    } catch (const CardSyntaxError& e) {
        throw PackageError(path + ": the model card is malformed (" + e.what() + ")." + fix);
    } catch (const nlohmann::json::exception& e) {
        throw PackageError(path + ": the model card is malformed (" + e.what() + ")." + fix);
    } catch (const std::invalid_argument& e) {
        throw PackageError(path + ": " + e.what() + "." + fix);
    } catch (const std::bad_alloc&) {
        throw PackageError(path + ": not enough memory to read the model card.");
    } catch (const std::exception& e) {
        throw PackageError(path + ": the model card cannot be read (" + e.what() + ").");
    }
}

} // namespace

std::string readCardText(const std::string& directory)
{
    const std::string path = cardPath(directory);
    try {
        return readRegularFile(path, kMaxCardBytes);
    } catch (const RegularFileError& e) {
        switch (e.kind) {
        case RegularFileError::Kind::Missing: throw PackageError(directory + ": not a model package (no model.json).");
        case RegularFileError::Kind::NotRegular:
            throw PackageError(path + " is not a regular file (a pipe, device or folder): not a model card. Reinstall the package.");
        case RegularFileError::Kind::TooLarge:
            throw PackageError(path + " is larger than " + std::to_string(kMaxCardBytes) + " bytes: it is not a model card. Reinstall the package.");
        case RegularFileError::Kind::Unreadable: break;
        }
        throw PackageError(std::string(e.what()) + ".");
    } catch (const std::bad_alloc&) {
        throw PackageError(path + ": not enough memory to read the model card.");
    }
}

ModelCard parseModelCard(const std::string& text, const std::string& directory, bool requireSeal)
{
    return asPackageError(directory, [&] {
        ModelCard c;
        readCommonFields(c, text, directory, kModelCardFormat, requireSeal);
        const nlohmann::json& j = c.json;
        requireName(c.preset = fields::text(j, "preset", "", 64), "preset");
        c.paper = fields::text(j, "paper", "", kMaxTextBytes, "");
        c.sexHandling = fields::text(j, "sex_handling", "", kMaxTextBytes, "");
        const std::string sex = fields::text(j, "sex", "", 8, "any");
        if (sex == "M") c.sex = Sex::Male;
        else if (sex == "F") c.sex = Sex::Female;
        else if (sex != "any") throw std::invalid_argument("\"sex\" must be \"M\", \"F\" or \"any\", not '" + sex + "'");
        // Every architecture here takes 96 to 512 px; the architecture's own size is compared at load.
        c.inputSize = static_cast<int>(fields::integer(j.at("input"), "size", "input.", 16, 1024));
        // Shown next to every estimate: finite and not negative (a bad model may have a large one).
        // The figure as the package runs here (test-time augmentation, calibration) wins where measured.
        for (const char* metrics : {"validation_metrics", "validation_metrics_as_shipped"}) {
            const auto m = j.find(metrics);
            if (m == j.end() || !m->is_object() || !m->contains("mae") || !m->at("mae").is_number()) continue;
            c.validationMae = fields::number(*m, "mae", std::string(metrics) + ".", 0.0, 10000.0);
        }
        c.calibration = calibrationFromCard(j);
        const std::string tta = fields::text(j, "test_time_augmentation", "", 32, "flips_and_shifts");
        if (tta != "flips_and_shifts" && tta != "none")
            throw std::invalid_argument("\"test_time_augmentation\" must be \"flips_and_shifts\" or \"none\", not '" + tta + "'");
        c.testTimeAugmentation = tta != "none";
        return c;
    });
}

LandmarkCard parseLandmarkCard(const std::string& text, const std::string& directory, bool requireSeal)
{
    return asPackageError(directory, [&] {
        LandmarkCard l;
        ModelCard& c = l.card;
        readCommonFields(c, text, directory, kLandmarkCardFormat, requireSeal);
        const nlohmann::json& j = c.json;
        if (c.architecture != "handpose")
            throw std::invalid_argument("\"architecture\" is '" + c.architecture + "'; the only landmark architecture is handpose");
        c.inputSize = static_cast<int>(fields::integer(j.at("input"), "size", "input.", 32, 1024));
        if (c.inputSize % 32 != 0)
            throw std::invalid_argument("\"input.size\" is " + std::to_string(c.inputSize) + "; it must be a multiple of 32 (the network's stride)");
        // The encoder's channels scale with it, and with them memory: 2 is four times the shipped 0.5.
        l.widthMultiplier = fields::number(j.at("input"), "width_multiplier", "input.", 0.125, 2.0);
        if (j.contains("no_hand_below")) l.noHandBelow = fields::number(j, "no_hand_below", "", 0.0, 1.0);
        if (j.contains("no_hand_without_region_below"))
            l.noHandWithoutRegionBelow = fields::number(j, "no_hand_without_region_below", "", 0.0, 1.0);
        const auto k = j.find("keypoints");
        if (k == j.end() || !k->is_array() || k->size() != static_cast<size_t>(kHandKeypointCount))
            throw std::invalid_argument("\"keypoints\" must list the " + std::to_string(kHandKeypointCount) + " keypoint names" +
                                        (k != j.end() && k->is_array() ? " (it lists " + std::to_string(k->size()) + ")" : std::string()));
        for (const auto& name : *k) {
            if (!name.is_string() || name.get<std::string>().empty() || name.get<std::string>().size() > 64)
                throw std::invalid_argument("\"keypoints\" must hold names (text of 1 to 64 characters)");
            l.keypoints.push_back(name.get<std::string>());
        }
        return l;
    });
}

ModelCard readModelCard(const std::string& directory) { return parseModelCard(readCardText(directory), directory); }

LandmarkCard readLandmarkCard(const std::string& directory)
{
    std::string text;
    try {
        text = readCardText(directory);
    } catch (const PackageError& e) {
        const std::string what = e.what();
        if (what.find("no model.json") != std::string::npos) throw PackageError(directory + ": not a landmark package (no model.json).");
        throw;
    }
    return parseLandmarkCard(text, directory);
}

std::string readVerifiedWeights(const ModelCard& c)
{
    const std::string weights = (fs::path(c.directory) / c.weightsFile).string();
    const auto disagree = [&](const std::string& what) {
        return PackageError(c.directory + ": the card and the weights disagree: " + c.weightsFile + " " + what +
                            "; the package is damaged or was edited. Reinstall it.");
    };
    std::string bytes;
    try {
        // At most the card's size: a larger file is refused before it is read.
        bytes = readRegularFile(weights, c.weightsBytes);
    } catch (const RegularFileError& e) {
        switch (e.kind) {
        case RegularFileError::Kind::Missing: throw PackageError(weights + ": the weights named by the card are missing. Reinstall the package.");
        case RegularFileError::Kind::NotRegular:
            throw PackageError(weights + " is not a regular file (a pipe, device or folder). Reinstall the package.");
        case RegularFileError::Kind::TooLarge: {
            std::error_code ec;
            const auto size = fs::file_size(weights, ec);
            throw disagree("has " + (ec ? std::string("more") : std::to_string(size)) + " bytes, the card says " + std::to_string(c.weightsBytes));
        }
        case RegularFileError::Kind::Unreadable: break;
        }
        throw PackageError(std::string(e.what()) + ".");
    } catch (const std::bad_alloc&) {
        throw PackageError(weights + ": not enough memory to read the weights (" + std::to_string(c.weightsBytes) + " bytes).");
    }
    if (bytes.size() != c.weightsBytes)
        throw disagree("has " + std::to_string(bytes.size()) + " bytes, the card says " + std::to_string(c.weightsBytes));
    const std::string sha = sha256Hex(bytes);
    if (sha != c.weightsSha256) throw disagree("has SHA-256 " + sha + ", the card says " + c.weightsSha256);
    return bytes;
}

void verifyWeights(const ModelCard& card) { (void)readVerifiedWeights(card); }

std::vector<std::string> findModelPackages(const std::string& modelsDirectory, const std::string& format)
{
    std::vector<std::string> out;
    std::error_code ec;
    fs::directory_iterator it(modelsDirectory, ec);
    for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
        const fs::path dir = it->path();
        std::error_code e;
        if (!fs::is_directory(dir, e)) continue;
        const fs::path card = dir / "model.json";
        const fs::file_status st = fs::status(card, e);
        if (e || !fs::exists(st)) continue;
        std::string found = kModelCardFormat;   // what cannot be read is listed for loading to say why
        if (fs::is_regular_file(st)) {
            try {
                const std::string text = readRegularFile(card.string(), kMaxCardBytes);
                canonicalCardText(text);   // depth and syntax, before nlohmann::json holds it
                const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
                if (j.is_object() && j.contains("format") && j["format"].is_string()) found = j["format"].get<std::string>();
            } catch (const std::exception&) {
            }
        }
        if (found == format || (format == kModelCardFormat && found != kLandmarkCardFormat)) out.push_back(dir.string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace boneage
