#pragma once
// A model package's card (model.json): reading it, checking its seal, validating every field, checking
// the weights it names, and finding packages in a folder. A package is a trust boundary: its card is a
// file anyone can edit, so nothing in it is used before it is checked, and every fault of a package is
// a PackageError, never a crash. docs/training.md ("Model packages") lists the fields, their ranges
// and the seal. Torch-free: the UI, `boneage package` and the fuzz target use it without LibTorch.
#include "common/TextClip.h"
#include "imaging/Preprocessing.h"
#include "imaging/Radiograph.h"
#include "inference/OutputCalibration.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace boneage {

// A package that cannot be used: missing files, a card that does not parse, is not sealed or has a
// field out of range, weights whose SHA-256, size, dtypes or shapes disagree with the card, a network
// that fails on the package's own terms. One line: which package, what is wrong, what to do.
// The message is made one line of valid UTF-8 of at most 2000 bytes whatever went into it (it is
// shown in lists and written into `boneage assess --json`).
struct PackageError : std::runtime_error {
    explicit PackageError(const std::string& message) : std::runtime_error(clipText(message, 2000)) {}
};

inline constexpr const char* kModelCardFormat = "boneage-model-1";
inline constexpr const char* kLandmarkCardFormat = "boneage-landmarks-1";
// A card is a few kilobytes (the shipped ones are under 8 KiB); a bigger one is not a card.
inline constexpr std::uint64_t kMaxCardBytes = 1u << 20;
// Far above any architecture here (the largest float32 preset is about 100 MB); the weights are read
// into memory whole to be hashed and checked, so their size is bounded before they are read.
inline constexpr std::uint64_t kMaxWeightsBytes = 1ull << 30;

struct ModelCard {
    std::string directory;
    std::string id, architecture, preset, paper, description, sexHandling;
    std::string weightsFile, weightsSha256, weightsDtype;
    std::uint64_t weightsBytes = 0;
    std::int64_t parameters = 0;   // card "parameters": the network's parameter count (0: not given)
    int inputSize = 0, inputChannels = 1;
    PreprocessRecipe recipe;
    double validationMae = -1;   // held-out MAE: "validation_metrics_as_shipped" if the card has it, else the trainer's
    Sex sex = Sex::Unknown;   // Male / Female: a per-sex package (card "sex": "M" / "F"); Unknown: both
    std::optional<OutputCalibration> calibration;   // card "calibration" (boneage calibrate); none: raw output
    // Card "test_time_augmentation": "flips_and_shifts" (default) or "none": a network whose views
    // measured no gain reads the plain view only (the global-local network: the same MAE with and
    // without; what the views cost depends on the machine, docs/training.md).
    bool testTimeAugmentation = true;
    nlohmann::json json;      // the whole card

    bool appliesTo(Sex patient) const { return sex == Sex::Unknown || sex == patient; }
};

// A landmark package's card (format "boneage-landmarks-1").
struct LandmarkCard {
    ModelCard card;   // the common fields (id, weights, input size, recipe)
    double widthMultiplier = 0.5;
    std::optional<double> noHandBelow, noHandWithoutRegionBelow;   // in [0, 1]; none: the loader's defaults
    std::vector<std::string> keypoints;
};

// Reads and checks `directory`/model.json (not the weights): a regular file of at most kMaxCardBytes,
// a bone age card, sealed, every field in range. Throws PackageError.
ModelCard readModelCard(const std::string& directory);
// The same from the card's text. `requireSeal` false: the seal is not checked (`boneage package seal`
// checks a card before sealing it).
ModelCard parseModelCard(const std::string& text, const std::string& directory, bool requireSeal = true);
LandmarkCard readLandmarkCard(const std::string& directory);
LandmarkCard parseLandmarkCard(const std::string& text, const std::string& directory, bool requireSeal = true);
// The card's text, read as readModelCard reads it (regular file, bounded). Throws PackageError.
std::string readCardText(const std::string& directory);

// The weights file named by the card, read whole after checking that it is a regular file of the
// card's size, and checked against the card's SHA-256. Throws PackageError.
std::string readVerifiedWeights(const ModelCard& card);
void verifyWeights(const ModelCard& card);

// The package folders directly under `modelsDirectory` whose model.json has the given card format
// (bone age models by default; "boneage-landmarks-1" for landmark packages), sorted. Only regular
// files are opened. A card that cannot be read or parsed (not a regular file, too large, not JSON) is
// listed as a bone age package, so that loading it reports why instead of the package vanishing.
std::vector<std::string> findModelPackages(const std::string& modelsDirectory, const std::string& format = kModelCardFormat);

} // namespace boneage
