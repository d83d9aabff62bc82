#pragma once
// One place that turns whatever a package can raise while it loads or runs (LibTorch errors, memory,
// anything else) into a one-line PackageError, so that one broken package is skipped, never fatal.
// LibTorch only: included by ModelPackage.cpp and LandmarkModel.cpp.
#include "common/TextClip.h"
#include "imaging/InputError.h"
#include "inference/ModelPackage.h"

#include <c10/util/Exception.h>

#include <new>
#include <string>

namespace boneage {

// `kind`: "package" or "landmark package"; `doing`: what failed ("could not be loaded", ...).
template <typename Run>
auto rethrowAsPackageError(const std::string& directory, const char* kind, const char* doing, Run run) -> decltype(run())
{
    const auto oneLine = [](const std::string& s) { return clipText(s, 400); };
    const std::string what = directory + ": the " + kind + " " + doing;
    try {
        return run();
    } catch (const PackageError&) {
        throw;
    } catch (const InputError&) {
        throw;   // the radiograph's fault, not the package's
    } catch (const c10::Error& e) {
        throw PackageError(what + " (LibTorch: " + oneLine(e.what_without_backtrace()) + ").");
    } catch (const std::bad_alloc&) {
        throw PackageError(what + ": not enough memory.");
    } catch (const std::exception& e) {
        throw PackageError(what + " (" + oneLine(e.what()) + ").");
    }
}

} // namespace boneage
