#include "DicomPrepass.h"
#include "InputError.h"
#include "TransferSyntaxes.h"

#include <zlib.h>

#include <cstring>

namespace boneage::dicom {

namespace {

const char* const kDeflated = "1.2.840.10008.1.2.1.99";

std::uint16_t le16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t le32(const std::uint8_t* p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

bool hasLongLength(const std::uint8_t* vr)
{
    static const char* const longVrs[] = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"};
    for (const char* v : longVrs)
        if (vr[0] == v[0] && vr[1] == v[1]) return true;
    return false;
}

// Replaces the Transfer Syntax UID value in place, padded with NULs to the same length, so that no
// length in the meta header changes (a UI value ends at its first NUL).
void renameSyntax(std::vector<std::uint8_t>& bytes, const MetaHeader& meta, const char* uid)
{
    const std::size_t n = std::strlen(uid);
    std::memset(bytes.data() + meta.syntaxAt, 0, meta.syntaxLength);
    std::memcpy(bytes.data() + meta.syntaxAt, uid, n);
}

} // namespace

std::optional<MetaHeader> readMetaHeader(const std::uint8_t* d, std::size_t size)
{
    if (size < 132 || std::memcmp(d + 128, "DICM", 4) != 0) return std::nullopt;
    MetaHeader meta;
    std::size_t at = 132;
    while (at + 8 <= size && le16(d + at) == 0x0002) {
        const std::uint16_t element = le16(d + at + 2);
        const std::uint8_t* vr = d + at + 4;
        if (vr[0] < 'A' || vr[0] > 'Z' || vr[1] < 'A' || vr[1] > 'Z') return std::nullopt;
        std::size_t header = 8;
        std::uint64_t length = le16(d + at + 6);
        if (hasLongLength(vr)) {
            if (at + 12 > size) return std::nullopt;
            header = 12;
            length = le32(d + at + 8);
        }
        if (at + header + length > size) return std::nullopt;
        if (element == 0x0010) {
            meta.syntaxAt = at + header;
            meta.syntaxLength = static_cast<std::size_t>(length);
            std::string uid(reinterpret_cast<const char*>(d + meta.syntaxAt), meta.syntaxLength);
            while (!uid.empty() && (uid.back() == '\0' || uid.back() == ' ')) uid.pop_back();
            meta.transferSyntax = uid;
        }
        at += header + static_cast<std::size_t>(length);
    }
    if (meta.syntaxLength == 0) return std::nullopt;
    meta.end = at;
    return meta;
}

bool needsPrepass(const MetaHeader& meta)
{
    return meta.transferSyntax == kDeflated || isHighThroughputJpeg2000(meta.transferSyntax);
}

std::vector<std::uint8_t> prepareForDcmtk(const std::uint8_t* data, std::size_t size, const MetaHeader& meta,
                                          const LoadLimits& limits, const std::string& source)
{
    using R = InputError::Reason;
    if (isHighThroughputJpeg2000(meta.transferSyntax)) {
        std::vector<std::uint8_t> out(data, data + size);
        const char* asJpeg2000 = "1.2.840.10008.1.2.4.91";
        if (meta.syntaxLength < std::strlen(asJpeg2000)) return out;   // cannot be an HTJ2K UID then
        renameSyntax(out, meta, asJpeg2000);
        return out;
    }

    // Deflated: the meta header as it is (renamed to explicit little endian), then the data set inflated.
    std::vector<std::uint8_t> out(data, data + meta.end);
    renameSyntax(out, meta, "1.2.840.10008.1.2.1");
    z_stream z{};
    // PS3.5 A.5: raw deflate (RFC 1951) without a zlib header; a few writers add one anyway.
    const bool zlibHeader = size >= meta.end + 2 && (data[meta.end] & 0x0F) == 8 &&
                            ((data[meta.end] << 8) | data[meta.end + 1]) % 31 == 0;
    if (inflateInit2(&z, zlibHeader ? 15 : -15) != Z_OK) throw std::runtime_error("zlib cannot start inflating");
    struct End {
        z_stream& z;
        ~End() { inflateEnd(&z); }
    } end{z};
    z.next_in = const_cast<Bytef*>(data + meta.end);
    z.avail_in = static_cast<uInt>(size - meta.end);
    const std::uint64_t cap = limits.maxFileBytes;
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        const std::size_t have = out.size();
        if (have >= cap)
            throw InputError(R::TooLarge, source + ": the deflated DICOM data set inflates to more than " +
                                              std::to_string(cap >> 20) + " MiB, over the file-size limit.");
        const std::size_t chunk = static_cast<std::size_t>(std::min<std::uint64_t>(cap - have, 1u << 20));
        out.resize(have + chunk);
        z.next_out = out.data() + have;
        z.avail_out = static_cast<uInt>(chunk);
        rc = inflate(&z, Z_NO_FLUSH);
        out.resize(have + (chunk - z.avail_out));
        if (rc == Z_STREAM_END) break;
        if (rc == Z_BUF_ERROR && z.avail_in == 0)
            throw InputError(R::Truncated, source + ": the deflated DICOM data is cut short; copy it again "
                                                    "from the PACS or modality.");
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            throw InputError(R::Corrupt, source + ": the deflated DICOM data is damaged (" +
                                             std::string(z.msg ? z.msg : "inflate failed") +
                                             "); copy it again from the PACS or modality.");
    }
    return out;
}

} // namespace boneage::dicom
