#pragma once
// Model packages (a folder: weights.pt + model.json card) and running them on radiographs. This
// header is torch-free: the workstation's UI includes it; LibTorch stays inside ModelPackage.cpp.
#include "imaging/Preprocessing.h"
#include "imaging/Radiograph.h"
#include "inference/AttentionMap.h"
#include "inference/ModelCard.h"   // ModelCard, PackageError, readModelCard, findModelPackages

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace boneage {

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
    // With the attention, for a model that reads the 18 TW3 ROI patches (the global-local network):
    // how much each ROI weighed, in schema order: the estimate minus the estimate with that ROI's
    // patch masked (black, as a missing ROI reads), in months. Empty otherwise.
    struct RoiContribution {
        std::string name;
        double months = 0;
        bool present = true;   // false: the ROI was masked already (its keypoint not seen)
    };
    std::vector<RoiContribution> roiContributions;
};

// Test-time augmentation: the estimate is the mean over views of the prepared image. FlipsAndShifts:
// the image and its left/right mirror, each unshifted and shifted by 3 % of the input size left,
// right, up and down (10 views, one batch). The trainer's augmentation covers these views (flip,
// shift), so each is an image the network was trained on. docs/training.md gives the gain measured
// on the held-out tenth (12.36 -> 11.90 months MAE for the shipped models). A model that reads ROI
// patches gets the five shifts without the mirror (its global image and its patches are upright left
// hands; a mirrored global image would no longer match its patches); the patches are the same in
// every view.
enum class TestTimeAugmentation { None, FlipsAndShifts };

class InstalledModel {
public:
    // Reads the card, verifies the weights, builds the network and loads them (CUDA when LibTorch
    // has a GPU, else the CPU). The stored tensors are checked against the card's dtype and the
    // architecture's parameters (names, count, shapes) before any reaches the network. Throws
    // PackageError, whatever the fault of the package (LibTorch's errors and running out of memory
    // included).
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
    // Throws InputError for a radiograph that cannot be prepared, PackageError for anything else
    // (the package's fault: the network or its recipe failing on this input).
    // A package whose recipe places the hand by its keypoints (hand_box, align_hand) cannot prepare the
    // film on its own: assess it through assessRadiograph or assessPrepared (PreparedViews).
    BoneAgeEstimate assess(const Radiograph& radiograph, Sex sex, bool withAttention = false) const;
    // The same from the picture already prepared with the card's recipe (PreparedViews: each recipe
    // prepared once per radiograph); `prepareMilliseconds` is reported as given.
    BoneAgeEstimate assessPrepared(const PreparedImage& prepared, Sex sex, bool withAttention = false,
                                   double prepareMilliseconds = 0) const;
    // Bone age of images already prepared with the card's recipe (grey bytes, recipe size), batched.
    // A model that reads the 18 TW3 ROI patches needs them too (`roiPatches`: per image 18 x size x
    // size bytes, PreparedImage::roiPatches); it throws PackageError without them.
    std::vector<double> predictPrepared(const std::vector<const std::uint8_t*>& images, int width, int height,
                                        const std::vector<bool>& male, const std::vector<const std::uint8_t*>& roiPatches = {},
                                        int roiPatchSize = 64) const;
    // Whether the model reads the 18 TW3 ROI patches (its recipe cuts them).
    bool readsRoiPatches() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

} // namespace boneage
