#pragma once
// Minimal JSON text building for the LibTorch-only build (which has no JSON library): model cards,
// metrics and progress lines. Reading JSON happens in layers that have nlohmann::json.
#include <string>
#include <utility>
#include <vector>

namespace boneage::json {

std::string quote(const std::string& s);        // "..." with escapes
std::string number(double v, int decimals = 4);  // null for NaN/inf

// {"k": v, ...} from already-encoded values.
std::string object(const std::vector<std::pair<std::string, std::string>>& members);
std::string array(const std::vector<std::string>& items);

} // namespace boneage::json
