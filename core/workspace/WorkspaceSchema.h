#pragma once
// The workspace database's schema, one script per version: migration N takes a database from
// version N-1 to N (PRAGMA user_version). A released migration is never edited; a change is a new one.
#include <string>
#include <vector>

namespace boneage {

const std::vector<std::string>& workspaceMigrations();   // [0] makes version 1, ...

} // namespace boneage
