#pragma once
// What the workspace tests share.
#include "workspace/WorkspaceError.h"

#include <stdexcept>

namespace boneage::test {

// Runs `f` and returns the WorkspaceError it throws; throws std::runtime_error when it throws nothing.
template <class F>
WorkspaceError expectWorkspaceError(F&& f)
{
    try {
        f();
    } catch (const WorkspaceError& e) {
        return e;
    }
    throw std::runtime_error("no WorkspaceError");
}

} // namespace boneage::test
