#pragma once
// Builds DICOM files for tests with DCMTK: every pixel layout, photometric interpretation, transfer
// syntax and broken variant the reader has to handle. These are real DICOM files written by DCMTK.
#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace boneage::test {

struct DicomSpec {
    int rows = 64, cols = 48;
    int bitsAllocated = 16, bitsStored = 12, highBit = -1;  // -1: bitsStored - 1
    bool isSigned = false;
    std::string photometric = "MONOCHROME2";
    int samplesPerPixel = 1;
    int frames = 1;
    std::string modality = "DX";
    std::string sopClass = "1.2.840.10008.5.1.4.1.1.1.1";   // Digital X-Ray Image Storage - For Presentation
    std::string sopInstance;                                 // empty: a new UID each time
    double slope = 1, intercept = 0;
    bool writeRescale = false;
    std::vector<std::pair<double, double>> windows;          // center, width
    std::vector<std::string> windowExplanations;
    // VOI LUT: descriptor (entries, first, bits) and data
    bool voiLut = false;
    int voiFirst = 0, voiBits = 16;
    std::vector<unsigned short> voiData;
    bool pixelData = true;
    std::string transferSyntax = "1.2.840.10008.1.2.1";     // explicit little endian
    // Patient and study.
    std::string sex = "F", birthDate = "20150310", studyDate = "20250910", patientAge;
    std::string pixelSpacing, imagerPixelSpacing, laterality, bodyPart = "HAND";
    std::vector<int> values;   // stored values row by row (raw, before bit placement); generated if empty
    // Exactly the samples of one frame in file order (colour layouts, YBR_FULL_422); overrides `values`.
    std::vector<int> rawSamples;
    int planar = 0;            // Planar Configuration, written when samplesPerPixel > 1
    int frameStep = 0;         // frame f holds the values plus f * frameStep (to tell frames apart)
    // Written instead of the true values when set (> 0): a header that disagrees with the data.
    int declaredRows = 0, declaredFrames = 0;
    // PALETTE COLOR: the three LUTs (16-bit entries) and the first mapped value.
    std::vector<unsigned short> paletteRed, paletteGreen, paletteBlue;
    int paletteFirst = 0;
    // Text: Specific Character Set and the Patient's Name as raw bytes in that character set.
    std::string characterSet, patientName = "TEST^Hand";
    // Decimal strings written as given (e.g. "NaN", "1e400"), instead of slope/intercept/windows.
    std::string rescaleSlopeText, rescaleInterceptText, windowCenterText, windowWidthText;
};

// Stored values of the default ramp image for a spec (what `values` holds when left empty).
std::vector<int> rampValues(const DicomSpec& spec);

// Writes the file; throws std::runtime_error when DCMTK cannot.
void writeDicom(const DicomSpec& spec, const std::string& path);

// A DICOM Basic Text SR without pixel data.
void writeStructuredReport(const std::string& path);

// An encapsulated DICOM declaring a JPEG 2000 transfer syntax whose codestream is only a J2K header.
void writeJpeg2000HeaderOnlyDicom(const std::string& path);

// The samples of frame `frame` of a spec, component after component (what an encoder takes).
std::vector<int> frameSamplesPlanar(const DicomSpec& spec, int frame);

// An encapsulated DICOM with the given codestreams as frames (one fragment each, or `split` fragments
// each) and an offset table if asked, under transfer syntax `uid` (HTJ2K UIDs, which DCMTK 3.6.7 does
// not know, are written into the meta header afterwards).
void writeEncapsulatedDicom(const DicomSpec& spec, const std::vector<std::vector<unsigned char>>& frames,
                            const std::string& uid, const std::string& path, bool offsetTable = true, int split = 1);

std::vector<unsigned char> readBytes(const std::string& path);
void writeBytes(const std::string& path, const std::vector<unsigned char>& bytes);

} // namespace boneage::test
