#pragma once
// SHA-256 of a file, for model packages: the card records the weights' digest and the loader checks it.
#include <cstddef>
#include <cstdint>
#include <string>

namespace boneage {

class Sha256 {
public:
    Sha256();
    void update(const void* data, std::size_t size);
    std::string hexDigest();   // finishes; call once

private:
    void block(const std::uint8_t* p);
    std::uint32_t h_[8];
    std::uint8_t buffer_[64];
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0;
};

std::string sha256Hex(const std::string& bytes);
std::string sha256OfFile(const std::string& path);   // throws std::runtime_error if unreadable

} // namespace boneage
