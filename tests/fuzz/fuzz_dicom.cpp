// libFuzzer target: the DICOM reader on arbitrary bytes. Any crash, hang, leak or sanitizer report
// is a bug; InputError is the expected outcome for bad data.
#include "imaging/InputError.h"
#include "imaging/RadiographLoader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    boneage::LoadOptions options;
    options.limits.maxPixels = 4'000'000;   // keep each run small; the limit itself is tested elsewhere
    try {
        const boneage::Radiograph r = boneage::decodeDicom(data, size, "fuzz.dcm", options);
        (void)r.defaultDisplay();
    } catch (const boneage::InputError&) {
    }
    return 0;
}
