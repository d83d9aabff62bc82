#pragma once
// Internal to the DICOM reader: the few things done to a DICOM file's bytes before DCMTK parses it.
// - Deflated Explicit VR Little Endian: DCMTK inflates while it parses, so values are loaded eagerly
//   and a declared length cannot be checked against the data that is really there. We inflate first,
//   bounded by the file-size limit, and DCMTK then reads an ordinary explicit little endian file.
// - HTJ2K: DCMTK 3.6.7 predates these UIDs; the meta header names JPEG 2000 for DCMTK instead (the
//   encapsulation is identical) and the reader keeps the declared UID and decodes with OpenJPEG.
#include "RadiographLoader.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boneage::dicom {

struct MetaHeader {
    std::string transferSyntax;
    std::size_t end = 0;                      // where the data set starts
    std::size_t syntaxAt = 0, syntaxLength = 0;   // the Transfer Syntax UID value in the bytes
};

// The file meta information of a Part 10 file (preamble, "DICM", group 0002); nullopt if the bytes
// do not start with one that can be walked (DCMTK then reads the file as it is).
std::optional<MetaHeader> readMetaHeader(const std::uint8_t* data, std::size_t size);

// Whether the file must be rewritten by prepareForDcmtk before DCMTK reads it.
bool needsPrepass(const MetaHeader& meta);

// The bytes DCMTK reads instead of `data`. Throws InputError (too-large, corrupt, truncated).
std::vector<std::uint8_t> prepareForDcmtk(const std::uint8_t* data, std::size_t size, const MetaHeader& meta,
                                          const LoadLimits& limits, const std::string& source);

} // namespace boneage::dicom
