#pragma once
// Model packages (a folder: weights.pt + model.json card) and running them on radiographs. This
// header is torch-free: the workstation's UI includes it; LibTorch stays inside ModelPackage.cpp.
#include "imaging/Preprocessing.h"
#include "imaging/Radiograph.h"
#include "inference/AttentionMap.h"
#include "inference/OutputCalibration.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace boneage {

// A package that cannot be used: missing files, a card that does not parse, weights whose SHA-256
// or size disagree with the card. The message says which package and what is wrong.
struct PackageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ModelCard {
    std::string directory;
    std::string id, architecture, preset, paper, description, sexHandling;
    std::string weightsFile, weightsSha256, weightsDtype;
    std::uint64_t weightsBytes = 0;
    int inputSize = 0, inputChannels = 1;
    PreprocessRecipe recipe;
    double validationMae = -1;   // held-out MAE: "validation_metrics_as_shipped" if the card has it, else the trainer's
    Sex sex = Sex::Unknown;   // Male / Female: a per-sex package (card "sex": "M" / "F"); Unknown: both
    std::optional<OutputCalibration> calibration;   // card "calibration" (boneage calibrate); none: raw output
    nlohmann::json json;      // the whole card

    bool appliesTo(Sex patient) const { return sex == Sex::Unknown || sex == patient; }
};

// Reads and checks model.json (not the weights). Throws PackageError.
ModelCard readModelCard(const std::string& directory);
// Checks the weights file against the card: size and SHA-256. Throws PackageError.
void verifyWeights(const ModelCard& card);

// The package folders directly under `modelsDirectory` whose model.json has the given card format
// (bone age models by default; "boneage-landmarks-1" for landmark packages), sorted.
std::vector<std::string> findModelPackages(const std::string& modelsDirectory, const std::string& format = "boneage-model-1");

struct BoneAgeEstimate {
    std::string modelId;
    double boneAgeMonths = 0;
    double prepareMilliseconds = 0;    // preprocessing recipe
    double inferenceMilliseconds = 0;  // network forward
    std::string device;                // "cpu" or "cuda"
    std::optional<AttentionMap> attention;   // only when asked for (see InstalledModel::assess)
    double attentionMilliseconds = 0;        // what the map cost beyond the estimate
    // With the attention (same pass), the boxes the architecture reports, in source pixels:
    // PRSNet's selected anchors (its top-k parts, in rank order, with scores), AG-CNN's attention crop.
    std::vector<ExplanationBox> anchors;
    std::optional<ExplanationBox> crop;
};

// Test-time augmentation: the estimate is the mean over views of the prepared image. FlipsAndShifts:
// the image and its left/right mirror, each unshifted and shifted by 3 % of the input size left,
// right, up and down (10 views, one batch). The trainer's augmentation covers these views (flip,
// shift), so each is an image the network was trained on. docs/training.md gives the gain measured
// on the held-out tenth (12.36 -> 11.90 months MAE for the shipped models).
enum class TestTimeAugmentation { None, FlipsAndShifts };

class InstalledModel {
public:
    // Reads the card, verifies the weights, builds the network and loads them (CUDA when LibTorch
    // has a GPU, else the CPU). Throws PackageError.
    static InstalledModel load(const std::string& directory);

    const ModelCard& card() const;
    std::string device() const;
    double loadMilliseconds() const;
    // Default: FlipsAndShifts. Applies to assess and predictPrepared (the attention map is always
    // read from the plain view).
    void setTestTimeAugmentation(TestTimeAugmentation mode);
    // Whether the card's output calibration is applied to estimates (default: yes). `boneage
    // calibrate` turns it off to read the network's own output.
    void setCalibrationApplied(bool applied);
    TestTimeAugmentation testTimeAugmentation() const;

    // Prepares the radiograph with the card's recipe and estimates its bone age. With `withAttention`,
    // also what the network looked at, placed on the source radiograph: the architecture's own map
    // where it has one (2M-Net: the non-local spatial attention of the cell at the hand's centre;
    // AG-CNN: its attention heatmap), else Grad-CAM (a second pass with gradients).
    BoneAgeEstimate assess(const Radiograph& radiograph, Sex sex, bool withAttention = false) const;
    // Bone age of images already prepared with the card's recipe (grey bytes, recipe size), batched.
    std::vector<double> predictPrepared(const std::vector<const std::uint8_t*>& images, int width, int height,
                                        const std::vector<bool>& male) const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

} // namespace boneage
