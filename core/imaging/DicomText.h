#pragma once
// Internal to the DICOM reader: text values (names, descriptions, explanations) from the data set's
// Specific Character Set (0008,0005) to UTF-8. Never throws: what cannot be decoded is shown with
// U+FFFD replacement characters and reported once as a warning.
#include <string>
#include <vector>

class DcmItem;

namespace boneage::dicom {

class TextDecoder {
public:
    explicit TextDecoder(DcmItem& dataset);
    ~TextDecoder();
    TextDecoder(const TextDecoder&) = delete;
    TextDecoder& operator=(const TextDecoder&) = delete;

    // `raw` as stored (one value, trailing padding removed); `personName` for PN values, where
    // ISO 2022 escape state ends at each component and group delimiter.
    std::string decode(const std::string& raw, bool personName = false);
    // One line for RadiographMetadata::warnings when something could not be decoded, else empty.
    const std::string& warning() const { return warning_; }

private:
    struct Converter;
    std::string charset_;
    Converter* converter_ = nullptr;   // null when no conversion is needed or possible
    bool converterFailed_ = false;
    // Japanese through our own ISO 2022 reading (see DicomText.cpp), when DCMTK cannot.
    bool japanese_ = false, halfWidthKatakana_ = false;
    std::string warning_;
    void warn(const std::string& what);
};

} // namespace boneage::dicom
