#include "TransferSyntaxes.h"

#include <algorithm>

namespace boneage {

const std::vector<TransferSyntax>& transferSyntaxes()
{
    // The syntaxes of PS3.5 (current and the retired ones still met in archives), in UID order.
    // Decoders: DCMTK 3.6.7 (dcmdata, dcmjpeg, dcmjpls) and OpenJPEG 2.5 (JPEG 2000, and HTJ2K,
    // whose decoder OpenJPEG gained in 2.5.0). JPEG 2000 Part 2 multi-component transforms are not
    // decoded by OpenJPEG; JPIP syntaxes reference pixels on a server this program cannot reach.
    static const std::vector<TransferSyntax> list = {
        {"1.2.840.10008.1.2", "Implicit VR Little Endian", "DCMTK"},
        {"1.2.840.10008.1.2.1", "Explicit VR Little Endian", "DCMTK"},
        {"1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian", nullptr},
        {"1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", "zlib + DCMTK"},
        {"1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)", "DCMTK"},
        {"1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", "DCMTK"},
        {"1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", "DCMTK"},
        {"1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8) (retired)", "DCMTK"},
        {"1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 & 12) (retired)", "DCMTK"},
        {"1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", "DCMTK"},
        {"1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, SV1)", "DCMTK"},
        {"1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", "DCMTK"},
        {"1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", "DCMTK"},
        {"1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", "OpenJPEG"},
        {"1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", "OpenJPEG"},
        {"1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)", nullptr},
        {"1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression", nullptr},
        {"1.2.840.10008.1.2.4.94", "JPIP Referenced", nullptr},
        {"1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", nullptr},
        {"1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", nullptr},
        {"1.2.840.10008.1.2.4.100.1", "Fragmentable MPEG2 Main Profile / Main Level", nullptr},
        {"1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", nullptr},
        {"1.2.840.10008.1.2.4.101.1", "Fragmentable MPEG2 Main Profile / High Level", nullptr},
        {"1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", nullptr},
        {"1.2.840.10008.1.2.4.102.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1", nullptr},
        {"1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", nullptr},
        {"1.2.840.10008.1.2.4.103.1", "Fragmentable MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", nullptr},
        {"1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video", nullptr},
        {"1.2.840.10008.1.2.4.104.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video", nullptr},
        {"1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video", nullptr},
        {"1.2.840.10008.1.2.4.105.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video", nullptr},
        {"1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", nullptr},
        {"1.2.840.10008.1.2.4.106.1", "Fragmentable MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", nullptr},
        {"1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", nullptr},
        {"1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", nullptr},
        {"1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)", "OpenJPEG"},
        {"1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", "OpenJPEG"},
        {"1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", "OpenJPEG"},
        {"1.2.840.10008.1.2.4.204", "JPIP HTJ2K Referenced", nullptr},
        {"1.2.840.10008.1.2.4.205", "JPIP HTJ2K Referenced Deflate", nullptr},
        {"1.2.840.10008.1.2.5", "RLE Lossless", "DCMTK"},
        {"1.2.840.10008.1.2.6.1", "RFC 2557 MIME encapsulation (retired)", nullptr},
        {"1.2.840.10008.1.2.6.2", "XML Encoding (retired)", nullptr},
        {"1.2.840.10008.1.2.7.1", "SMPTE ST 2110-20 Uncompressed Progressive Active Video", nullptr},
        {"1.2.840.10008.1.2.7.2", "SMPTE ST 2110-20 Uncompressed Interlaced Active Video", nullptr},
        {"1.2.840.10008.1.2.7.3", "SMPTE ST 2110-30 PCM Digital Audio", nullptr},
        {"1.2.840.10008.1.2.8.1", "JPEG XL Lossless", nullptr},
        {"1.2.840.10008.1.2.8.2", "JPEG XL JPEG Recompression", nullptr},
        {"1.2.840.10008.1.2.8.3", "JPEG XL", nullptr},
    };
    return list;
}

const TransferSyntax* findTransferSyntax(const std::string& uid)
{
    const auto& list = transferSyntaxes();
    const auto it = std::find_if(list.begin(), list.end(), [&](const TransferSyntax& t) { return uid == t.uid; });
    return it == list.end() ? nullptr : &*it;
}

bool isHighThroughputJpeg2000(const std::string& uid)
{
    return uid == "1.2.840.10008.1.2.4.201" || uid == "1.2.840.10008.1.2.4.202" || uid == "1.2.840.10008.1.2.4.203";
}

bool isJpeg2000(const std::string& uid)
{
    return uid == "1.2.840.10008.1.2.4.90" || uid == "1.2.840.10008.1.2.4.91" || isHighThroughputJpeg2000(uid);
}

} // namespace boneage
