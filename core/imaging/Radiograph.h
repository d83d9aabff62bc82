#pragma once
// A hand radiograph as the program works with it: the pixels at full depth (modality values, after
// rescale slope/intercept or a modality LUT), the ways to display them, and the metadata the
// assessment needs. Everything downstream (preprocessing, models, the viewer) starts from this.
#include <opencv2/core.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boneage {

enum class Sex { Unknown, Male, Female };
const char* toString(Sex sex);             // "M", "F", ""
std::optional<Sex> parseSex(const std::string& text);  // M/F/male/female/true(=male)/false

struct Date {
    int year = 0, month = 0, day = 0;
    bool isValid() const;
    std::string toIso() const;                        // YYYY-MM-DD
    static std::optional<Date> fromDicom(const std::string& da);  // YYYYMMDD
    static std::optional<Date> fromIso(const std::string& text);  // YYYY-MM-DD or YYYYMMDD
};

// Whole months between two dates, with the fraction of the month, as readers count age
// (birth 2010-03-15, study 2020-09-15 -> 126.0).
double monthsBetween(const Date& from, const Date& to);
// DICOM Patient's Age (AS): "nnnD", "nnnW", "nnnM", "nnnY" -> months.
std::optional<double> parseDicomAge(const std::string& as);

struct DisplayWindow {
    double center = 0;
    double width = 1;
    std::string explanation;
};

// A VOI LUT from the DICOM VOI LUT Sequence: stored values from firstMapped map to data[i].
struct VoiLut {
    std::string explanation;
    int firstMapped = 0;
    int bitsPerEntry = 16;
    std::vector<std::uint16_t> data;
};

struct RadiographMetadata {
    std::string sourceFile;
    std::string format;            // "DICOM", "PNG", "JPEG", "TIFF"
    std::string patientId;
    std::string patientName;       // DICOM PN as stored (Family^Given)
    Sex sex = Sex::Unknown;
    std::optional<Date> birthDate;
    std::optional<Date> studyDate;
    std::optional<Date> acquisitionDate;
    std::optional<double> chronologicalAgeMonths;
    std::string chronologicalAgeSource;   // "dates", "PatientAge", "caller", ""
    std::optional<double> pixelSpacingRowMm, pixelSpacingColumnMm;
    std::string pixelSpacingSource;        // "PixelSpacing", "ImagerPixelSpacing", ""
    std::string laterality;                // "L", "R", ""
    std::string modality;                  // CR, DX, OT, ... ("" for PNG/JPEG/TIFF)
    std::string bodyPart;
    std::string photometric = "MONOCHROME2";
    std::string sopClassUid;
    std::string sopInstanceUid;            // identifies the film across copies and re-exports
    std::string transferSyntax;            // UID name, DICOM only
    bool presentationLutInverse = false;   // Presentation LUT Shape INVERSE: display inverted
    // Set by the assessment, never by a reader of files: the landmark model found the hand only in the
    // inverted picture (bone darker than soft tissue: an inverted export, or MONOCHROME2 written for
    // MONOCHROME1 data), so the program shows and reads the film inverted (docs/landmarks.md,
    // "Inverted exports"). A file carries no such flag; it is the program's reading, said where shown.
    bool readInverted = false;
    std::string studyDescription;
    // The study the film belongs to, so that results (SR, SC, encapsulated PDF) join it in the PACS;
    // empty for PNG/JPEG/TIFF (a report then opens a new study).
    std::string studyInstanceUid, seriesInstanceUid, studyId, accessionNumber;
    std::string studyTime;                 // DICOM TM as stored (HHMMSS[.F])
    std::string referringPhysicianName;    // DICOM PN as stored
    int bitsStored = 8;
    bool isSigned = false;
    double rescaleSlope = 1.0, rescaleIntercept = 0.0;
    std::vector<std::string> warnings;     // things a reader should know but that do not stop us
};

// How pixels become grey levels on screen. Linear: DICOM window (PS3.3 C.11.2.1.2). Lut: a VOI LUT.
struct DisplayTransform {
    enum class Kind { Linear, Lut };
    Kind kind = Kind::Linear;
    double center = 127.5 + 0.5;
    double width = 256;
    int lutIndex = -1;
    bool invert = false;   // true for MONOCHROME1 (high values dark), toggled by the user
};

struct Radiograph {
    cv::Mat pixels;                     // one channel: CV_8U, CV_16U, CV_16S or CV_32F
    RadiographMetadata metadata;
    std::vector<DisplayWindow> windows; // from the file, in file order
    std::vector<VoiLut> voiLuts;

    int width() const { return pixels.cols; }
    int height() const { return pixels.rows; }
    // MONOCHROME1, or MONOCHROME2 with an INVERSE presentation LUT: high values are shown dark (and
    // the other way round for a film the program reads inverted).
    bool highValuesDark() const
    {
        return ((metadata.photometric == "MONOCHROME1") != metadata.presentationLutInverse) != metadata.readInverted;
    }

    // First DICOM window, else first VOI LUT, else the natural range of the data; inverted for
    // MONOCHROME1 so that bone is always bright.
    DisplayTransform defaultDisplay() const;
    DisplayTransform fullRangeDisplay() const;   // min..max of the pixels
    DisplayTransform autoDisplay() const;        // 1st..99th percentile: ignores burnt-in labels
    std::pair<double, double> valueRange() const;
};

} // namespace boneage
