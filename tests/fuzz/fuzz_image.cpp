// libFuzzer target: format sniffing and the PNG/JPEG/TIFF path (and DICOM, when the bytes say so),
// then display and the hand crop on whatever decodes.
#include "imaging/Display.h"
#include "imaging/InputError.h"
#include "imaging/Preprocessing.h"
#include "imaging/RadiographLoader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    boneage::LoadOptions options;
    options.limits.maxPixels = 4'000'000;
    try {
        const boneage::Radiograph r = boneage::decodeRadiograph(data, size, "fuzz.img", options);
        const cv::Mat grey = boneage::renderDisplay8(r, r.defaultDisplay());
        (void)boneage::findHand(grey);
    } catch (const boneage::InputError&) {
    }
    return 0;
}
