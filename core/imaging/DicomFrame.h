#pragma once
// Internal to the DICOM reader: the first frame's stored samples, whatever the transfer syntax:
// in place for native pixel data, through DCMTK's codecs for RLE/JPEG/JPEG-LS, through OpenJPEG for
// JPEG 2000 and HTJ2K. Only frame 1 is ever decoded, and every declared size is checked against the
// data before anything of that size is allocated.
#include <cstdint>
#include <string>
#include <vector>

class DcmDataset;

namespace boneage::dicom {

// What the DICOM header declares about the pixels (already checked for plausibility).
struct PixelHeader {
    int rows = 0, cols = 0, samples = 1, frames = 1;
    int bitsAllocated = 16, bitsStored = 12, highBit = 11;
    bool isSigned = false;
    std::string photometric;
    int planar = 0;
    std::string transferSyntax;   // as the file declares it
    int dcmtkSyntax = 0;          // E_TransferSyntax DCMTK parsed the data set with
    bool encapsulated = false;
    std::uint64_t fileBytes = 0;
    std::uint64_t maxPixels = 0;
};

struct Frame {
    Frame() = default;
    Frame(Frame&&) = default;   // the pointers below may point into the storage, which a move keeps
    Frame(const Frame&) = delete;
    const std::uint16_t* words = nullptr;   // BitsAllocated 16
    const std::uint8_t* bytes = nullptr;    // BitsAllocated 8
    // The layout of the samples as they are here, which a decoder may have changed.
    std::string photometric;
    int planar = 0;
    int bitsStored = 0, highBit = 0;
    std::vector<std::string> warnings;
    std::vector<std::uint16_t> words_;   // storage for decoded frames
    std::vector<std::uint8_t> bytes_;
};

// Throws InputError naming `source`.
Frame readFirstFrame(DcmDataset& dataset, const PixelHeader& header, const std::string& source);

} // namespace boneage::dicom
