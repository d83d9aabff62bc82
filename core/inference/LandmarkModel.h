#pragma once
// The installed hand landmark package (card format "boneage-landmarks-1", made by
// `boneage train-landmarks`): keypoints on a radiograph, and from them the hand's pose and the 18 TW3
// ROIs. Torch-free header (the UI includes it); LibTorch stays in LandmarkModel.cpp.
#include "anatomy/HandKeypoints.h"
#include "anatomy/Tw3Roi.h"
#include "imaging/Preprocessing.h"
#include "imaging/Radiograph.h"
#include "inference/ModelPackage.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace boneage {

struct HandLandmarks {
    int imageWidth = 0, imageHeight = 0;
    HandKeypoints points;            // in the radiograph's pixels, each with its score
    double confidence = 0;           // mean keypoint score, in [0,1]
    bool handFound = false;          // false: no ROIs are placed; `problem` says why
    std::string problem;
    HandPose pose;                   // box, orientation, side (valid when handFound)
    std::vector<Tw3Roi> rois;        // the 18 TW3 ROIs (empty unless handFound)
    int readTurnDegrees = 0;         // the quarter turn (clockwise) of the picture the hand was found on
    bool readOnHand = false;         // the keypoints come from the second reading, on the aligned hand
    std::string modelId;
    double prepareMilliseconds = 0, inferenceMilliseconds = 0;
};

class LandmarkModel {
public:
    // Below this mean keypoint score the image is reported as "no hand found"; the card may set its
    // own ("no_hand_below"). When the image-processing hand finder (findHand) also sees no hand-shaped
    // region, the stricter second threshold applies ("no_hand_without_region_below"): findHand misses
    // some small or dim real films, the network's score alone misses nothing that findHand sees.
    // docs/landmarks.md gives the score distributions both were chosen from.
    static constexpr double kDefaultNoHandThreshold = 0.2;
    static constexpr double kDefaultNoHandWithoutRegionThreshold = 0.3;

    // Reads and checks the card (seal, fields, SHA-256 and size of the weights), builds the network
    // and loads the weights checked against it (nn/StoredWeights.h). Throws PackageError, whatever
    // the fault of the package.
    static LandmarkModel load(const std::string& directory);
    // The first landmark package directly under `modelsDirectory`, if any.
    static std::optional<std::string> find(const std::string& modelsDirectory);

    const std::string& id() const;
    const PreprocessRecipe& recipe() const;
    double noHandThreshold() const;

    // Throws InputError for a radiograph that cannot be read, PackageError for the package's faults.
    HandLandmarks detect(const Radiograph& radiograph) const;
    // Keypoints of images already prepared with the recipe (grey bytes of recipe size), in those
    // images' pixels: per image 21 (x, y, score).
    std::vector<std::vector<HandKeypoint>> predictPrepared(const std::vector<const std::uint8_t*>& images, int width,
                                                           int height) const;

private:
    HandLandmarks detectUnchecked(const Radiograph& radiograph) const;
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

// LibTorch's intra-op threads for every model of this process (the CLI's --threads, benchmarks).
void setInferenceThreads(int threads);

// Prepares a radiograph with any recipe: one with align_hand runs `landmarks` first (throws
// InputError NoHand with the model's reason when no hand is found, std::invalid_argument when no
// landmark model is given); the others are plain `prepare`.
PreparedImage prepareWithRecipe(const Radiograph& radiograph, const PreprocessRecipe& recipe, const LandmarkModel* landmarks);

} // namespace boneage
