#pragma once
// Third-party decoders of compressed pixel data run in a child process.
//
// Debian's libopenjp2 keeps its assert()s and DCMTK's RLE decoder reads past its buffer on crafted
// segment offsets: both were found by the CI fuzz slice (tests/fuzz/corpus/dicom/htj2k-mel-assert.dcm,
// rle-segment-offsets.dcm) and both killed the whole program. No check of the data before decoding
// can rule such faults out (they sit in entropy-coded bytes), so the decode runs in a forked child
// that sends its result back through a pipe. A child that dies (abort, segfault, out of memory) or
// runs past the time limit becomes an InputError for that film; the program goes on.
// Cost: one fork per compressed film (copy-on-write, about a millisecond) and one copy of the result
// through the pipe, small beside the decode itself.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace boneage {

struct IsolatedResult {
    std::string text;                 // a short string result (e.g. the colour model a codec produced)
    std::vector<std::uint8_t> bytes;  // the decoded data
};

// Runs `decode` in a child process and returns what it returned. An InputError thrown in the child is
// rethrown here with its reason and message; any other exception becomes std::runtime_error. A child
// that dies or outlives `seconds` gives InputError(Corrupt) naming `source` and `what` ("JPEG 2000
// image data"). `maxBytes` bounds what the parent accepts from the child.
IsolatedResult runIsolated(const std::function<IsolatedResult()>& decode, const std::string& source,
                           const std::string& what, std::uint64_t maxBytes, int seconds = 120);

} // namespace boneage
