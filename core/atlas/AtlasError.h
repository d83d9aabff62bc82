#pragma once
// The one exception type of core/atlas: a manifest, a plate image or a labelled case that cannot be
// used. The message names the file (and the manifest entry) and says what to fix.
#include <stdexcept>
#include <string>

namespace boneage {

class AtlasError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace boneage
