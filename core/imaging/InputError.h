#pragma once
// The one exception type for input a user gave us that we cannot use. The message is written for a
// radiologist: it names the file and says what is wrong and, where possible, what to do instead.
#include <stdexcept>
#include <string>

namespace boneage {

class InputError : public std::runtime_error {
public:
    enum class Reason {
        NotFound,          // path does not exist or cannot be opened
        NotAFile,          // a directory or device
        Empty,             // zero bytes
        TooLarge,          // file size or declared pixel count over the configured limit
        UnknownFormat,     // not DICOM, PNG, JPEG, TIFF or JPEG 2000
        Corrupt,           // the decoder failed on the data
        Truncated,         // the file ends before the pixel data does
        NoPixelData,       // a DICOM object without an image (e.g. a structured report)
        UnsupportedTransferSyntax,
        UnsupportedImage,  // unusual bit layout, a colour model we cannot make grey (multi-frame and
                           // RGB/YBR/palette images are read, with a warning)
        WrongModality,     // CT, MR, ... : not a projection radiograph
        MissingData,       // a value needed for the task is absent (e.g. sex)
        NoHand,            // the landmark model found no hand (a non-hand image, or a very poor one)
    };

    InputError(Reason reason, const std::string& message)
        : std::runtime_error(message), reason_(reason) {}

    Reason reason() const noexcept { return reason_; }

private:
    Reason reason_;
};

const char* toString(InputError::Reason reason);

} // namespace boneage
