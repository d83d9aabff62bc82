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
    // The first reading reads the film as displayed and inverted: readInverted when the hand was found
    // clearly better in the inverted picture (bone darker than soft tissue: an inverted export). Every
    // later step then reads the film inverted (asRead below). The two scores: the first reading's best
    // mean keypoint score in each polarity.
    bool readInverted = false;
    double displayedPolarityScore = 0, invertedPolarityScore = 0;
    bool readOnHand = false;         // the keypoints come from the second reading, on the aligned hand
    // 0: read on the film as displayed. Else the film as displayed gave no hand or little confidence
    // and its tone stretched (the exposed area's 0.5th-99.5th percentile grey to black-white, then this
    // gamma) was read more confidently: a dark, flat or differently curved export (LandmarkModel::detect).
    double toneStretchGamma = 0;
    // "film": read on the whole exposed area. Else the part of it the hand was found in when the whole
    // gave no confident hand ("left half", "right half", "top half", "bottom half": a film of both hands).
    std::string readRegion = "film";
    int refinedPoints = 0;           // keypoints the refinement stage moved (0: none installed or none kept)
    std::string refinementModelId;   // the refinement stage that read the hand, when one is installed
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

    // The refinement stage (issue 18): a landmark package whose recipe aligns the hand
    // (hand-aligned-256) reads the film again, cut around the first stage's keypoints at about four
    // times the first stage's detail per hand scale, and moves each keypoint to where it reads it.
    // It is installed beside the first stage (in the same models folder) and found there.
    enum class Refinement { Beside, None };

    // Reads and checks the card (seal, fields, SHA-256 and size of the weights), builds the network
    // and loads the weights checked against it (nn/StoredWeights.h); with Refinement::Beside also the
    // refinement package installed in the same folder, if there is one. Throws PackageError, whatever
    // the fault of either package. A refinement package loads (to be verified) but detect() on it
    // throws PackageError: it reads no film on its own.
    static LandmarkModel load(const std::string& directory, Refinement refinement = Refinement::Beside);
    // The first first-stage landmark package directly under `modelsDirectory`, if any (a refinement
    // package cannot read a film on its own and is never returned).
    static std::optional<std::string> find(const std::string& modelsDirectory);
    // The refinement package directly under `modelsDirectory`, if any.
    static std::optional<std::string> findRefinement(const std::string& modelsDirectory);

    bool hasRefinement() const;

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
    // The readings of one displayed picture of the film (8-bit, the film's geometry), `area` its exposed part.
    HandLandmarks readPicture(const Radiograph& radiograph, const cv::Mat& shown, const cv::Rect& area) const;
    void refine(const cv::Mat& grey, HandLandmarks& h) const;
    struct Impl;
    static std::vector<std::vector<HandKeypoint>> predictWith(const Impl& impl, const std::vector<const std::uint8_t*>& images,
                                                              int width, int height);
    std::shared_ptr<Impl> impl_;
};

// The radiograph as the landmark model read it: shown and read inverted when `hand.readInverted` (a
// copy that shares the pixels; Radiograph::highValuesDark). Every step after the landmarks (the hand's
// view, overlays, exports) starts from it, so the film is read one way throughout.
Radiograph asRead(const Radiograph& radiograph, const HandLandmarks& hand);

// LibTorch's intra-op threads for every model of this process (the CLI's --threads, benchmarks).
void setInferenceThreads(int threads);
int inferenceThreads();

// Prepares a radiograph with any recipe: one with align_hand runs `landmarks` first (throws
// InputError NoHand with the model's reason when no hand is found, std::invalid_argument when no
// landmark model is given); the others are plain `prepare`.
PreparedImage prepareWithRecipe(const Radiograph& radiograph, const PreprocessRecipe& recipe, const LandmarkModel* landmarks);

} // namespace boneage
