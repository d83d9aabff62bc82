#include "Jpeg2000Encoder.h"

#include <openjpeg.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

namespace boneage::test {

namespace {

struct Output {
    std::vector<unsigned char> bytes;
    std::size_t pos = 0;
};

OPJ_SIZE_T writeBytes(void* buffer, OPJ_SIZE_T n, void* user)
{
    auto* o = static_cast<Output*>(user);
    if (o->bytes.size() < o->pos + n) o->bytes.resize(o->pos + n);
    std::memcpy(o->bytes.data() + o->pos, buffer, n);
    o->pos += n;
    return n;
}
OPJ_OFF_T skipBytes(OPJ_OFF_T n, void* user)
{
    auto* o = static_cast<Output*>(user);
    o->pos = static_cast<std::size_t>(static_cast<OPJ_OFF_T>(o->pos) + n);
    if (o->bytes.size() < o->pos) o->bytes.resize(o->pos);
    return n;
}
OPJ_BOOL seekTo(OPJ_OFF_T at, void* user)
{
    auto* o = static_cast<Output*>(user);
    o->pos = static_cast<std::size_t>(at);
    if (o->bytes.size() < o->pos) o->bytes.resize(o->pos);
    return OPJ_TRUE;
}
void ignore(const char*, void*) {}

} // namespace

std::vector<unsigned char> encodeJpeg2000(const std::vector<int>& planar, int width, int height, int components,
                                          int precision, bool isSigned, const Jpeg2000Encoding& how)
{
    if (planar.size() != static_cast<std::size_t>(width) * height * components)
        throw std::runtime_error("encodeJpeg2000: wrong number of samples");
    std::vector<opj_image_cmptparm_t> params(static_cast<std::size_t>(components));
    for (auto& c : params) {
        std::memset(&c, 0, sizeof c);
        c.dx = c.dy = 1;
        c.w = static_cast<OPJ_UINT32>(width);
        c.h = static_cast<OPJ_UINT32>(height);
        c.prec = static_cast<OPJ_UINT32>(precision);
        c.sgnd = isSigned ? 1 : 0;
    }
    opj_image_t* image = opj_image_create(static_cast<OPJ_UINT32>(components), params.data(),
                                          components == 3 ? OPJ_CLRSPC_SRGB : OPJ_CLRSPC_GRAY);
    if (!image) throw std::runtime_error("encodeJpeg2000: cannot create the image");
    image->x0 = image->y0 = 0;
    image->x1 = static_cast<OPJ_UINT32>(width);
    image->y1 = static_cast<OPJ_UINT32>(height);
    const std::size_t plane = static_cast<std::size_t>(width) * height;
    for (int k = 0; k < components; ++k)
        std::copy(planar.begin() + static_cast<std::ptrdiff_t>(plane * k),
                  planar.begin() + static_cast<std::ptrdiff_t>(plane * (k + 1)), image->comps[k].data);

    opj_cparameters_t p;
    opj_set_default_encoder_parameters(&p);
    p.tcp_numlayers = 1;
    p.cp_disto_alloc = 1;
    p.tcp_rates[0] = how.lossless ? 0 : static_cast<float>(how.ratio);
    p.irreversible = how.lossless ? 0 : 1;
    p.tcp_mct = how.colourTransform && components == 3 ? 1 : 0;
    p.numresolution = std::min(4, 1 + static_cast<int>(std::log2(std::min(width, height))));
    opj_codec_t* codec = opj_create_compress(how.jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K);
    opj_set_error_handler(codec, ignore, nullptr);
    opj_set_warning_handler(codec, ignore, nullptr);
    opj_set_info_handler(codec, ignore, nullptr);
    Output out;
    opj_stream_t* stream = opj_stream_create(1 << 16, OPJ_FALSE);
    opj_stream_set_user_data(stream, &out, nullptr);
    opj_stream_set_write_function(stream, writeBytes);
    opj_stream_set_skip_function(stream, skipBytes);
    opj_stream_set_seek_function(stream, seekTo);
    const bool ok = opj_setup_encoder(codec, &p, image) && opj_start_compress(codec, image, stream) &&
                    opj_encode(codec, stream) && opj_end_compress(codec, stream);
    opj_stream_destroy(stream);
    opj_destroy_codec(codec);
    opj_image_destroy(image);
    if (!ok) throw std::runtime_error("encodeJpeg2000: OpenJPEG failed");
    return out.bytes;
}

} // namespace boneage::test
